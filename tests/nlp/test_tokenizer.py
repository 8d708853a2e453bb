"""The spaCy-free tokenizer and entity finder give spaCy's tokens and the spaCy pipeline's entities."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from pipeline.nlp.partner_spacy import partner_nlp
from pipeline.nlp.ruler import partner_doc
from pipeline.nlp.tokenizer import RULES_FILE, build_rules, tokenize

CORPUS = Path(__file__).parents[1] / "corpus"
ODD = ["  lead", "a  b", "x \n y ", "f.eks. (f.eks.), f.eks.:", "°C.", "hei:-)", "se https://www.x.no/a-b?c=1.",
       "A/S-en", "3-4 %", "kl.12.00", "\t\ttab", "\xa0nbsp\xa0", "e-post: a@b.no", "(Asker-Bærum)", "1990-tallet",
       "osv.).", "Nord-Aurdal kommune", "FK'ene og IPR-ene", ""]
# spaCy's EntityRuler breaks a tie between an alias and the ORG_SUFFIX pattern on the same word by hash order
TIES = {"Miljødirektoratet", "Østlandssamarbeidet", "Jernbanedirektoratet", "Kystverket", "Landbruksdirektoratet",
        "Skogeierforbundet"}


def _texts() -> list[str]:
    texts = list(ODD)
    for path in sorted(CORPUS.glob("**/*.txt")):
        text = path.read_text(encoding="utf-8")
        texts += [text, *(line for line in text.splitlines() if line.strip())]
    return texts


def test_the_shipped_rules_are_those_of_the_installed_spacy() -> None:
    shipped = json.loads(resources.files("pipeline.resources").joinpath(RULES_FILE).read_text(encoding="utf-8"))
    assert shipped == build_rules(), "rewrite them: python -c 'from pipeline.nlp.tokenizer import write_rules; write_rules()'"


def test_tokens_are_spacys() -> None:
    nlp = partner_nlp()
    for text in _texts():
        assert tokenize(text) == [(t.text, t.idx, bool(t.whitespace_)) for t in nlp.make_doc(text)], text[:80]


def _entities(doc) -> list[tuple]:
    return [(e.start, e.end, e.label_, "" if e.text in TIES and not e.kb_id_ else e.ent_id_, e.kb_id_, e.text)
            for e in doc.ents]


def _tokens(doc) -> list[tuple]:
    return [(t.text, t.lower_, t.is_stop, t.is_alpha, t.is_title, t.ent_type_) for t in doc]


@pytest.mark.parametrize("extra", [
    "", " Asker, Drammen, Lier og Øvre Eiker kommune", " Oslo Business Region og Asker Næringsråd",
    " Statsforvalteren i Agder og Foo Bar IKS", " f.eks. Bodø kommunes og Viken FK",
])
def test_entities_are_those_of_the_spacy_pipeline(extra: str) -> None:
    nlp = partner_nlp()
    for text in _texts()[:400]:
        text += extra
        spacy_doc, doc = nlp(text), partner_doc(text)
        assert _entities(doc) == _entities(spacy_doc), text[:80]
        assert _tokens(doc) == _tokens(spacy_doc), text[:80]


def test_an_alias_wins_a_tie_with_the_organisation_suffix_pattern() -> None:
    assert [(e.ent_id_, e.text) for e in partner_doc("Samarbeid med Skogeierforbundet").ents] == [
        ("Norges skogeierforbund", "Skogeierforbundet")]
