"""Suggest topic keys from the `keywords` of topics.yaml.

A keyword counts where it appears as whole words (case-insensitive, NFC, "uỷ"="ủy"). All
topics' keywords are matched together, longest first, so where keywords overlap the longest
wins: "Sở Văn hóa, Thể thao và Du lịch" (Văn hóa) is not a mention of "du lịch" (Du lịch),
and "bảo hiểm y tế", listed by two topics, counts for both. A hit weighs the number of words
of its keyword (a long phrase such as "giấy chứng nhận quyền sử dụng đất" is stronger evidence
than one word), times HEADING_WEIGHT in the heading. We keep at most MAX_TOPICS topics whose
score is at least MIN_SCORE and either named in the heading or at least RELATIVE of the best
score, so one passing mention of a short word does not tag a directive.

The editors' vocabulary lives in topics.yaml; this module has no topic-specific rule.
tests/test_fidelity_topics.py measures the suggestions against a hand-labelled table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.vntext.text import fold_uy

HEADING_WEIGHT = 3
MAX_TOPICS = 4
RELATIVE = 0.35
MIN_SCORE = 4


@dataclass(frozen=True)
class Topic:
    key: str
    words: tuple[str, ...]  # its keywords, folded


@dataclass(frozen=True)
class Topics:
    """Every topic's keywords as one matcher."""
    order: tuple[str, ...]                   # topic keys, taxonomy order (breaks ties)
    pattern: re.Pattern | None               # all keywords, longest first
    owners: dict[str, tuple[str, ...]]       # folded keyword -> the topics that list it

    def __iter__(self):
        return iter(self.order)


def _fold(text: str) -> str:
    return " ".join(fold_uy(text).casefold().split())


def load_topics(data: dict | None) -> Topics:
    owners: dict[str, list[str]] = {}
    order = []
    for key, spec in (data or {}).items():
        words = {_fold(str(k)) for k in (spec or {}).get("keywords") or []} - {""}
        if words:
            order.append(str(key))
        for w in words:
            owners.setdefault(w, []).append(str(key))
    if not owners:
        return Topics((), None, {})
    alt = "|".join(re.escape(w) for w in sorted(owners, key=lambda w: (-len(w), w)))
    return Topics(tuple(order), re.compile(rf"(?<![^\W_])(?:{alt})(?![^\W_])"),
                  {w: tuple(keys) for w, keys in owners.items()})


def _score(topics: Topics, text: str, weight: int, scores: dict[str, int]) -> None:
    for m in topics.pattern.finditer(text):
        word = m.group(0)
        for key in topics.owners[word]:
            scores[key] = scores.get(key, 0) + weight * len(word.split())


def suggest(topics: Topics, heading: str, body: str) -> list[str]:
    if topics.pattern is None:
        return []
    scores: dict[str, int] = {}
    _score(topics, _fold(heading), HEADING_WEIGHT, scores)
    in_heading = set(scores)            # the heading names the subject: always a candidate
    _score(topics, _fold(body), 1, scores)
    best = max(scores.values(), default=0)
    rank = {k: i for i, k in enumerate(topics.order)}
    kept = [k for k, s in scores.items() if s >= MIN_SCORE and (k in in_heading or s >= RELATIVE * best)]
    return sorted(kept, key=lambda k: (-scores[k], rank[k]))[:MAX_TOPICS]
