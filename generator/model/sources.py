"""What the content stage hands to the model: validated records, grouped by issue.
Plain data declared here, below both stages, so the model never imports content/."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from generator.model.entities import Directive, SiteConfig, Topic


@dataclass
class BulletinSource:
    year: int
    week: int
    source: str
    title: str
    period_from: dt.date
    period_to: dt.date
    lead: str
    order: list[tuple[str, int]]     # (slug, line) as the editor listed them
    ctx: Any = None                   # the content stage's validation context, while reading


@dataclass
class IssueSources:
    bulletin: BulletinSource
    directives: list[Directive] = field(default_factory=list)


@dataclass
class ContentTree:
    config: SiteConfig | None
    topics: dict[str, Topic]
    issues: list[IssueSources]          # sorted by (year, week)
    root_shown: str
