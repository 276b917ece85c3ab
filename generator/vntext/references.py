"""Legal document references as the bulletin writes them.

Accepted forms (type words in any case, "số" optional, date optional with or without comma):
  "Nghị định số 93/2023/NĐ-CP", "Nghị định 93/2023/NĐ-CP", bare "93/2023/NĐ-CP",
  "Kết luận số 94-KL/TW ngày 13 tháng 09 năm 2024", "Công văn số 5902/VP-NC, ngày 28/10/2024",
  "nghị quyết số 119/NQ-CP ngày 09/9/2018", "Luật Đất đai năm 2024", "Luật Đất đai 2024",
  "Luật Đất đai", "Luật Ngân sách nhà nước", "Luật Đất đai số 31/2024/QH15", "Luật số 43/2024/QH15",
  "Bộ luật Lao động năm 2019", "Luật sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở",
  "Nghị quyết số 57-NQ/TW", "Quyết định số: 1055/QĐ-TTg ngày 12/9/2024 của Thủ tướng Chính phủ",
  "Quyết định số 1055/QĐ-TTg của Thủ tướng Chính phủ ngày 12/9/2024", "Công văn ngày 28/10/2024 số 5902/VP-NC".
A number after a type word must carry an issuer code (a letter): "Quyết định số: 280/31/01/2019"
is not a reference but a malformed one (`find_malformed`), kept as written and never guessed.

In running text (`find_references`) we are conservative:
  * a number counts only after a type word, or on its own when it has a "/" and an issuer
    code with an uppercase letter ("5429/BLĐTBXH-TTr"; not "14/18", "10/2024", "2021-2030");
  * a law is "Luật" (capital L, not the word "pháp luật") followed by its name. The name is
    the longest known law name (KNOWN_LAWS) that follows, else the capitalised word after
    "Luật" and the lowercase words after it, stopping at "năm", a digit, punctuation, a
    capitalised word, or a function word (STOP_WORDS: "theo", "về", "của", "trong" ...),
    at most 6 words. Common abbreviations (BHYT, NSNN ...) are expanded in `title`.
  * after a number, "của <issuer>" and "ngày <date>" are read in either order; the issuer is the
    capitalised words of a name ("Thủ tướng Chính phủ", "Bộ Khoa học và Công nghệ", "UBND tỉnh").
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from slugify import slugify

from generator.vntext.dates import DATE_PATTERN, format_dmy, parse_date
from generator.vntext.text import clean_text, fold_tone_placement

# Canonical type names; matched case-insensitively. Longer names first so that
# "Thông tư liên tịch" wins over "Thông tư".
KINDS = (
    "Thông tư liên tịch", "Nghị định", "Nghị quyết", "Quyết định", "Công văn", "Công điện",
    "Kế hoạch", "Kết luận", "Chỉ thị", "Thông báo", "Thông tư", "Hướng dẫn", "Tờ trình",
    "Báo cáo", "Quy định", "Quy chế", "Văn bản", "Pháp lệnh", "Bộ luật", "Luật", "Lệnh",
)
# Abbreviated types, only accepted when followed by "số".
ABBREVIATIONS = {"NĐ": "Nghị định", "NQ": "Nghị quyết", "QĐ": "Quyết định", "CV": "Công văn",
                 "KH": "Kế hoạch", "KL": "Kết luận", "CT": "Chỉ thị", "TB": "Thông báo", "TT": "Thông tư"}
_KIND_BY_FOLD = {k.casefold(): k for k in KINDS}

# Law names written in full; the matcher prefers the longest that fits.
KNOWN_LAWS = (
    "Đất đai", "Ngân sách nhà nước", "Đầu tư công", "Đầu tư", "Xây dựng", "Quy hoạch",
    "Bảo hiểm xã hội", "Bảo hiểm y tế", "Việc làm", "Di sản văn hóa", "Di sản văn hoá", "Giá",
    "Tổ chức chính quyền địa phương", "Ban hành văn bản quy phạm pháp luật", "Nhà ở",
    "Kinh doanh bất động sản", "Lâm nghiệp", "Thủy lợi", "Giáo dục", "Giáo dục nghề nghiệp",
    "Doanh nghiệp", "Hợp tác xã", "Lý lịch tư pháp", "Căn cước", "Căn cước công dân",
    "Phòng, chống tham nhũng", "Thi đua, khen thưởng", "Tín ngưỡng, tôn giáo", "Đấu thầu",
    "Quản lý, sử dụng tài sản công", "Phòng, chống thiên tai", "Bảo vệ môi trường",
    "Tài nguyên nước", "Khoáng sản", "Giao thông đường bộ", "Trật tự, an toàn giao thông đường bộ",
    "Đường bộ", "Du lịch", "Thống kê", "Kế toán", "Kiểm toán nhà nước", "Thanh tra",
    "Tiếp công dân", "Khiếu nại", "Tố cáo", "Cán bộ, công chức", "Viên chức", "Dân quân tự vệ",
    "Phòng cháy và chữa cháy", "Phòng cháy, chữa cháy và cứu nạn, cứu hộ", "Khám bệnh, chữa bệnh",
    "Phòng, chống HIV/AIDS", "Trẻ em", "Người cao tuổi", "Thủy sản", "Trồng trọt", "Chăn nuôi",
    "Chuyển đổi số", "Giao dịch điện tử", "Công nghệ thông tin", "Khoa học và công nghệ",
    "Thực hiện dân chủ ở cơ sở", "Thuế thu nhập cá nhân", "Quản lý thuế", "Hải quan",
    "Quy hoạch đô thị", "Quy hoạch đô thị và nông thôn", "An toàn thực phẩm", "Nghĩa vụ quân sự",
    "Quốc phòng", "Phòng không nhân dân", "Biên giới quốc gia", "Đo đạc và bản đồ", "Điện lực",
    "Tiết kiệm, chống lãng phí", "Lưu trữ", "Phổ biến, giáo dục pháp luật", "Hòa giải ở cơ sở",
)
LAW_ABBREVIATIONS = {"BHYT": "Bảo hiểm y tế", "BHXH": "Bảo hiểm xã hội", "NSNN": "Ngân sách nhà nước"}
STOP_WORDS = frozenset(
    "năm số ngày của về tại theo và trong thì để đã được cho có là này đối với trên các những "
    "khi mà hiện hành sửa đổi bổ sung quy định hướng dẫn thi từ đến nhằm do bởi như sau".split()
)

_W = r"[^\W_]"  # a letter or digit, Unicode-aware
# The number: digits, then "/" or "-" separated segments; at least one separator.
_NUMBER_TAIL = rf"[a-zA-Z]?(?:[/-]{_W}+)+"
_NUMBER = rf"\d+{_NUMBER_TAIL}"
_DATE_TAIL = rf"(?:,?\s+ngày\s+(?P<date>{DATE_PATTERN}))?"
_KIND_ALT = "|".join(re.escape(k) for k in KINDS)
_ABBR_ALT = "|".join(ABBREVIATIONS)
# "số" may be followed by a colon ("Quyết định số: 1055/QĐ-TTg"), as pasted forms often write it.
_TYPED_RE = re.compile(
    rf"(?<!{_W})(?:(?P<kind>{_KIND_ALT})(?:\s+số)?|(?P<abbr>{_ABBR_ALT})\s+số)(?:\s*:)?\s+(?P<number>{_NUMBER})(?!{_W}){_DATE_TAIL}",
    re.IGNORECASE,
)
# The date before the number: "Công văn ngày 28/10/2024 số 5902/VP-NC".
_DATE_FIRST_RE = re.compile(
    rf"(?<!{_W})(?P<kind>{_KIND_ALT})\s+ngày\s+(?P<date>{DATE_PATTERN}),?\s+số(?:\s*:)?\s+(?P<number>{_NUMBER})(?!{_W})",
    re.IGNORECASE,
)
# The lookbehind ("not inside a word or a longer number") comes after the first digit, so the
# pattern starts with a digit and `finditer` skips ahead from digit to digit.
_BARE_RE = re.compile(rf"(?P<number>\d(?<![\w/-]\d)\d*{_NUMBER_TAIL})(?![\w/]){_DATE_TAIL}")
# Where a type word or an abbreviation starts: every position where _TYPED_RE or _DATE_FIRST_RE
# can begin a match. One scan for both, with the words grouped by first letter, instead of
# trying both long case-insensitive alternations at every position (see _matches_at).
_FIRST_LETTERS = "".join(sorted({w[0] for w in (*KINDS, *ABBREVIATIONS)}))
_KIND_START_RE = re.compile(
    rf"(?<!{_W})(?=[{_FIRST_LETTERS}])(?:" + "|".join(
        re.escape(first) + "(?:" + "|".join(re.escape(w[1:]) for w in (*KINDS, *ABBREVIATIONS) if w[0] == first) + ")"
        for first in _FIRST_LETTERS) + ")",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")      # every number pattern needs one
_LAW_HEAD_RE = re.compile(rf"(?<!{_W})(?<!pháp )(?<!Pháp )(?P<kind>Bộ luật|Luật)\s+(?=[A-ZĐÀ-Ỹ]|sửa đổi)")
_LAW_YEAR_RE = re.compile(r"(?:\s+năm)?\s+(?P<year>(?:19|20)\d{2})(?!\d|/)")
_LAW_NUMBER_RE = re.compile(rf",?\s+số(?:\s*:)?\s+(?P<number>{_NUMBER})(?!{_W}){_DATE_TAIL}")
# "Luật sửa đổi, bổ sung một số điều của Luật A, Luật B và Luật C": one law, which amends others.
_AMENDING_RE = re.compile(r"sửa đổi,?\s+bổ sung(?:\s+một số điều)?(?:\s+của)?\s+(?=(?:Bộ luật|Luật)\s)")
_NEXT_LAW_RE = re.compile(r"(?:,\s*|\s+và\s+)(?=(?:Bộ luật|Luật)\s+[A-ZĐÀ-Ỹ])")
# Type word, "số", then something that is not a document number: digits and separators with no
# issuer code ("Quyết định số: 280/31/01/2019"). Kept as written and flagged, never guessed.
_MALFORMED_RE = re.compile(
    rf"(?<!{_W})(?P<kind>{_KIND_ALT})\s+số\s*:?\s*(?P<number>\d[\d/.\-]*\d)(?![\w/.-]*[^\W\d_])",
    re.IGNORECASE,
)
_OF_RE = re.compile(r",?\s+của\s+")
_DATE_AFTER_RE = re.compile(rf",?\s+ngày\s+(?P<date>{DATE_PATTERN})", re.IGNORECASE)
# Lowercase syllables that may follow one another inside an issuer's name.
_NAME_SYLLABLES = frozenset("nhân dân tỉnh ương và - phủ".split())
_WORD_RE = re.compile(rf"{_W}+")
_YEAR_IN_NUMBER = re.compile(r"/((?:19|20)\d{2})/")
_KNOWN_SORTED = sorted(KNOWN_LAWS, key=len, reverse=True)
SLUG_MAX = 80  # an amending law's name lists every law it amends


@dataclass(frozen=True)
class Reference:
    kind: str | None  # normalised type: "Nghị định", "Công văn", "Luật" ...
    number: str | None  # canonical number "93/2023/NĐ-CP"; None for a law named by title only
    title: str | None  # a law's name without "Luật": "Đất đai"; else None
    date: datetime.date | None
    year: int | None  # from the number, else the date, else "năm 2024" of a law
    text: str  # the span as written in the source
    start: int = 0  # span in the searched text (find_references)
    end: int = 0
    issuer: str | None = None  # "Thủ tướng Chính phủ", when the text names it ("... của Thủ tướng Chính phủ")

    @property
    def is_law(self) -> bool:
        """A law or code named by its title (with or without year or number)."""
        return self.title is not None

    @property
    def label(self) -> str:
        """Canonical display: "Nghị định số 93/2023/NĐ-CP", "Luật Đất đai", "Luật Đất đai số 31/2024/QH15",
        "5429/BLĐTBXH-TTr"."""
        if self.title is not None:
            named = f"{self.kind or 'Luật'} {self.title}"
            return f"{named} số {self.number}" if self.number else named
        return f"{self.kind} số {self.number}" if self.kind else self.number

    def citation(self) -> str:
        """The `cites:` string: label plus " ngày d/m/yyyy" when dated, or " năm yyyy" for a law
        named by title and year."""
        if self.number is None:
            return f"{self.label} năm {self.year}" if self.year else self.label
        return f"{self.label} ngày {format_dmy(self.date)}" if self.date else self.label

    def slug(self) -> str:
        """URL slug: "5902-vp-nc", "93-2023-nd-cp", "luat-dat-dai", "bo-luat-lao-dong". A law named
        by its title has the title's slug whether or not its number is given (one page)."""
        if self.title is not None:
            return slugify(f"{self.kind or 'Luật'} {fold_tone_placement(self.title)}",
                           max_length=SLUG_MAX, word_boundary=True)
        return slugify(self.number)

    def identity(self) -> str:
        """Year-independent identity: the same for every way of writing one number or law name.
        (Numbers without a year in them restart each year: pair this with `year` to tell
        documents apart.)"""
        if self.title is not None:
            return "luật:" + fold_tone_placement(self.title).casefold()
        return self.number.upper()


