"""Scoring predicted measures against a gold file of the annotation spec.

The matching rules are the project scorer's: a predicted measure matches a gold measure when its text
contains the gold ``key_phrase`` (case-folded, whitespace collapsed); each prediction matches at most one
gold measure (most specific first), so a prediction that merges two gold measures scores one hit and one
miss. Theme, type, partners, goals, targets, owners, deadlines and parents are scored on matched pairs.
A figure with nothing to score in a document (no gold items of its kind and none predicted) is left out
of that document, so macro means are not lifted by vacuous 1.0s.
"""
from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from pipeline.values import as_list, is_missing

WORD = re.compile(r"\w+", re.UNICODE)
UNIT_ALIASES = {"prosent": "%", "percent": "%", "pst": "%", "pst.": "%", "kr": "NOK", "kroner": "NOK", "nok": "NOK"}
COUNTS = ("gold_measures", "pred_measures")


def norm(text: object) -> str:
    """NFC, soft hyphens removed, whitespace collapsed, case-folded."""
    s = unicodedata.normalize("NFC", "" if is_missing(text) else str(text)).replace("\u00ad", "")
    return re.sub(r"\s+", " ", s).strip().casefold()


def _words(text: object) -> set[str]:
    return set(WORD.findall(norm(text)))


def _as_dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def match(gold: list[dict], preds: list[dict]) -> dict[int, int]:
    """Gold index -> prediction index, by key phrase."""
    texts = [norm(p.get("text")) for p in preds]
    keys = [norm(g["key_phrase"]) for g in gold]
    candidates = []
    for key in keys:
        cands = [pi for pi, t in enumerate(texts) if key and key in t]
        cands.sort(key=lambda pi: (sum(1 for k in keys if k and k in texts[pi]), len(texts[pi])))
        candidates.append(cands)
    taken: set[int] = set()
    pairs: dict[int, int] = {}
    for gi in sorted(range(len(gold)), key=lambda i: (len(candidates[i]) or 99, i)):
        free = next((pi for pi in candidates[gi] if pi not in taken), None)
        if free is not None:
            pairs[gi] = free
            taken.add(free)
    return pairs


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (an empty side counts as perfect only when both are empty)."""
    p = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def goal_hits(gold_goals: list[dict], pred_goals: list) -> tuple[int, int]:
    """(goals matched by word overlap >= 0.5, of those with the right kind)."""
    preds = [_as_dict(g) for g in pred_goals]
    used: set[int] = set()
    hit = kind_ok = 0
    for g in gold_goals:
        gw = _words(g["text"])
        for i, p in enumerate(preds):
            pw = _words(p.get("text"))
            if i not in used and gw and pw and len(gw & pw) / len(gw | pw) >= 0.5:
                used.add(i)
                hit += 1
                kind_ok += norm(p.get("kind")) == norm(g["kind"])
                break
    return hit, kind_ok


def _unit(u: object) -> str:
    s = str(u or "").strip()
    return UNIT_ALIASES.get(s.casefold(), s)


def _same_target(g: dict, p: dict) -> bool:
    gv, pv = g.get("value"), p.get("value")
    same_value = (gv is None and pv is None) or (gv is not None and pv is not None
                                                 and math.isclose(float(gv), float(pv), rel_tol=1e-6))
    same_unit = _unit(g.get("unit")) not in ("%", "NOK") or _unit(g.get("unit")) == _unit(p.get("unit"))
    same_year = not g.get("year") or (not is_missing(p.get("year")) and int(p["year"]) == int(g["year"]))
    return same_value and same_unit and same_year


def target_hits(gold_targets: list[dict], pred_targets: list) -> int:
    """Quantified targets matched by value, unit (for % and NOK) and year."""
    preds = [_as_dict(t) for t in pred_targets]
    used: set[int] = set()
    hit = 0
    for g in gold_targets:
        i = next((i for i, p in enumerate(preds) if i not in used and _same_target(g, p)), None)
        if i is not None:
            used.add(i)
            hit += 1
    return hit


def deadline_hit(gold: object, pred: dict) -> bool:
    """A written day must come out as that ``deadline``; any other deadline kept in ``deadline_text``."""
    got = None if is_missing(pred.get("deadline")) else str(pred.get("deadline"))[:10]
    if gold is None:
        return got is None and is_missing(pred.get("deadline_text"))
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", str(gold).strip())
    iso = f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}" if m else (
        str(gold) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(gold)) else None)
    return got == iso if iso else norm(gold) in norm(pred.get("deadline_text"))


class _Tally:
    """Counts over the matched pairs of one document."""

    def __init__(self) -> None:
        self.c: dict[str, int] = dict.fromkeys(
            ("theme", "type", "parent", "part_tp", "part_pred", "part_gold", "goal_tp", "goal_kind", "goal_pred",
             "goal_gold", "tgt_tp", "tgt_pred", "tgt_gold", "resp_tp", "resp_pred", "resp_gold", "dl_ok", "dl_n"), 0)
        self.has_resp = False

    def add_pair(self, g: dict, p: dict) -> None:
        c = self.c
        c["theme"] += p.get("theme") in {g["theme"], *g.get("alt_themes", [])}
        c["type"] += p.get("measure_type") == g["type"]
        self._sets("part", g.get("partners", []), as_list(p.get("partners")))
        hit, kind_ok = goal_hits(g.get("goals", []), as_list(p.get("goals")))
        c["goal_tp"] += hit
        c["goal_kind"] += kind_ok
        c["goal_pred"] += len(as_list(p.get("goals")))
        c["goal_gold"] += len(g.get("goals", []))
        gt = [t for t in g.get("targets", []) if t.get("value") is not None]
        pt = [t for t in as_list(p.get("targets")) if _as_dict(t).get("value") is not None]
        c["tgt_tp"] += target_hits(gt, pt)
        c["tgt_pred"] += len(pt)
        c["tgt_gold"] += len(gt)
        if "responsible" in g:
            self.has_resp = True
            self._sets("resp", g["responsible"], as_list(p.get("responsible")))
        if "deadline" in g:
            c["dl_ok"] += deadline_hit(g["deadline"], p)
            c["dl_n"] += 1

    def _sets(self, prefix: str, gold: list, pred: list) -> None:
        gs, ps = {norm(x) for x in gold}, {norm(x) for x in pred}
        self.c[f"{prefix}_tp"] += len(gs & ps)
        self.c[f"{prefix}_pred"] += len(ps)
        self.c[f"{prefix}_gold"] += len(gs)


def score_measures(gold_doc: dict, preds: list[dict]) -> dict[str, Any]:
    """Figures for one document: segmentation P/R/F1 and the per-pair figures, plus what was missed."""
    gold = gold_doc["measures"]
    pairs = match(gold, preds)
    tally = _Tally()
    for gi, pi in pairs.items():
        tally.add_pair(gold[gi], preds[pi])
    c = tally.c
    id_of_gold = {g["id"]: gi for gi, g in enumerate(gold)}
    for gi, pi in pairs.items():
        parent = id_of_gold.get(gold[gi].get("parent") or "")
        want = preds[pairs[parent]].get("measure_id") if parent in pairs else None
        c["parent"] += want is not None and preds[pi].get("parent_id") == want
    seg = prf(len(pairs), len(preds), len(gold))
    figures: dict[str, float | None] = {
        "segmentation_precision": seg[0], "segmentation_recall": seg[1], "segmentation_f1": seg[2],
        "theme_acc": c["theme"] / len(pairs) if pairs else None, "type_acc": c["type"] / len(pairs) if pairs else None}
    if c["part_gold"] or c["part_pred"]:
        part = prf(c["part_tp"], c["part_pred"], c["part_gold"])
        figures.update(partner_precision=part[0], partner_recall=part[1], partner_f1=part[2])
    if c["goal_gold"] or c["goal_pred"]:
        goals = prf(c["goal_tp"], c["goal_pred"], c["goal_gold"])
        figures.update(goal_precision=goals[0], goal_recall=goals[1])
    if c["goal_tp"]:
        figures["goal_kind_acc"] = c["goal_kind"] / c["goal_tp"]
    if c["tgt_gold"] or c["tgt_pred"]:
        tgts = prf(c["tgt_tp"], c["tgt_pred"], c["tgt_gold"])
        figures.update(target_precision=tgts[0], target_recall=tgts[1])
    parent_n = sum(1 for g in gold if g.get("parent"))
    if parent_n:
        figures["parent_acc"] = c["parent"] / parent_n
    if tally.has_resp:
        figures["responsible_f1"] = prf(c["resp_tp"], c["resp_pred"], c["resp_gold"])[2]
    if c["dl_n"]:
        figures["deadline_acc"] = c["dl_ok"] / c["dl_n"]
    return {"file": gold_doc["document"]["file"], "gold_measures": len(gold), "pred_measures": len(preds),
            **{k: round(v, 3) for k, v in figures.items() if v is not None},
            "missed": [gold[gi]["key_phrase"] for gi in range(len(gold)) if gi not in pairs]}


def macro(results: list[dict[str, Any]]) -> dict[str, float]:
    """The mean of each figure over the documents that have it."""
    keys = [k for r in results for k, v in r.items()
            if isinstance(v, (int, float)) and not isinstance(v, bool) and k not in COUNTS]
    return {k: round(sum(r[k] for r in results if k in r) / sum(1 for r in results if k in r), 3)
            for k in dict.fromkeys(keys)}
