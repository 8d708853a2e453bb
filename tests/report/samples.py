"""Hand-built measures / status / changes frames for the report tests (~20 measures, 6 themes)."""
from __future__ import annotations

from datetime import date, datetime, timezone

import numpy as np
import pandas as pd

XSS = "<script>window.__pwned=1</script>"
THEMES = ["klima-miljo-natur", "transport-mobilitet", "naeringsutvikling", "sirkularokonomi", "oslofjorden-vann",
          "styring-samarbeid"]
TEXTS = [
    "Kartlegging av de økologiske korridorene i Osloregionen (samarbeid mellom kommunene).",
    "Påvirke staten for raskere utbygging av InterCity-strekningene & bedre togtilbud.",
    "Etablere et nettverk for næringsutvikling i grønne verdikjeder.",
    "Pilot for ombruk av byggematerialer i kommunale byggeprosjekter.",
    "Strandrydding langs Oslofjorden med skoler og frivillige.",
    "Politikeropplæring om regionens rolle og samarbeidsstrukturer.",
]
STATUS = {0: "grønn", 1: "gul", 2: "rød", 3: "grønn", 5: "rød", 8: "gul", 13: "grønn"}


def build_measures(n: int = 20) -> pd.DataFrame:
    rows = []
    for i in range(n):
        theme = THEMES[i % len(THEMES)]
        text = TEXTS[i % len(TEXTS)] + f" (nr. {i + 1})"
        if i == 7:
            text = XSS
        rows.append({
            "measure_id": f"m{i:03d}abcdef{i:04d}",
            "document_id": "doc1",
            "source_file": "handlingsprogram_2026.docx",
            "program": "Handlingsprogram 2026",
            "version_date": date(2025, 10, 14),
            "ordinal": i,
            "parent_id": "m000abcdef0000" if i == 6 else None,
            "level": 1 if i == 6 else 0,
            "section": np.array(["Innsatsområder", theme], dtype=object),
            "theme": theme,
            "theme_source": "heading",
            "theme_score": 1.0,
            "measure_type": ["kartlegging", "politisk-pavirkning", "samarbeid", "prosjekt", "arrangement",
                             "kompetanse"][i % 6],
            "text": text,
            "goals": np.array([{"kind": "resultatmål", "text": f"Rapport levert innen 2026 ({i})"},
                               {"kind": "effektmål", "text": "Bedre økologisk tilstand"}], dtype=object)
            if i % 3 == 0 else [],
            "targets": [{"value": 30.0, "unit": "%", "year": 2030, "text": None}] if i % 4 == 0 else None,
            "partners": np.array(["NMBU", "Oslo kommune"] if i % 2 == 0 else ["Statens vegvesen"], dtype=object),
            "page": None,
            "line": 10 + i,
            "lineage_id": f"L{i:03d}",
        })
    return pd.DataFrame(rows)


def build_status() -> pd.DataFrame:
    when = datetime(2025, 10, 20, 12, 0, tzinfo=timezone.utc)
    rows = [{"lineage_id": f"L{i:03d}", "status": s, "note": "Følges opp <b>neste</b> møte" if i == 2 else None,
             "updated_at": when} for i, s in STATUS.items()]
    # an older row for L002 that must lose to the newer one
    rows.append({"lineage_id": "L002", "status": "grønn", "note": None,
                 "updated_at": datetime(2025, 9, 1, tzinfo=timezone.utc)})
    return pd.DataFrame(rows)


def build_changes() -> pd.DataFrame:
    base = {"old_version": "Handlingsprogram 2026@2025-09-09", "new_version": "Handlingsprogram 2026@2025-10-14"}
    return pd.DataFrame([
        {**base, "change": "modified", "old_measure_id": "old1", "new_measure_id": "m001abcdef0001",
         "old_text": "Påvirke staten for utbygging av InterCity.", "new_text": TEXTS[1] + " (nr. 2)",
         "old_theme": "transport-mobilitet", "new_theme": "transport-mobilitet", "fields": ["text"],
         "similarity": 0.71},
        {**base, "change": "added", "old_measure_id": None, "new_measure_id": "m007abcdef0007", "old_text": None,
         "new_text": XSS, "old_theme": None, "new_theme": "naeringsutvikling", "fields": [], "similarity": None},
        {**base, "change": "removed", "old_measure_id": "old9", "new_measure_id": None,
         "old_text": "Et tiltak som ble fjernet.", "new_text": None, "old_theme": "kraft-energi", "new_theme": None,
         "fields": [], "similarity": None},
        {**base, "change": "unchanged", "old_measure_id": "old2", "new_measure_id": "m002abcdef0002",
         "old_text": "x", "new_text": "x", "old_theme": "naeringsutvikling", "new_theme": "naeringsutvikling",
         "fields": [], "similarity": 1.0},
        {"old_version": "Handlingsprogram 2026@2025-08-29", "new_version": "Handlingsprogram 2026@2025-09-09",
         "change": "added", "old_measure_id": None, "new_measure_id": "zzz", "old_text": None,
         "new_text": "Gammel diff som ikke skal vises", "old_theme": None, "new_theme": "kraft-energi",
         "fields": [], "similarity": None},
    ])


META = {"program": "Handlingsprogram 2026", "version_date": date(2025, 10, 14), "dataset_version": 7,
        "generated_at": datetime(2025, 10, 21, 8, 30, tzinfo=timezone.utc)}




def build_unversioned(n: int = 3) -> pd.DataFrame:
    """A group's note and an e-mail without programme title or date: they must still be in the report."""
    rows = []
    for i in range(n):
        source = "innspill-gruppe-3.txt" if i < n - 1 else "epost-fra-asker.eml"
        rows.append({
            "measure_id": f"u{i:03d}fedcba{i:04d}", "document_id": f"doc-u{i}", "source_file": source,
            "program": None, "version_date": None, "ordinal": i, "parent_id": None, "level": 0,
            "section": [], "theme": THEMES[i % len(THEMES)], "theme_source": "model", "theme_score": 0.6,
            "measure_type": "samarbeid", "text": f"Innspill uten programversjon nr. {i + 1} <b>fet</b>",
            "goals": [], "targets": None, "partners": ["Asker kommune"], "page": None, "line": 3 + i,
            "lineage_id": f"U{i:03d}",
        })
    return pd.DataFrame(rows)