def _canonical_number(number: str) -> str:
    # Issuer codes are uppercase except a few mixed-case ones ("TTg", "TTr"); keep them as
    # written unless the whole number was typed in lowercase.
    return number.upper() if number == number.lower() else number


def _has_code(number: str) -> bool:
    return bool(re.search(r"[^\W\d_]", number))


def _year_of(number: str | None, date: datetime.date | None) -> int | None:
    if number and (m := _YEAR_IN_NUMBER.search(f"{number}/")):
        return int(m.group(1))
    return date.year if date else None


def _issuer_at(text: str, pos: int) -> tuple[str, int] | None:
    """"của Thủ tướng Chính phủ" at text[pos:]: the issuer's name and where it ends. A name is
    capitalised words, each followed by its lowercase syllables ("Bộ Khoa học và Công nghệ")."""
    m = _OF_RE.match(text, pos)
    if not m:
        return None
    end, words, last_lower = m.end(), [], False
    for w in re.finditer(r"\S+", text[m.end():]):
        word = w.group(0)
        bare = word.rstrip(",.;:)")
        lower = not bare[:1].isupper()
        if not bare or (not words and lower) or (lower and last_lower and bare not in _NAME_SYLLABLES) \
                or bare in ("ngày", "số", "về", "năm") or len(words) >= 10:
            break
        words.append(bare)
        end = m.end() + w.start() + len(bare)
        last_lower = lower and bare not in ("và", "-")
        if bare != word:
            break
    while words and words[-1] in ("và", "-"):
        words.pop()
        end = text.rindex(words[-1], 0, end) + len(words[-1]) if words else end
    return (" ".join(words), end) if words else None


