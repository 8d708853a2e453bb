"""spaCy's Norwegian (``nb``) tokenizer without spaCy: the same tokens from the same rules.

spaCy's import and pipeline set-up cost more than a small file's whole processing. The rules (prefix,
suffix and infix patterns, URL pattern, special cases, stop words) ship as ``resources/tokenizer_nb.json``,
written from the installed spaCy by :func:`build_rules` (``tests/nlp/test_tokenizer.py`` holds both the
rules and the tokens identical to spaCy's). :func:`tokenize` follows ``spacy/tokenizer.pyx``
(``_tokenize_affixes``, ``_split_affixes``, ``_attach_tokens``, ``_apply_special_cases``) step by step.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable

RULES_FILE = "tokenizer_nb.json"
_CHUNKS = re.compile(r"\S+|\s+")


@dataclass(frozen=True, eq=False)  # hashed by identity: a key of the chunk caches
class Rules:
    """Compiled tokenizer rules."""

    prefix: Callable[[str], re.Match[str] | None]
    suffix: Callable[[str], re.Match[str] | None]
    infixes: Callable[[str], list[re.Match[str]]]
    url: Callable[[str], re.Match[str] | None]
    specials: dict[str, tuple[str, ...]]
    stop_words: frozenset[str]
    # special cases spaCy also looks for after tokenizing (those containing an affix or a space):
    # first token -> (token texts without special cases, the special string)
    affix_specials: dict[str, tuple[tuple[tuple[str, ...], str], ...]]


def build_rules() -> dict[str, Any]:
    """The rules of ``spacy.blank("nb")``'s tokenizer as JSON-ready data (imports spaCy)."""
    import spacy
    from spacy.attrs import ORTH
    from spacy.tokenizer import Tokenizer

    nlp = spacy.blank("nb")
    tok = nlp.tokenizer
    plain = Tokenizer(nlp.vocab, rules={}, prefix_search=tok.prefix_search, suffix_search=tok.suffix_search,
                      infix_finditer=tok.infix_finditer, url_match=tok.url_match)
    affix = [key for key in tok.rules
             if tok.find_prefix(key) or tok.find_infix(key) or tok.find_suffix(key) or " " in key]
    return {
        "spacy_version": spacy.__version__,
        "prefix": tok.prefix_search.__self__.pattern,
        "suffix": tok.suffix_search.__self__.pattern,
        "infix": tok.infix_finditer.__self__.pattern,
        "url": tok.url_match.__self__.pattern,
        "specials": {key: [t[ORTH] for t in value] for key, value in sorted(tok.rules.items())},
        # special cases spaCy looks for again after tokenizing, as the tokens they would otherwise get
        "affix_specials": {key: [t.text for t in plain(key)] for key in sorted(affix)},
        "stop_words": sorted(nlp.Defaults.stop_words),
    }


