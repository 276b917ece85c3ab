"""Suggest topic keys from the `keywords` of topics.yaml.

A keyword counts where it appears as whole words (case-insensitive, NFC, "uỷ"="ủy"); a hit
in the heading weighs HEADING_WEIGHT body hits. We keep at most MAX_TOPICS topics whose
score is at least RELATIVE of the best score and at least MIN_SCORE, so one passing
mention does not tag a directive.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.vntext.text import fold_uy

HEADING_WEIGHT = 3
MAX_TOPICS = 3
RELATIVE = 0.3
MIN_SCORE = 2


@dataclass(frozen=True)
class Topic:
    key: str
    pattern: re.Pattern  # all keywords, longest first: overlapping keywords count once
    words: tuple[str, ...] = ()  # the keywords, folded: a text holding none of them scores 0 without a regex


def load_topics(data: dict | None) -> list[Topic]:
    topics = []
    for key, spec in (data or {}).items():
        words = sorted({fold_uy(str(k)).casefold() for k in (spec or {}).get("keywords") or []}, key=len, reverse=True)
        if words:
            alt = "|".join(re.escape(w) for w in words)
            topics.append(Topic(str(key), re.compile(rf"(?<![^\W_])(?:{alt})(?![^\W_])"), tuple(words)))
    return topics


def _hits(topic: Topic, text: str) -> int:
    if topic.words and not any(w in text for w in topic.words):
        return 0
    return len(topic.pattern.findall(text))


def suggest(topics: list[Topic], heading: str, body: str) -> list[str]:
    heading, body = fold_uy(heading).casefold(), fold_uy(body).casefold()
    scores = {t.key: HEADING_WEIGHT * _hits(t, heading) + _hits(t, body) for t in topics}
    best = max(scores.values(), default=0)
    ranked = sorted((s, i, k) for i, (k, s) in enumerate(scores.items()) if s >= max(MIN_SCORE, RELATIVE * best))
    ranked = sorted(ranked, key=lambda t: (-t[0], t[1]))
    return [k for _, _, k in ranked[:MAX_TOPICS]]