def _tail(text: str, end: int, date: datetime.date | None, default_year: int | None):
    """Issuer and date after a number, in either order: "... ngày 12/9/2024 của Thủ tướng Chính phủ",
    "... của Thủ tướng Chính phủ ngày 12/9/2024". Returns (date, issuer, end)."""
    found = _issuer_at(text, end)
    if found is None:
        return date, None, end
    issuer, after = found
    if date is None and (d := _DATE_AFTER_RE.match(text, after)):
        return parse_date(d.group("date"), default_year), issuer, d.end()
    if not text[after:].strip(" ."):
        return date, issuer, after          # "..., của Thủ tướng Chính phủ" ends the text
    # Elsewhere where a name ends is a guess ("của UBND tỉnh Lạng Sơn khẩn trương"): leave it out.
    return date, None, end


def _numbered(text: str, m: re.Match, kind: str | None, default_year: int | None) -> Reference:
    number = _canonical_number(m.group("number"))
    date = parse_date(m.group("date"), default_year) if m.group("date") else None
    date, issuer, end = _tail(text, m.end(), date, default_year)
    return Reference(kind, number, None, date, _year_of(number, date), text[m.start():end],
                     m.start(), end, issuer)


def _law_title(text: str, pos: int) -> tuple[str, int] | None:
    """The law name starting at text[pos:] and where it ends."""
    rest = text[pos:]
    if amend := _AMENDING_RE.match(rest):
        end = amend.end()
        while (head := _LAW_HEAD_RE.match(rest, end)) and (name := _law_title(rest, head.end())):
            end = name[1]
            nxt = _NEXT_LAW_RE.match(rest, end)
            if not nxt:
                break
            end = nxt.end()
        end = len(rest[:end].rstrip(", ").removesuffix(" và"))
        return (rest[:end], pos + end) if end > amend.end() else None
    for name in _KNOWN_SORTED:
        if rest.startswith(name) and not re.match(_W, rest[len(name):len(name) + 1] or " "):
            return name, pos + len(name)
    first = _WORD_RE.match(rest)
    if not first or not first.group(0)[0].isupper() or first.group(0)[0].isdigit():
        return None
    end = first.end()
    words = 1
    while words < 6:
        nxt = re.match(rf" ({_W}+)", rest[end:])
        if not nxt:
            break
        word = nxt.group(1)
        if word[0].isupper() or word[0].isdigit() or word.casefold() in STOP_WORDS:
            break
        end += nxt.end()
        words += 1
    return rest[:end], pos + end


