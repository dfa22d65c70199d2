"""Suggesting a checklist item from what an office wrote about a problem.

Offices often file a problem under a part (住房安全保障) or under nothing at all; filing it
under the part's first item, as the importer once did, puts half of them on the wrong line.
Instead the description is compared with the seed's wording of each candidate item: TF-IDF
over character 1–3-grams (Chinese needs no word splitter for this, and no model download),
cosine similarity. The result is a ranked list with scores for a person to confirm or change;
nothing here picks silently. Below `MIN_SCORE` the best candidate is no suggestion at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

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


class ItemSuggester:
    """Fitted once per checklist: the wording of every item (short label + seed text)."""

    def __init__(self, checklist: pd.DataFrame):
        items = checklist.sort_values("sort_order")
        self.codes = list(items["code"])
        self.part_of = dict(zip(items["code"], items["part_name"], strict=True))
        self.group_of = dict(zip(items["code"], items["group_name"], strict=True))
        wording = (items["short"].fillna("") + " " + items["part_name"].fillna("") + " "
                   + items["text"].fillna("")).tolist()
        self._vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3),
                                           sublinear_tf=True)
        self._matrix = self._vectorizer.fit_transform(wording)

    def _among(self, part: str | None, group: str | None) -> list[int]:
        if part:
            return [i for i, c in enumerate(self.codes) if self.part_of[c] == part]
        if group:
            return [i for i, c in enumerate(self.codes) if self.group_of[c] == group]
        return list(range(len(self.codes)))

    def suggest(self, description: str | None, part: str | None = None,
                group: str | None = None) -> Suggestion:
        """Rank the items of `part` (else of `group`, else all) by likeness to `description`."""
        among = self._among(part, group)
        text = "".join((description or "").split())
        if not text or not among:
            return Suggestion(None, 0.0, ())
        scores = cosine_similarity(self._vectorizer.transform([text]),
                                   self._matrix[among]).ravel()
        order = sorted(range(len(among)), key=lambda k: (-scores[k], among[k]))
        ranked = tuple(Candidate(self.codes[among[k]], round(float(scores[k]), 3))
                       for k in order[:TOP])
        best = ranked[0]
        return Suggestion(best.code if best.score >= MIN_SCORE else None, best.score, ranked)
