"""Suggesting a checklist item from what an office wrote about a problem.

Offices often file a problem under a part (住房安全保障) or under nothing at all; filing it
under the part's first item, as the importer once did, puts half of them on the wrong line.
Instead the description is compared with the seed's wording of each candidate item: TF-IDF
over character 1–3-grams (Chinese needs no word splitter for this, and no model download),
cosine similarity. The result is a ranked list with scores for a person to confirm or change;
nothing here picks silently. Below `MIN_SCORE` the best candidate is no suggestion at all.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

MIN_SCORE = 0.1  # below this the description shares next to nothing with any item's wording
TOP = 3  # candidates shown beside a suggestion


@dataclass(frozen=True)
class Candidate:
    code: str
    score: float  # cosine similarity, 0..1


@dataclass(frozen=True)
class Suggestion:
    """The best candidate (None when none reaches MIN_SCORE) and the runners-up, best first."""

    code: str | None
    score: float
    candidates: tuple[Candidate, ...]


def char_grams(text: str) -> list[str]:
    """The character 1-, 2- and 3-grams the vectorizer's analyzer makes (lower-cased)."""
    text = text.lower()
    n = len(text)
    return [*text, *(text[i:i + 2] for i in range(n - 1)),
            *(text[i:i + 3] for i in range(n - 2))]


class ItemSuggester:
    """Fitted once per checklist: the wording of every item (short label + seed text)."""

    def __init__(self, checklist: pd.DataFrame):
        items = checklist.sort_values("sort_order")
        self.codes = list(items["code"])
        self.part_of = dict(zip(items["code"], items["part_name"], strict=True))
        self.group_of = dict(zip(items["code"], items["group_name"], strict=True))
        wording = (items["short"].fillna("") + " " + items["part_name"].fillna("") + " "
                   + items["text"].fillna("")).tolist()
        # Imported when first needed (an import's preview): scikit-learn brings scipy.stats,
        # ~65 MB the dashboard otherwise never uses.
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
        matrix = vectorizer.fit_transform(wording).tocsc()  # rows L2-normalised
        # Scoring one description through vectorizer.transform + cosine_similarity costs
        # ~5 ms of sparse-matrix overhead (minutes for a 50,000-row sheet); the same numbers
        # come from the fitted n-grams, idf and item weights looked up per n-gram (~0.1 ms).
        self._analyze = vectorizer.build_analyzer()
        self._idf = {g: vectorizer.idf_[j] for g, j in vectorizer.vocabulary_.items()}
        self._postings = {g: (matrix.indices[matrix.indptr[j]:matrix.indptr[j + 1]],
                              matrix.data[matrix.indptr[j]:matrix.indptr[j + 1]])
                          for g, j in vectorizer.vocabulary_.items()}
        self._vectorizer, self._matrix = vectorizer, matrix.tocsr()
        self._cache: dict[tuple, Suggestion] = {}
        self._among_of: dict[tuple, np.ndarray] = {}

    def _scores(self, text: str) -> np.ndarray:
        """Cosine similarity of `text` with every item (TF-IDF as the fitted vectorizer)."""
        counts = Counter(g for g in self._analyze(text) if g in self._idf)
        weights = {g: (1 + math.log(c)) * self._idf[g] for g, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        scores = np.zeros(len(self.codes))
        for gram, weight in weights.items():
            items, values = self._postings[gram]
            scores[items] += values * (weight / norm)
        return scores

    def _among(self, part: str | None, group: str | None) -> list[int]:
        if part:
            return [i for i, c in enumerate(self.codes) if self.part_of[c] == part]
        if group:
            return [i for i, c in enumerate(self.codes) if self.group_of[c] == group]
        return list(range(len(self.codes)))

    def _among_cached(self, part: str | None, group: str | None) -> np.ndarray:
        key = (part, group)
        if key not in self._among_of:
            self._among_of[key] = np.asarray(self._among(part, group), dtype=np.int64)
        return self._among_of[key]

    def suggest(self, description: str | None, part: str | None = None,
                group: str | None = None) -> Suggestion:
        """Rank the items of `part` (else of `group`, else all) by likeness to `description`."""
        text = "".join((description or "").split())
        key = (text, part, group)
        if key not in self._cache:  # offices repeat descriptions: score each once
            self._cache[key] = self._suggest(text, part, group)
        return self._cache[key]

    def prime(self, requests: list[tuple[str | None, str | None, str | None]]) -> None:
        """Score many (description, part, group) at once, so `suggest` finds them cached: one
        sparse product for a whole sheet instead of a Python loop over n-grams per row."""
        keys = {("".join((d or "").split()), p, g) for d, p, g in requests}
        keys = sorted(k for k in keys if k not in self._cache and k[0])
        if not keys:
            return
        texts = sorted({k[0] for k in keys})
        scores = (self._vectors(texts) @ self._matrix.T).toarray()
        row_of = {t: i for i, t in enumerate(texts)}
        for text, part, group in keys:
            self._cache[(text, part, group)] = self._suggest(text, part, group,
                                                             scores[row_of[text]])

    def _vectors(self, texts: list[str]) -> sparse.csr_matrix:
        """TF-IDF rows of `texts`, as the fitted vectorizer's transform makes them (sublinear
        tf, idf, L2 norm), with the n-grams cut by list comprehensions and the counting,
        weighting and norms done on whole arrays (transform loops in Python per n-gram)."""
        vocabulary = self._vectorizer.vocabulary_
        rows: list[int] = []
        columns: list[int] = []
        for i, text in enumerate(texts):
            ids = [vocabulary[g] for g in char_grams(text) if g in vocabulary]
            columns += ids
            rows += [i] * len(ids)
        ones = np.ones(len(columns))
        counts = sparse.csr_matrix((ones, (rows, columns)),
                                   shape=(len(texts), len(vocabulary)))  # duplicates summed
        counts.data = (1 + np.log(counts.data)) * self._vectorizer.idf_[counts.indices]
        norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.diags(1 / norms) @ counts

    def _suggest(self, text: str, part: str | None, group: str | None,
                 all_scores: np.ndarray | None = None) -> Suggestion:
        among = self._among_cached(part, group)
        if not text or not len(among):
            return Suggestion(None, 0.0, ())
        if all_scores is None:
            all_scores = self._scores(text)
        scores = all_scores[among]
        order = np.lexsort((among, -scores))[:TOP]  # best first, ties in checklist order
        ranked = tuple(Candidate(self.codes[among[k]], round(float(scores[k]), 3))
                       for k in order)
        best = ranked[0]
        return Suggestion(best.code if best.score >= MIN_SCORE else None, best.score, ranked)
