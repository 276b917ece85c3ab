"""Deadlines and effective dates in a paragraph.

Deadlines are written "chậm nhất ngày D", "(hoàn thành) trước ngày D", "hạn chót ngày D", and
as windows "từ ngày D1 - D2" / "từ ngày D1 đến (hết) (ngày) D2": a window's deadline is its
end. "đến hết ngày D" alone is not a deadline: in "báo cáo kết quả thực hiện đến hết ngày
31/12/2024 ... trước ngày 31/01/2025" it is the period a report covers.

Campaign periods are not deadlines. A window is a campaign period when its clause announces
the campaign rather than asks for something: a launching or holding verb ("phát động",
"diễn ra", "kéo dài", "khai mạc") or a named campaign right before the window ("Tháng hành
động ...", "Tháng cao điểm ...", "Tuần lễ ...", "Chiến dịch ...", "Đợt cao điểm ..."), unless
the clause also says what is due ("hoàn thành", "báo cáo", "nộp", "gửi"). So "Ủy ban Quốc gia
... phát động ... Tháng hành động ... từ ngày 10/11 đến ngày 10/12/2024" gives no deadline,
while "đẩy mạnh tuyên truyền ..., tập trung cao điểm từ ngày 18/11/2024 đến 24/11/2024" (work
the province's agencies do in the window) does.

`what` is a verbatim piece of the paragraph (never a word added, only ends trimmed), taken
from the clause that holds the date:
- the clause runs from the last sentence end, ";" or ":" before the date (ignoring those
  inside parentheses or quotes) to the trigger; a date inside "(...)" describes the clause
  the parenthesis follows. A leading connector ("Theo đó,") and the one who asks ("Đồng chí
  Chủ tịch UBND tỉnh yêu cầu", "Bộ ... đề nghị") are dropped, and so are trailing fillers
  (", hoàn thành", "bảo đảm hoàn thành") and a trailing parenthesis;
- a clause of at most MAX_WORDS words is kept whole;
- a longer one loses a leading adverbial ("Trên cơ sở ..., ..., <Subject> ..."); if still too
  long, it keeps its head up to a comma boundary, else the last comma segments (the task the
  date is attached to), else the predicate of a passive "X được V ..." whose subject is long,
  else its head up to a preposition ("để", "trên", "nơi", ...). A comma is a boundary only
  outside parentheses, quotes and agency/ministry names ("Sở Văn hóa, Thể thao và Du lịch",
  "UBND các huyện, thành phố"), and not before a short list item ("chỉnh sửa, bổ sung") or
  the next name of a list ("các xã, phường, thị trấn"). A head that ends at who leads
  ("Sở Xây dựng chủ trì") names no task and is not a cut. No cut falls inside a quotation or a
  name; if no cut fits, the clause is kept whole rather than left dangling;
- a phrase shorter than MIN_WORDS ("Thời gian nộp") runs on through the trigger and the date
  ("Thời gian nộp chậm nhất ngày 06/01/2025"), so it reads as a statement.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from generator.vntext.agencies import name_spans
from generator.vntext.dates import find_dates

MAX_WORDS = 20
MIN_WORDS = 4
# "trước ngày 15/01/2025", and without "ngày" only before a full date: "xong trước 31/12/2024".
_DEADLINE_RE = re.compile(r"(?:chậm nhất|muộn nhất|hạn chót|trước)(?: là)?\s+(?:ngày\s+|(?=\d{1,2}/\d{1,2}/\d{4}(?![\d/])))",
                          re.IGNORECASE)
_RANGE_START_RE = re.compile(r"từ\s+ngày\s+", re.IGNORECASE)
_RANGE_SEP_RE = re.compile(r"\s*(?:-|–|đến(?:\s+hết)?(?:\s+ngày)?)\s*", re.IGNORECASE)
_EFFECTIVE_RE = re.compile(r"có hiệu lực(?:\s+thi hành)?(?:\s+(?:kể\s+)?từ)?\s+ngày\s+", re.IGNORECASE)
# "có hiệu lực (thi hành) (kể) từ ngày ký": the carrying document's own date.
_FROM_SIGNING_RE = re.compile(r"có hiệu lực(?:\s+thi hành)?(?:\s+(?:kể\s+)?từ)?\s+ngày\s+ký(?![^\W_])", re.IGNORECASE)
# Due within a month or a quarter but no day: "trong tháng 01/2025", "trong quý I năm 2025".
_PERIOD_ONLY_RE = re.compile(r"(?<![^\W_])(?:trong|ngay trong|chậm nhất trong|trước hết)\s+"
                             r"(?:tháng\s+\d{1,2}(?:/|\s+năm\s+)\d{4}|quý\s+[IV]{1,3}(?:/|\s+năm\s+)\d{4})(?![\d/])",
                             re.IGNORECASE)

_CONNECTOR_RE = re.compile(r"^(?:Theo đó|Đồng thời|Ngoài ra|Bên cạnh đó|Trong đó|Tiếp đó|Sau đó|Mặt khác)\s*,\s*",
                           re.IGNORECASE)
# "Đồng chí Chủ tịch UBND tỉnh yêu cầu <what>", "Đề nghị Ủy ban MTTQ tỉnh chỉ đạo <what>": drop
# the one who asks (and the one who passes it on), keep the task.
_PREAMBLE_RE = re.compile(r"^(?:Đồng chí|Đề nghị|UBND|Ủy ban|Uỷ ban|Chủ tịch|Phó Chủ tịch|Thủ tướng|Bộ|Sở|Ban|Văn phòng)\b"
                          r"(?:\s+\S+){0,10}?\s+(?:yêu cầu|đề nghị|giao|chỉ đạo)\s+")
_ADVERBIAL_RE = re.compile(r"^(?:Để|Trên cơ sở|Căn cứ|Theo|Qua|Thực hiện|Nhằm|Sau khi|Đối với|Về|Tại|Trong|"
                           r"Trước|Cùng với|Với|Trường hợp|Nếu|Khi)\s")
# Words left hanging before the trigger: "..., hoàn thành trước ngày", "bảo đảm hoàn thành trước ngày".
_TRAILING_RE = re.compile(r"(?:\s*,\s*hoàn thành(?:\s+xong)?|\s+xong"
                          r"|\s+(?:bảo đảm|đảm bảo|phấn đấu|phải|cần|để|và|là)(?:\s+hoàn thành(?:\s+xong)?)?)$")
# A comma before one of these continues a list of names, it does not end a phrase.
_LIST_ITEM_RE = re.compile(r"^(?:xã|phường|thị trấn|thị xã|huyện|quận|thành phố|tỉnh|cơ quan|đơn vị|ngành|"
                           r"địa phương|Sở|Ban|Bộ|UBND|Ủy ban|Uỷ ban|Công an|BHXH)(?![^\W_])")
_LIST_END_RE = re.compile(r"(?<![^\W_])(?:xã|phường|thị trấn|thị xã|huyện|quận|thành phố|tỉnh|cơ quan|đơn vị|"
                          r"ngành|địa phương)$")
# Where the head of an over-long clause may end: before an adjunct or a relative clause.
_CUT_BEFORE_RE = re.compile(r"\s(?=(?:để|nhằm|theo|trên|tại|trong|với|về|qua|nơi|khi|sau khi|trước khi|"
                            r"đối với|bảo đảm|đảm bảo|cho|từ|đến)\s)")
_PASSIVE_RE = re.compile(r"\sđược\s")
# A head that stops at who leads ("Sở Xây dựng chủ trì, phối hợp ...") names no task.
_LEADS_ONLY_RE = re.compile(r"(?<![^\W_])(?:chủ trì|phối hợp)$")

_CAMPAIGN_VERB_RE = re.compile(r"(?<![^\W_])(?:phát động|diễn ra|kéo dài|khai mạc)(?![^\W_])", re.IGNORECASE)
_CAMPAIGN_NAME_RE = re.compile(r"(?:Tháng hành động|Tháng cao điểm|Tuần lễ|Chiến dịch|Đợt cao điểm)\b[^.;:]*$")
_DUE_RE = re.compile(r"(?<![^\W_])(?:hoàn thành|báo cáo|nộp|gửi)(?![^\W_])", re.IGNORECASE)


@dataclass(frozen=True)
class Deadline:
    date: dt.date
    what: str


def _date_at(text: str, pos: int, year: int | None):
    """The date starting exactly at text[pos] (a yearless "31/10" counts: it follows "ngày")."""
    for d in find_dates("ngày " + text[pos:pos + 40], year):
        return replace(d, start=d.start - 5, end=d.end - 5) if d.start == 5 else None
    return None


def effective_date(text: str, year: int | None) -> dt.date | None:
    for m in _EFFECTIVE_RE.finditer(text):
        if d := _date_at(text, m.end(), year):
            return d.date
    return None


def effective_from_signing(text: str) -> bool:
    """Does `text` say the document takes effect on the day it is signed?"""
    return bool(_FROM_SIGNING_RE.search(text))


def period_only(text: str) -> list[tuple[str, str]]:
    """(the words, the clause) of every month- or quarter-only due date ("trong tháng 01/2025"):
    no day is given, so none goes into `deadlines`; the editor decides."""
    return [(" ".join(m.group(0).split()), describe(text, m.start(), m.end())) for m in _PERIOD_ONLY_RE.finditer(text)]


def _words(text: str) -> int:
    return len(text.split())


class _Clause:
    """Cuts of one paragraph that never fall inside a parenthesis, a quotation or a name."""

    def __init__(self, text: str):
        self.text = text
        self.depth = [0] * (len(text) + 1)  # nesting of () [] “” before each position
        self.opened: list[int] = []  # for each position: where the outermost unclosed "(" is, or -1
        depth, stack, outer = 0, [], []
        for i, ch in enumerate(text):
            self.depth[i] = depth
            outer.append(stack[0] if stack else -1)
            if ch in "([“":
                depth += 1
                stack.append(i)
            elif ch in ")]”" and depth:
                depth -= 1
                stack.pop()
        self.depth[len(text)] = depth
        outer.append(stack[0] if stack else -1)
        self.outer = outer
        self.named = [False] * (len(text) + 1)
        spans = name_spans(text)
        self.name_ends = {end for _, end in spans}
        for start, end in spans:
            for i in range(start + 1, end):
                self.named[i] = True

    def shielded(self, i: int) -> bool:
        return self.depth[i] > 0 or self.named[i]

    def start_of_clause(self, end: int) -> int:
        start = 0
        for i in range(end):
            ch = self.text[i]
            if (ch in ".;:!?…" and not self.shielded(i)
                    and (i + 1 >= len(self.text) or self.text[i + 1] == " ")):
                start = i + 1
        return start

    def commas(self, s: int, e: int) -> list[int]:
        """Commas in text[s:e] that end a phrase (see the module docstring)."""
        raw = [i for i in range(s, e) if self.text[i] == "," and not self.shielded(i)
               and not self.text[:i].endswith("”")]
        out = []
        for k, i in enumerate(raw):
            before = self.text[raw[k - 1] + 1 if k else s: i].strip()
            after = self.text[i + 1: raw[k + 1] if k + 1 < len(raw) else e].strip()
            listed = _LIST_ITEM_RE.match(after) and (
                _words(before) <= 2 or _LIST_END_RE.search(before) or i in self.name_ends)
            if _words(after) >= 3 and not listed:
                out.append(i)
        return out

    def trim(self, s: int, e: int) -> tuple[int, int]:
        """Drop spaces and commas at both ends, a trailing parenthesis and trailing fillers."""
        while True:
            old = (s, e)
            while s < e and self.text[s] in " ,":
                s += 1
            while e > s and self.text[e - 1] in " ,":
                e -= 1
            opened = self.outer[e - 1] if e > s and self.text[e - 1] == ")" else -1
            if opened >= s and self.text[opened] == "(" and _words(self.text[s:opened]) >= MIN_WORDS:
                e = opened
            m = _TRAILING_RE.search(self.text, s, e)
            if m and m.end() == e and _words(self.text[s:m.start()]) >= MIN_WORDS:
                e = m.start()
            if (s, e) == old:
                return s, e

    def drop_lead(self, s: int, e: int) -> int:
        while s < e and self.text[s] == " ":
            s += 1
        for regex in (_CONNECTOR_RE, _PREAMBLE_RE):
            m = regex.match(self.text[s:e])
            if m and not self.shielded(s + m.end() - 1) and _words(self.text[s + m.end():e]):
                s += m.end()
        return s

    def choose(self, s: int, e: int) -> tuple[int, int]:
        s, e = self.trim(self.drop_lead(s, e), e)
        if _words(self.text[s:e]) <= MAX_WORDS:
            return s, e
        if _ADVERBIAL_RE.match(self.text[s:e]) and (commas := self.commas(s, e)):
            # "Trên cơ sở ..., kết luận ..., Sở X làm Y": the main clause starts at its subject,
            # else after the adverbial's first comma ("Trường hợp ..., bộ phận ... hướng dẫn ...").
            subject = [c for c in commas if self.text[c + 1:e].strip()[:1].isupper()]
            return self.choose((subject or commas)[0] + 1, e)
        commas = self.commas(s, e)
        for spans in ([self.trim(s, c) for c in commas],  # its head, up to a comma
                      [self.trim(c + 1, e) for c in commas]):  # else the task the date is attached to
            if fit := self._longest(spans):
                return fit
        for m in _PASSIVE_RE.finditer(self.text, s, e):  # "Danh sách ... (long) được đăng tải ..."
            if not self.shielded(m.start()) and _words(self.text[s:m.start()]) > MAX_WORDS // 2:
                p = m.end()
                if _words(self.text[p:e]) >= MIN_WORDS:
                    a, b = self.choose(p, e)
                    if _words(self.text[a:b]) <= MAX_WORDS:
                        return a, b
                break
        heads = [self.trim(s, m.start()) for m in _CUT_BEFORE_RE.finditer(self.text, s, e)
                 if not self.shielded(m.start())]
        return self._longest(heads) or (s, e)  # nothing fits: whole rather than dangling

    def _longest(self, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
        ok = [(a, b) for a, b in spans if MIN_WORDS <= _words(self.text[a:b]) <= MAX_WORDS
              and not _LEADS_ONLY_RE.search(self.text, a, b)]
        return max(ok, key=lambda ab: (_words(self.text[ab[0]:ab[1]]), -ab[0]), default=None)


def describe(text: str, marker_start: int, due_end: int | None = None) -> str:
    """What is due by the date whose trigger starts at `marker_start` (and whose date
    expression ends at `due_end`): a verbatim phrase of its clause."""
    clause = _Clause(text)
    end = marker_start
    if clause.outer[end] != -1:  # "(trong thời gian 15 ngày, từ ngày ...)": what the parenthesis qualifies
        end = clause.outer[end]
    start = clause.start_of_clause(end)
    s, e = clause.choose(start, end)
    if _words(text[s:e]) < MIN_WORDS and end == marker_start and due_end:
        e = due_end  # "Thời gian nộp" -> "Thời gian nộp chậm nhất ngày 06/01/2025"
    return " ".join(text[s:e].split())


def is_campaign(text: str, marker_start: int) -> bool:
    """Does the window starting at `marker_start` date a campaign rather than ask for work?"""
    clause = _Clause(text)
    end = clause.outer[marker_start] if clause.outer[marker_start] != -1 else marker_start
    words = text[clause.start_of_clause(end):end]
    if _DUE_RE.search(words):
        return False
    return bool(_CAMPAIGN_VERB_RE.search(words) or _CAMPAIGN_NAME_RE.search(words))


def find_deadlines(text: str, year: int | None) -> list[Deadline]:
    found = []
    for m in _DEADLINE_RE.finditer(text):
        if d := _date_at(text, m.end(), year):
            found.append((m.start(), Deadline(d.date, describe(text, m.start(), m.end() + d.end))))
    for m in _RANGE_START_RE.finditer(text):
        first = _date_at(text, m.end(), year)
        sep = first and _RANGE_SEP_RE.match(text, m.end() + first.end)
        second = sep and _date_at(text, sep.end(), year)
        if second and not is_campaign(text, m.start()):
            found.append((m.start(), Deadline(second.date, describe(text, m.start(), sep.end() + second.end))))
    return [d for _, d in sorted(found, key=lambda pair: pair[0])]
