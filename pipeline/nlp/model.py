"""The text classifier behind themes and measure types: features, the model, fitting and loading.

Model: multinomial logistic regression (L2, scipy L-BFGS) over binary features of the lemmatised text:
lemma unigrams and bigrams, character 3-5-grams of lemmas (Norwegian compounds), and lexicon
features (one per theme/type whose taxonomy cues occur). Weights ship as small ``.npz`` files in
``pipeline/resources/models``; ``tiltak train`` rebuilds them (:mod:`pipeline.nlp.train`).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from pipeline.nlp.lemmas import lemma_tokens

if TYPE_CHECKING:  # scipy only for training: its import costs more than a small file's whole processing
    from scipy import sparse

    from pipeline.nlp.taxonomy import Taxonomy

SEED = 13


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """spaCy's Norwegian stop words minus words that carry meaning here. The words are read from the
    string in spaCy's ``lang/nb/stop_words.py`` (``STOP_WORDS = set(\"\"\"...\"\"\".split())``) without
    importing spaCy, which takes longer than everything else a small file needs."""
    import ast
    import importlib.util

    spec = importlib.util.find_spec("spacy")
    path = Path(spec.submodule_search_locations[0]) / "lang" / "nb" / "stop_words.py" if spec else None
    strings = [node.value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, ast.Constant) and isinstance(node.value, str)] if path and path.is_file() else []
    if strings:
        words: set[str] | frozenset[str] = set(max(strings, key=len).split())
    else:  # an unusual installation: import it the ordinary way
        from spacy.lang.nb.stop_words import STOP_WORDS as words
    return frozenset(words) - {"mål", "nok", "samarbeid", "kurs"}


@lru_cache(maxsize=16)
def _cue_index(cues: tuple[tuple[str, str], ...]) -> tuple[dict[str, list[int]], dict[str, list[int]], dict[str, list[int]]]:
    """Positions of the cues by the text a lemma must equal, start with (cues of >= 4 chars) or end
    with (>= 5 chars)."""
    exact: dict[str, list[int]] = {}
    prefix: dict[str, list[int]] = {}
    suffix: dict[str, list[int]] = {}
    for i, (cue, _) in enumerate(cues):
        exact.setdefault(cue, []).append(i)
        if len(cue) >= 4:
            prefix.setdefault(cue, []).append(i)
        if len(cue) >= 5:
            suffix.setdefault(cue, []).append(i)
    return exact, prefix, suffix


@lru_cache(maxsize=1 << 16)
def _cue_hits(lemma: str, cues: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """Labels whose single-word cue equals the lemma, starts it (>= 4 chars) or ends it (>= 5 chars),
    in the cues' order."""
    exact, prefix, suffix = _cue_index(cues)
    hits = set(exact.get(lemma, ()))
    for k in range(4, len(lemma) + 1):
        hits.update(prefix.get(lemma[:k], ()))
    for k in range(5, len(lemma) + 1):
        hits.update(suffix.get(lemma[-k:], ()))
    return tuple(cues[i][1] for i in sorted(hits))


