"""A tokenized text with entity spans: the part of spaCy's ``Doc``/``Token``/``Span`` the partner rules read
(same attribute names and meanings), built by :mod:`pipeline.nlp.tokenizer` without spaCy."""
from __future__ import annotations

from collections.abc import Iterator
from typing import overload

from pipeline.nlp.tokenizer import rules, tokenize


class Token:
    """One token: ``text``, its index ``i`` in the doc, character offset ``idx`` and lexical flags."""

    __slots__ = ("doc", "i", "idx", "text", "whitespace", "ent_type_", "ent_id_", "ent_kb_id_")

    def __init__(self, doc: Doc, i: int, text: str, idx: int, whitespace: bool) -> None:
        self.doc, self.i, self.text, self.idx, self.whitespace = doc, i, text, idx, whitespace
        self.ent_type_ = self.ent_id_ = self.ent_kb_id_ = ""

    @property
    def lower_(self) -> str:
        return self.text.lower()

    @property
    def is_alpha(self) -> bool:
        return self.text.isalpha()

    @property
    def is_title(self) -> bool:
        return self.text.istitle()

    @property
    def is_stop(self) -> bool:
        return self.text.lower() in rules().stop_words

    def nbor(self, k: int = 1) -> Token:
        """The token ``k`` positions away (IndexError outside the doc, as spaCy)."""
        j = self.i + k
        if not 0 <= j < len(self.doc.tokens):
            raise IndexError(j)
        return self.doc.tokens[j]


class Span:
    """Tokens ``start`` to ``end`` (exclusive); an entity has ``label_`` and the gazetteer name as ``ent_id_``
    (ruler patterns) or ``kb_id_`` (municipality coordination)."""

    __slots__ = ("doc", "start", "end", "label_", "ent_id_", "kb_id_")

    def __init__(self, doc: Doc, start: int, end: int, label: str = "", ent_id: str = "", kb_id: str = "") -> None:
        self.doc, self.start, self.end = doc, start, end
        self.label_, self.ent_id_, self.kb_id_ = label, ent_id, kb_id

    @property
    def start_char(self) -> int:
        return self.doc.tokens[self.start].idx

    @property
    def end_char(self) -> int:
        last = self.doc.tokens[self.end - 1]
        return last.idx + len(last.text)

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char:self.end_char] if self.end > self.start else ""

    def __iter__(self) -> Iterator[Token]:
        return iter(self.doc.tokens[self.start:self.end])

    def __len__(self) -> int:
        return self.end - self.start


class Doc:
    """The tokens of ``text`` and its entities ``ents`` (in text order, never overlapping)."""

    __slots__ = ("text", "tokens", "ents")

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = [Token(self, i, t, idx, ws) for i, (t, idx, ws) in enumerate(tokenize(text))]
        self.ents: tuple[Span, ...] = ()

    def set_ents(self, spans: list[Span]) -> None:
        """Make ``spans`` (not overlapping) the entities, as spaCy's ``Doc.ents`` setter: their tokens get
        ``ent_type_`` and ``ent_kb_id_``, and ``ent_id_`` unless the span has none (then a token keeps the
        id of an earlier entity); an entity read back takes the ids of its first token."""
        for token in self.tokens:
            token.ent_type_ = ""
        for span in spans:
            for token in span:
                token.ent_type_, token.ent_kb_id_ = span.label_, span.kb_id_
                token.ent_id_ = span.ent_id_ or token.ent_id_
        self.ents = tuple(Span(self, s.start, s.end, label=s.label_, ent_id=self.tokens[s.start].ent_id_,
                               kb_id=self.tokens[s.start].ent_kb_id_) for s in sorted(spans, key=lambda s: s.start))

    def char_span(self, start: int, end: int, label: str = "", kb_id: str = "") -> Span | None:
        """The span of the tokens from character ``start`` to ``end``; None unless both fall on token edges."""
        first = next((t.i for t in self.tokens if t.idx == start), None)
        last = next((t.i for t in self.tokens if t.idx + len(t.text) == end), None)
        if first is None or last is None or last < first:
            return None
        return Span(self, first, last + 1, label=label, kb_id=kb_id)

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    def __len__(self) -> int:
        return len(self.tokens)

    @overload
    def __getitem__(self, key: int) -> Token: ...

    @overload
    def __getitem__(self, key: slice) -> Span: ...

    def __getitem__(self, key: int | slice) -> Token | Span:
        if isinstance(key, slice):
            start, stop, _ = key.indices(len(self.tokens))
            return Span(self, start, max(start, stop))
        return self.tokens[key]