def _law_at(text: str, m: re.Match, default_year: int | None) -> Reference | None:
    found = _law_title(text, m.end())
    if not found:
        return None
    title, end = found
    year = number = date = issuer = None
    if y := _LAW_YEAR_RE.match(text, end):
        year, end = int(y.group("year")), y.end()
    if n := _LAW_NUMBER_RE.match(text, end):
        number = _canonical_number(n.group("number"))
        date = parse_date(n.group("date"), default_year) if n.group("date") else None
        year = _year_of(number, None) or year or (date.year if date else None)
        date, issuer, end = _tail(text, n.end(), date, default_year)
    title = LAW_ABBREVIATIONS.get(title, title)
    return Reference(m.group("kind"), number, title, date, year, text[m.start():end],
                     m.start(), end, issuer)


def _kind_starts(text: str) -> list[int]:
    """Every position where a type word or an abbreviation starts (overlapping ones too:
    "Bộ luật" holds "luật")."""
    starts, pos = [], 0
    while m := _KIND_START_RE.search(text, pos):
        starts.append(m.start())
        pos = m.start() + 1
    return starts


def _matches_at(pattern: re.Pattern, text: str, starts: list[int]):
    """What pattern.finditer(text) finds, trying the pattern only at `starts`: sorted, and
    holding every position where one of its matches can begin."""
    end = 0
    for start in starts:
        if start >= end and (m := pattern.match(text, start)):
            yield m
            end = m.end()


