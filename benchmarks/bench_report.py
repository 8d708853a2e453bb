"""Render the HTML report for 1,000 synthetic measures; print seconds and size.

Goal: < 2 s and < 2 MB.  Run: python benchmarks/bench_report.py [N]
"""
from __future__ import annotations

import random
import sys
import time
from datetime import date, datetime, timezone

import numpy as np
import pandas as pd

from pipeline.report.render import render_markdown, render_report
from pipeline.report.labels import themes

WORDS = ("kartlegging samarbeid kommunene regionen utvikle pilot grønn omstilling transport næringsliv "
         "kompetanse vannkvalitet Oslofjorden sirkulær ombruk energi kraftnett tog buss arealbruk natur "
         "klimatilpasning innovasjon nettverk dialog staten påvirke etablere videreføre styrke").split()
PARTNERS = ("NMBU", "NVE", "Statens vegvesen", "Bane NOR", "Oslo kommune", "Asker kommune", "KS", "Næringslivet",
            "Fylkeskommunene", "Miljødirektoratet", "Østlandssamarbeidet", "EU")
TYPES = ("prosjekt", "kartlegging", "arrangement", "politisk-pavirkning", "kompetanse", "samarbeid", "annet")


def synthetic(n: int, seed: int = 1) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """n measures, statuses for ~70 % of them, and a diff with ~n/5 changes."""
    rnd = random.Random(seed)
    ids = [t.id for t in themes()]
    rows = []
    for i in range(n):
        theme = rnd.choice(ids)
        text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(12, 40))).capitalize() + "."
        rows.append({
            "measure_id": f"{i:06d}{rnd.getrandbits(40):010x}", "document_id": "d", "source_file": "hp.pdf",
            "program": "Handlingsprogram 2026", "version_date": date(2025, 10, 14), "ordinal": i,
            "parent_id": None, "level": 0, "section": np.array(["Innsatsområder", theme], dtype=object),
            "theme": theme, "theme_source": "heading", "theme_score": 1.0, "measure_type": rnd.choice(TYPES),
            "text": text,
            "goals": np.array([{"kind": "resultatmål", "text": "Rapport levert innen 2027"}], dtype=object),
            "targets": np.array([{"value": 30.0, "unit": "%", "year": 2030, "text": None}], dtype=object),
            "partners": np.array(rnd.sample(PARTNERS, rnd.randint(0, 4)), dtype=object),
            "page": i // 20 + 1, "line": i % 50, "lineage_id": f"L{i}",
        })
    measures = pd.DataFrame(rows)
    now = datetime.now(timezone.utc)
    status = pd.DataFrame([{"lineage_id": f"L{i}", "status": rnd.choice(("grønn", "gul", "rød")),
                            "note": "Følges opp" if i % 7 == 0 else None, "updated_at": now}
                           for i in range(n) if rnd.random() < 0.7])
    changes = pd.DataFrame([{"old_version": "HP@2025-09-09", "new_version": "HP@2025-10-14", "change": "modified",
                             "old_measure_id": "x", "new_measure_id": measures.loc[i, "measure_id"],
                             "old_text": measures.loc[i, "text"].replace("pilot", "forprosjekt"),
                             "new_text": measures.loc[i, "text"], "old_theme": measures.loc[i, "theme"],
                             "new_theme": measures.loc[i, "theme"], "fields": ["text"], "similarity": 0.9}
                            for i in range(0, n, 5)])
    return measures, status, changes


def main(n: int = 1000) -> None:
    measures, status, changes = synthetic(n)
    meta = {"program": "Handlingsprogram 2026", "version_date": date(2025, 10, 14), "dataset_version": 42}
    render_report(measures.head(5), status, changes.head(1), meta)  # warm up (template compile)
    t0 = time.perf_counter()
    html = render_report(measures, status, changes, meta)
    seconds = time.perf_counter() - t0
    t1 = time.perf_counter()
    md = render_markdown(measures, status, changes, meta)
    md_seconds = time.perf_counter() - t1
    size = len(html.encode("utf-8"))
    ok = seconds < 2 and size < 2 * 1024 * 1024
    print(f"measures={n} html_seconds={seconds:.3f} html_bytes={size} ({size / 1024 / 1024:.2f} MB) "
          f"markdown_seconds={md_seconds:.3f} markdown_bytes={len(md.encode())} goal={'met' if ok else 'MISSED'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