def write_rules(path: Path | None = None) -> Path:
    """Write :func:`build_rules` to the package's rules file (or ``path``); returns the path."""
    target = path or Path(__file__).resolve().parent.parent / "resources" / RULES_FILE
    target.write_text(json.dumps(build_rules(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return target


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The shipped rules, compiled once per process."""
    data = json.loads(resources.files("pipeline.resources").joinpath(RULES_FILE).read_text(encoding="utf-8"))
    infix = re.compile(data["infix"])
    grouped: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for key, plain in data["affix_specials"].items():
        grouped.setdefault(plain[0], []).append((tuple(plain), key))
    return Rules(prefix=re.compile(data["prefix"]).search, suffix=re.compile(data["suffix"]).search,
                 infixes=lambda s: list(infix.finditer(s)), url=re.compile(data["url"]).match,
                 specials={key: tuple(value) for key, value in data["specials"].items()},
                 stop_words=frozenset(data["stop_words"]),
                 affix_specials={k: tuple(v) for k, v in grouped.items()})


def tokenize(text: str) -> list[tuple[str, int, bool]]:
    """spaCy's tokens of ``text``: (text, character offset, followed by a space)."""
    r = rules()
    return _apply_special_cases(_tokenize_affixes(text, r), text, r)


def _tokenize_affixes(text: str, r: Rules) -> list[tuple[str, int, bool]]:
    out: list[tuple[str, int, bool]] = []
    for m in _CHUNKS.finditer(text):
        chunk, start = m.group(), m.start()
        if chunk[0].isspace() and out and chunk[0] == " ":
            text_, idx, _ = out[-1]
            out[-1] = (text_, idx, True)  # one space after a token is its trailing space, not a token
            chunk, start = chunk[1:], start + 1
        if not chunk:
            continue
        offset = start
        for piece in _chunk_tokens(chunk, r):
            out.append((piece, offset, False))
            offset += len(piece)
    return out


@lru_cache(maxsize=1 << 17)
def _chunk_tokens(string: str, r: Rules) -> tuple[str, ...]:
    """One whitespace-free (or all-whitespace) chunk: ``_split_affixes`` + ``_attach_tokens``."""
    special = r.specials
    if string in special:
        return special[string]
    prefixes: list[str] = []
    suffixes: list[str] = []
    last_size = -1
    while string and len(string) != last_size:
        if string in special:
            break
        last_size = len(string)
        m = r.prefix(string)
        pre_len = m.end() - m.start() if m else 0
        if pre_len:
            prefix, minus_pre = string[:pre_len], string[pre_len:]
            if minus_pre and minus_pre in special:
                string = minus_pre
                prefixes.append(prefix)
                break
        m = r.suffix(string[pre_len:])
        suf_len = m.end() - m.start() if m else 0
        if suf_len:
            suffix, minus_suf = string[-suf_len:], string[:-suf_len]
            if minus_suf and minus_suf in special:
                string = minus_suf
                suffixes.append(suffix)
                break
        if pre_len and suf_len and pre_len + suf_len <= len(string):
            string = string[pre_len:-suf_len]
            prefixes.append(prefix)
            suffixes.append(suffix)
        elif pre_len:
            string = minus_pre
            prefixes.append(prefix)
        elif suf_len:
            string = minus_suf
            suffixes.append(suffix)
    tokens = prefixes
    if string:
        if string in special:
            tokens.extend(special[string])
        elif r.url(string):
            tokens.append(string)
        else:
            tokens.extend(_infix_split(string, r))
    tokens.extend(reversed(suffixes))
    return tuple(tokens)


def _infix_split(string: str, r: Rules) -> list[str]:
    matches = r.infixes(string)
    if not matches:
        return [string]
    out, start = [], 0
    for match in matches:
        if match.start() == 0:  # spaCy skips an infix at the very start
            continue
        if match.start() != start:
            out.append(string[start:match.start()])
        if match.start() != match.end():
            out.append(string[match.start():match.end()])
        start = match.end()
    if string[start:]:
        out.append(string[start:])
    return out


def _apply_special_cases(tokens: list[tuple[str, int, bool]], text: str,
                         r: Rules) -> list[tuple[str, int, bool]]:
    """Special cases that span several affix-split tokens (":-)" after a word, "°C." ...)."""
    found: list[tuple[int, int, str]] = []
    for i, (first, _, _) in enumerate(tokens):
        for plain, key in r.affix_specials.get(first, ()):
            end = i + len(plain)
            if end <= len(tokens) and all(tokens[i + k][0] == plain[k] for k in range(1, len(plain))):
                found.append((i, end, key))
    if not found:
        return tokens
    found.sort(key=lambda s: (s[1] - s[0], -s[0]))  # spaCy's len_start_cmp; longest, then first, wins
    seen: set[int] = set()
    kept = []
    for start, end, key in reversed(found):
        if start not in seen and end - 1 not in seen:
            kept.append((start, end, key))
        seen.update(range(start, end))
    out: list[tuple[str, int, bool]] = []
    by_start = {start: (end, key) for start, end, key in kept}
    i = 0
    while i < len(tokens):
        hit = by_start.get(i)
        if hit is None:
            out.append(tokens[i])
            i += 1
            continue
        end, key = hit
        begin, last = tokens[i][1], tokens[end - 1]
        if text[begin:last[1] + len(last[0])] != key:  # tokens separated by spaces: not this special case
            out.append(tokens[i])
            i += 1
            continue
        offset = begin
        pieces = r.specials[key]
        for k, piece in enumerate(pieces):
            out.append((piece, offset, last[2] if k == len(pieces) - 1 else False))
            offset += len(piece)
        i = end
    return out
