"""Find the title, the lead and the sections (heading + paragraphs) of a week's text.

Line 1 is the issue title. Line 2 is the lead when it lists headings joined by "; ".
A line is a heading when it equals a lead item (compared with `fold`: case, "uỷ"/"ủy",
spacing and a trailing period do not matter). Other lines are recognised by shape: short,
capitalised, no final punctuation, and followed by a paragraph that opens the way a
directive's first paragraph does ("Ngày ...", "Đồng chí ...", "UBND tỉnh ...", "Thực hiện ..."). Those are
guesses and are reported, as are lead items no heading matched.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from generator.importer.errors import ImportError_
from generator.importer.notes import Note
from generator.importer.source import Line
from generator.vntext.text import fold

# How a directive's first paragraph opens (after its heading).
OPENERS = re.compile(
    r"^(?:(?:Sáng|Chiều|Tối)\s+)?(?:ngày \d|Đồng chí |Thừa (?:ủy|uỷ) quyền|Thay mặt |UBND tỉnh |"
    r"(?:Ủy|Uỷ) ban nhân dân tỉnh |Chủ tịch |Phó Chủ tịch |Thường trực |Văn phòng UBND tỉnh |"
    r"Ban Chỉ đạo |Vừa qua|Mới đây|Thực hiện |Căn cứ |Nhằm |Theo (?:ý kiến )?chỉ đạo )",
    re.IGNORECASE,
)
MAX_HEADING = 400  # characters; the longest real heading is about 330
FUZZY = 0.85  # similarity above which an edited heading still counts as the lead's item


@dataclass
class Section:
    heading: Line
    paragraphs: list[Line] = field(default_factory=list)
    how: str = "lead"  # "lead": listed in the lead; "edited": close to a lead item; "shape": guessed

    @property
    def title(self) -> str:
        return self.heading.text


@dataclass
class Structure:
    title: Line
    lead: Line | None
    sections: list[Section]
    warnings: list[str]


def lead_items(lead: str) -> list[str]:
    return [item.strip() for item in lead.split(";") if item.strip()]


_NAME_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][a-zđà-ỹ]*$")
MAX_NAME_WORDS = 6


def is_name(text: str) -> bool:
    """"Thùy Linh", "Hoàng Anh - Ngọc Hà": a person's name (a writer's byline), never a heading."""
    words = [w for w in re.split(r"\s*[,\-–]\s*|\s+", text) if w]
    return 2 <= len(words) <= MAX_NAME_WORDS and all(_NAME_WORD.match(w) for w in words)


def _has_heading_shape(line: Line, following: Line | None) -> bool:
    text = line.text
    return (
        following is not None
        and len(text) <= MAX_HEADING
        and text[0].isupper()
        and text[-1] not in ".;:,…!?"
        and bool(OPENERS.match(following.text))
        and not is_name(text)
    )


def _closest(key: str, keys: list[str]) -> float:
    return max((difflib.SequenceMatcher(None, key, k).ratio() for k in keys), default=0.0)


def _classify(lines: list[Line], keys: list[str]) -> list[str | None]:
    """For each line: "lead", "edited", "shape" (a heading) or None (a paragraph)."""
    kinds: list[str | None] = []
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else None
        after_heading = bool(kinds) and kinds[-1] is not None
        if fold(line.text) in keys and following is not None and not (after_heading and line.text.endswith(".")):
            kinds.append("lead")
        elif _has_heading_shape(line, following) and not after_heading:
            kinds.append("edited" if _closest(fold(line.text), keys) >= FUZZY else "shape")
        else:
            kinds.append(None)
    return kinds


def split(lines: list[Line]) -> Structure:
    if len(lines) < 3:
        raise ImportError_("E-IMPORT-TOO-SHORT")
    title = lines[0]
    second = lines[1]
    is_lead = len(lead_items(second.text)) >= 2 and not _has_heading_shape(second, lines[2])
    lead = second if is_lead else None
    body = lines[2:] if lead else lines[1:]
    keys = [fold(item) for item in lead_items(lead.text)] if lead else []
    kinds = _classify(body, keys)
    if not any(kinds):
        raise ImportError_("E-IMPORT-NO-HEADINGS", line=body[0].no if body else None)
    sections: list[Section] = []
    for line, kind in zip(body, kinds):
        if kind:
            sections.append(Section(line, how=kind))
        elif not sections:
            raise ImportError_("E-IMPORT-BEFORE-HEADINGS", line.no, text=line.text[:80])
        else:
            sections[-1].paragraphs.append(line)
    warnings = []
    for s in sections:
        if not s.paragraphs:
            raise ImportError_("E-IMPORT-EMPTY-SECTION", s.heading.no, title=s.title[:80])
    found = {fold(s.title) for s in sections}
    for item in lead_items(lead.text) if lead else []:
        if fold(item) not in found:
            warnings.append(Note("W-IMPORT-LEAD-UNMATCHED", item=item[:90]))
    if lead is None:
        warnings.append(Note("W-IMPORT-NO-LEAD"))
    return Structure(title, lead, sections, warnings)
