"""The partner entities as a spaCy pipeline: blank ``nb`` + entity ruler over the gazetteer + municipality
coordination. The reference :mod:`pipeline.nlp.ruler` reproduces without spaCy (``tests/nlp`` holds the two
identical); kept for those tests and ``benchmarks/bench_nlp.py``. Imports spaCy when first built."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from pipeline.nlp.gazetteer import Gazetteer, load_gazetteer
from pipeline.nlp.ruler import ORG_SUFFIX, _part_of_longer_name

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def _make_coordination(nlp: Language, name: str) -> KommuneCoordination:
    return KommuneCoordination(load_gazetteer())


class KommuneCoordination:
    """'Asker, Drammen, Lier og Øvre Eiker kommune' -> four "<Navn> kommune" entities."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        names = sorted(gazetteer.kommuner, key=len, reverse=True)
        name = "(?:" + "|".join(re.escape(n) for n in names) + ")"
        self.pattern = re.compile(rf"\b({name}(?:\s*,\s*{name})*\s+(?:og|eller)\s+{name})\s+kommuner?\b")
        self.name_re = re.compile(rf"\b{name}\b")

    def __call__(self, doc: Doc) -> Doc:
        from spacy.util import filter_spans

        matches = list(self.pattern.finditer(doc.text))
        spans = [e for e in doc.ents if not any(m.start() <= e.start_char < m.end() for m in matches)
                 and not _part_of_longer_name(e)]
        for m in matches:
            for n in self.name_re.finditer(m.group(1)):
                span = doc.char_span(m.start(1) + n.start(), m.start(1) + n.end(), label="ORG",
                                     kb_id=f"{n.group()} kommune")
                if span is not None:
                    spans.append(span)
        doc.ents = filter_spans(spans)
        return doc


@lru_cache(maxsize=2)
def partner_nlp(gazetteer_path: str | None = None) -> Language:
    """The spaCy pipeline: blank ``nb`` + entity ruler (gazetteer, "<X> kommune", agencies) + coordination."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("kommune_coordination"):
        Language.factory("kommune_coordination", default_config={}, func=_make_coordination)
    gaz = load_gazetteer(gazetteer_path)
    nlp = spacy.blank("nb")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    patterns: list[dict] = []
    for entry in gaz.partners:
        for alias in entry.aliases:
            patterns.append({"label": "ORG", "pattern": alias, "id": entry.name})
    for kommune in gaz.kommuner:
        for suffix in ("kommune", "kommunes"):
            patterns.append({"label": "ORG", "pattern": f"{kommune} {suffix}", "id": f"{kommune} kommune"})
        patterns.append({"label": "KOMMUNE", "pattern": [{"TEXT": t} for t in kommune.split()], "id": f"{kommune} kommune"})
    for fylke in gaz.fylker:
        for suffix in ("fylkeskommune", "FK", "fylkeskommunes"):
            patterns.append({"label": "ORG", "pattern": f"{fylke} {suffix}", "id": f"{fylke} fylkeskommune"})
    for name, _ in gaz.organisations:
        words = [t.text for t in nlp.make_doc(name)]
        for form in (words, [*words[:-1], words[-1] + "s"]):
            patterns.append({"label": "ORG", "pattern": [{"TEXT": w} for w in form], "id": name})
    patterns.append({"label": "ORG", "pattern": [{"LOWER": {"IN": ["statsforvalteren", "statsforvaltaren"]}},
                                                 {"LOWER": "i"}, {"IS_TITLE": True}], "id": "Statsforvalteren"})
    patterns.append({"label": "ORG", "pattern": [{"IS_TITLE": True, "OP": "+"}, {"TEXT": "IKS"}]})
    patterns.append({"label": "ORG", "pattern": [{"TEXT": {"REGEX": ORG_SUFFIX.pattern}}]})
    ruler.add_patterns(patterns)
    nlp.add_pipe("kommune_coordination")
    return nlp