def _candidates(text: str, default_year: int | None) -> list[Reference]:
    found = []
    has_number = _DIGIT.search(text) is not None
    starts = _kind_starts(text) if has_number else []
    for m in _matches_at(_TYPED_RE, text, starts):
        if not _has_code(m.group("number")):
            continue          # "Quyết định số 280/31/01/2019": see find_malformed
        kind = _KIND_BY_FOLD.get(m.group("kind").casefold()) if m.group("kind") else ABBREVIATIONS[m.group("abbr").upper()]
        found.append(_numbered(text, m, kind, default_year))
    for m in _matches_at(_DATE_FIRST_RE, text, starts):
        if _has_code(m.group("number")):
            found.append(_numbered(text, m, _KIND_BY_FOLD[m.group("kind").casefold()], default_year))
    for m in _BARE_RE.finditer(text) if has_number else ():
        segments = re.split(r"[/-]", m.group("number"))[1:]
        if "/" in m.group("number") and any(any(c.isupper() for c in s) for s in segments):
            found.append(_numbered(text, m, None, default_year))
    for m in _LAW_HEAD_RE.finditer(text) if "Luật" in text or "Bộ luật" in text else ():
        if ref := _law_at(text, m, default_year):
            found.append(ref)
    return found


def find_references(text: str, default_year: int | None = None) -> list[Reference]:
    """Every reference in `text`, in order, non-overlapping; text[r.start:r.end] == r.text."""
    chosen: list[Reference] = []
    # Earliest start wins; at one start the longest span (type word + number + date).
    for ref in sorted(_candidates(text, default_year), key=lambda r: (r.start, -r.end)):
        if not chosen or ref.start >= chosen[-1].end:
            chosen.append(ref)
    return chosen


@dataclass(frozen=True)
class Malformed:
    """A reference the text gets wrong ("Quyết định số: 280/31/01/2019"): kept as written."""
    text: str
    start: int
    end: int


def find_malformed(text: str) -> list[Malformed]:
    """Type word + "số" + a number with no issuer code: not a document number anyone can look up."""
    return [Malformed(m.group(0), m.start(), m.end()) for m in _MALFORMED_RE.finditer(text)
            if "/" in m.group("number") or "." in m.group("number")]


def parse_reference(text: str, default_year: int | None = None) -> Reference | None:
    """`text` as one whole reference (a `cites:` string or a document number); None if it is not."""
    text = clean_text(text)
    refs = find_references(text, default_year)
    if len(refs) == 1 and refs[0].start == 0 and refs[0].end == len(text.rstrip(".")):
        return refs[0]
    if re.fullmatch(_NUMBER, text) and "/" in text and re.search(r"[^\W\d_]", text):
        number = _canonical_number(text)
        return Reference(None, number, None, None, _year_of(number, None), text, 0, len(text))
    # Law names in lowercase or a name the running-text rule would cut short ("Luật Giá").
    m = re.match(r"^(?P<kind>bộ luật|luật)\s+(?P<title>.+?)(?:(?:\s+năm)?\s+(?P<year>(?:19|20)\d{2}))?$", text, re.IGNORECASE)
    if m and not re.search(r"\d/", m.group("title")) and not re.search(r"\ssố(?:\s|:|$)", m.group("title")):
        title = m.group("title")
        title = LAW_ABBREVIATIONS.get(title, title[0].upper() + title[1:])
        kind = "Bộ luật" if m.group("kind").casefold() == "bộ luật" else "Luật"
        year = int(m.group("year")) if m.group("year") else None
        return Reference(kind, None, title, None, year, text, 0, len(text))
    return None