@lru_cache(maxsize=8192)
def features(text: str, lexicon: tuple[tuple[str, str], ...],
             ignore: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Feature strings of one text; ``lexicon`` is (lemmatised cue, label) pairs from the taxonomy,
    ``ignore`` lemmas that never become features (place names)."""
    lemmas = lemma_tokens(text)
    stop = _stop_words()
    content = [lem for lem in lemmas if lem not in stop and len(lem) > 1 and lem not in ignore]
    feats: set[str] = set()
    for lem in content:
        feats.add("w:" + lem)
        padded = f"<{lem}>"
        for n in (3, 4, 5):
            feats.update("c:" + padded[i:i + n] for i in range(len(padded) - n + 1))
    feats.update(f"b:{a}_{b}" for a, b in zip(content, content[1:]))
    single = tuple((c, lab) for c, lab in lexicon if " " not in c)
    for lem in content:
        feats.update("x:" + lab for lab in _cue_hits(lem, single))
    joined = f" {' '.join(lemmas)} "
    feats.update("x:" + lab for c, lab in lexicon if " " in c and f" {c} " in joined)
    return tuple(sorted(feats))


def lexicon_from(pairs: Sequence[tuple[str, Sequence[str]]]) -> tuple[tuple[str, str], ...]:
    """(label, cues) -> lemmatised (cue, label) pairs, multi-word cues kept as lemma sequences."""
    out = []
    for label, cues in pairs:
        for cue in cues:
            lem = " ".join(lemma_tokens(cue))
            if lem:
                out.append((lem, label))
    return tuple(sorted(set(out)))


def neutral_lemmas(taxonomy: "Taxonomy") -> frozenset[str]:
    """Lemmas of the taxonomy's neutral words (each word of multi-word entries)."""
    return frozenset(lem for word in taxonomy.neutral_words for lem in lemma_tokens(word))


@dataclass(frozen=True)
class LinearModel:
    """Softmax regression over sparse binary features."""

    labels: tuple[str, ...]
    vocab: dict[str, int]
    weights: np.ndarray  # (n_features, n_labels)
    bias: np.ndarray  # (n_labels,)
    lexicon: tuple[tuple[str, str], ...]
    ignore: frozenset[str] = frozenset()

    def matrix(self, texts: Sequence[str]) -> sparse.csr_matrix:  # imports scipy
        """Row-normalised binary feature matrix of texts over this model's vocabulary."""
        return _matrix([features(t, self.lexicon, self.ignore) for t in texts], self.vocab)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Class probabilities, shape (len(texts), len(labels))."""
        rows = [features(t, self.lexicon, self.ignore) for t in texts]
        return _softmax(_scores(rows, self.vocab, self.weights) + self.bias)

    def save(self, path: Path) -> None:
        """Write the model as compressed ``.npz`` (float16 weights)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        names = sorted(self.vocab, key=self.vocab.__getitem__)
        np.savez_compressed(
            path, weights=self.weights.astype(np.float16), bias=self.bias.astype(np.float32),
            labels=np.array(self.labels), vocab=np.array(names),
            lexicon=np.array([f"{c}\t{lab}" for c, lab in self.lexicon]),
            ignore=np.array(sorted(self.ignore)))

    @classmethod
    def load(cls, path: Path) -> "LinearModel":
        """Read a model written by :meth:`save`."""
        with np.load(path, allow_pickle=False) as data:
            names = data["vocab"].tolist()  # str already: a third of the time of str() per element
            vocab = dict(zip(names, range(len(names))))
            lexicon = tuple(tuple(str(x).split("\t", 1)) for x in data["lexicon"])
            return cls(tuple(str(x) for x in data["labels"]), vocab,
                       data["weights"].astype(np.float32), data["bias"].astype(np.float32),
                       lexicon, frozenset(str(x) for x in data["ignore"]))  # type: ignore[arg-type]


def _scores(rows: Sequence[Sequence[str]], vocab: dict[str, int], weights: np.ndarray) -> np.ndarray:
    """``_matrix(rows, vocab) @ weights`` without scipy, bit for bit: float32 throughout, each row's
    weights scaled by 1/sqrt(its feature count) and summed one after another (numpy reduces axis 0
    sequentially) in the order scipy's ``diags @ csr`` product leaves them (the row's features reversed)."""
    out = np.zeros((len(rows), weights.shape[1]), dtype=np.float32)
    for i, feats in enumerate(rows):
        cols = [c for c in map(vocab.get, feats) if c is not None]
        if cols:
            scale = np.float32(1.0) / np.sqrt(np.float32(len(cols)))
            out[i] = (scale * weights[cols[::-1]]).sum(axis=0)
    return out


def _matrix(rows: Sequence[Sequence[str]], vocab: dict[str, int]) -> sparse.csr_matrix:
    from scipy import sparse

    indptr, indices = [0], []
    for feats in rows:
        indices.extend(vocab[f] for f in feats if f in vocab)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    mat = sparse.csr_matrix((data, indices, indptr), shape=(len(rows), len(vocab)))
    norms = np.sqrt(np.asarray(mat.sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ mat


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit(texts: Sequence[str], labels: Sequence[str], lexicon: tuple[tuple[str, str], ...],
        label_order: Sequence[str], l2: float = 1e-3, min_df: int = 1,
        ignore: frozenset[str] = frozenset()) -> LinearModel:
    """Train a :class:`LinearModel` (deterministic: L-BFGS from zeros)."""
    rows = [features(t, lexicon, ignore) for t in texts]
    df = Counter(f for r in rows for f in r)
    names = sorted(f for f, n in df.items() if n >= min_df or f.startswith("x:"))
    vocab = {f: i for i, f in enumerate(names)}
    x = _matrix(rows, vocab)
    classes = list(label_order)
    y = np.zeros((len(texts), len(classes)))
    y[np.arange(len(texts)), [classes.index(lab) for lab in labels]] = 1.0
    n_feat, n_cls = x.shape[1], len(classes)

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        w = params[: n_feat * n_cls].reshape(n_feat, n_cls)
        b = params[n_feat * n_cls:]
        p = _softmax(x @ w + b)
        value = -np.sum(y * np.log(p + 1e-12)) / len(texts) + 0.5 * l2 * np.sum(w * w)
        g = (p - y) / len(texts)
        grad_w = x.T @ g + l2 * w
        return value, np.concatenate([np.asarray(grad_w).ravel(), g.sum(axis=0)])

    start = np.zeros(n_feat * n_cls + n_cls)
    from scipy import optimize

    res = optimize.minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 300})
    w = res.x[: n_feat * n_cls].reshape(n_feat, n_cls)
    return LinearModel(tuple(classes), vocab, w.astype(np.float32),
                       res.x[n_feat * n_cls:].astype(np.float32), lexicon, ignore)


def cross_validate(texts: Sequence[str], labels: Sequence[str], train_fn, k: int = 5) -> float:
    """Stratification-free k-fold accuracy with a fixed shuffle (seed 13)."""
    order = np.random.default_rng(SEED).permutation(len(texts))
    correct = 0
    for fold in range(k):
        test = set(order[fold::k].tolist())
        tr = [i for i in range(len(texts)) if i not in test]
        model_predict = train_fn([texts[i] for i in tr], [labels[i] for i in tr])
        preds = model_predict([texts[i] for i in sorted(test)])
        correct += sum(p == labels[i] for p, i in zip(preds, sorted(test)))
    return correct / len(texts)


@lru_cache(maxsize=4)
def load_model(path: Path) -> LinearModel:
    """The model saved at ``path``, loaded once per process."""
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `tiltak train`")
    return LinearModel.load(path)


def best_labels(path: Path, texts: list[str]) -> list[tuple[str, float]]:
    """(label, probability) of the model's top class for each text (texts must not be empty)."""
    if not texts:
        return []
    model = load_model(path)
    out = []
    for row in model.predict_proba(texts):
        best = int(row.argmax())
        out.append((model.labels[best], float(row[best])))
    return out
