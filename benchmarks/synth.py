#!/usr/bin/env python3
"""A synthetic archive in the content contract, for measuring builds at archive scale.

    .venv/bin/python benchmarks/synth.py --weeks 52 --out /tmp/archive-52w     # ~1,300 directives
    .venv/bin/python benchmarks/synth.py --weeks 520 --out /tmp/archive-520w   # ~13,000

The text is the seed week's own sentences (content/2024/w44/*.md), recombined: each
directive gets a title adapted from a seed title of one of its topics, an opening
sentence naming its document and official, a sentence citing what it rests on, and
seed sentences of its topics until the body is about 3.5 KB. Officials, agencies,
national documents and the province's own earlier documents are shared across weeks;
series without a year in the number restart every year, so the same number recurs
in different years as real ones do. Every citation form the real text uses appears in
`cites` and in bodies (see CITATION FORMS below).

Deterministic: the same options give the same bytes. Importable:
`generate(weeks) -> dict[path, text]` and `write_archive(out, weeks)`.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from slugify import slugify

REPO = Path(__file__).resolve().parent.parent
SEED_CONTENT = REPO / "content"
SEED_WEEK = SEED_CONTENT / "2024" / "w44"
DEFAULT_SEED = 4
DEFAULT_END = (2024, 44)   # the seed's week: synthetic archives end there and run backwards

# CITATION FORMS. "all" is every form real text uses; "today" leaves out the forms the
# generator at the time of writing refuses in `cites` (a law cited by its number), so
# the benchmark runs on today's code. Bodies carry every form in both modes (a body is
# never refused), so the two modes differ only in `cites`.
FORMS = {
    "all": frozenset({"typed", "dated", "undated", "law-year", "law-number", "law-name"}),
    "today": frozenset({"typed", "dated", "undated", "law-year", "law-name"}),
}

# Laws with their real numbers: cited as "Luật Đất đai năm 2024" or "Luật Đất đai số 31/2024/QH15".
LAWS = (
    ("Đất đai", "31/2024/QH15"), ("Đầu tư công", "58/2024/QH15"), ("Ngân sách nhà nước", "83/2015/QH13"),
    ("Bảo hiểm xã hội", "41/2024/QH15"), ("Bảo hiểm y tế", "25/2008/QH12"), ("Di sản văn hóa", "45/2024/QH15"),
    ("Giá", "16/2023/QH15"), ("Xây dựng", "50/2014/QH13"), ("Quy hoạch", "21/2017/QH14"),
    ("Nhà ở", "27/2023/QH15"), ("Kinh doanh bất động sản", "29/2023/QH15"), ("Căn cước", "26/2023/QH15"),
    ("Lý lịch tư pháp", "28/2009/QH12"), ("Đấu thầu", "22/2023/QH15"), ("Phòng, chống thiên tai", "33/2013/QH13"),
    ("Giáo dục", "43/2019/QH14"), ("Du lịch", "09/2017/QH14"), ("Bảo vệ môi trường", "72/2020/QH14"),
    ("Tài nguyên nước", "28/2023/QH15"), ("Khoa học và công nghệ", "29/2013/QH13"),
    ("Thi đua, khen thưởng", "06/2022/QH15"), ("Tín ngưỡng, tôn giáo", "02/2016/QH14"),
)
# National series. Normative ones carry their year in the number; the others restart yearly.
NORMATIVE = (("Nghị định", "NĐ-CP"), ("Thông tư", "TT-BKHCN"), ("Thông tư", "TT-BTC"), ("Thông tư", "TT-BYT"),
             ("Thông tư", "TT-BGDĐT"), ("Thông tư", "TT-BTNMT"), ("Nghị quyết", "NQ-CP"), ("Nghị quyết", "QH15"))
YEARLY = (("Quyết định", "QĐ-TTg"), ("Công văn", "VPCP-KSTT"), ("Công văn", "VPCP-KTTH"), ("Chỉ thị", "CT-TTg"),
          ("Công văn", "BYT-KCB"), ("Công văn", "BTC-NSNN"), ("Thông báo", "TB-VPCP"))
PARTY = (("Kết luận", "KL/TW"), ("Nghị quyết", "NQ/TW"), ("Chỉ thị", "CT/TW"), ("Kết luận", "KL/TU"))
# The province's own series: (type, code, normative, numbers issued per year).
LOCAL = (("Công văn", "VP-KT", False, 6200), ("Công văn", "VP-KGVX", False, 6200), ("Công văn", "VP-NC", False, 6200),
         ("Công văn", "UBND-KT", False, 1700), ("Công văn", "UBND-KGVX", False, 1700), ("Kế hoạch", "KH-UBND", False, 260),
         ("Quyết định", "QĐ-UBND", False, 2000), ("Quyết định", "QĐ-UBND", True, 50), ("Chỉ thị", "CT-UBND", False, 30),
         ("Thông báo", "TB-UBND", False, 700), ("Công văn", "BCĐ-NTM", False, 190))
OFFICIALS = (  # (name, roles): the seed's leaders plus generic names for earlier terms
    ("Hồ Tiến Thiệu", ("Chủ tịch UBND tỉnh", "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh")),
    ("Dương Xuân Huyên", ("Phó Chủ tịch Thường trực UBND tỉnh",)),
    ("Lương Trọng Quỳnh", ("Phó Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh, Phó Trưởng Ban Chỉ đạo các Chương trình mục tiêu quốc gia tỉnh")),
    ("Đoàn Thanh Sơn", ("Phó Chủ tịch UBND tỉnh",)),
    ("Nguyễn Văn An", ("Chủ tịch UBND tỉnh",)), ("Trần Thị Bình", ("Phó Chủ tịch UBND tỉnh",)),
    ("Lê Minh Cường", ("Phó Chủ tịch UBND tỉnh",)), ("Phạm Quốc Dũng", ("Phó Chủ tịch Thường trực UBND tỉnh",)),
    ("Hoàng Thị Hà", ("Phó Chủ tịch UBND tỉnh",)), ("Vũ Đức Hùng", ("Phó Chủ tịch UBND tỉnh",)),
)
EXTRA_AGENCIES = ("Sở Giáo dục và Đào tạo", "Sở Xây dựng", "Sở Giao thông vận tải", "Sở Công Thương", "Sở Nội vụ",
                  "Thanh tra tỉnh", "Ban Dân tộc tỉnh", "Cục Thuế tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Đài Phát thanh và Truyền hình tỉnh",
                  "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn", "Kho bạc Nhà nước tỉnh", "Sở Ngoại vụ")
TITLE_TAILS = ("", "", " trên địa bàn tỉnh", " (đợt {n})", " năm {y}", " tại các huyện, thành phố", " quý {q} năm {y}",
               " giai đoạn {y}-{y5}", " (lần {n})")
CITING = (  # sentences that carry the citations; {c} is the list of cited documents
    "Theo đó, căn cứ {c}, yêu cầu các sở, ban, ngành, UBND các huyện, thành phố tổ chức triển khai thực hiện nghiêm túc, hiệu quả.",
    "Việc triển khai phải bảo đảm đúng quy định tại {c} và các văn bản hướng dẫn thi hành.",
    "Đồng thời, tiếp tục thực hiện nghiêm {c}; kịp thời báo cáo UBND tỉnh những khó khăn, vướng mắc phát sinh.",
    "Nội dung này được thực hiện trên cơ sở {c}, bảo đảm thống nhất, đồng bộ trên địa bàn tỉnh.",
)
SENTENCE_END = re.compile(r"(?<=[.…])\s+")
YEAR_IN_TITLE = re.compile(r"\b(20\d\d)\b")


@dataclass(frozen=True)
class Doc:
    """A document as the archive knows it: carried by a directive or cited."""
    kind: str
    number: str
    date: dt.date | None
    law: str | None = None          # a law's name ("Đất đai") when kind == "Luật"

    def cite(self, form: str) -> str:
        if self.law is not None:
            if form == "law-number":
                return f"Luật {self.law} số {self.number}"
            if form == "law-name":
                return f"Luật {self.law}"
            return f"Luật {self.law} năm {self.date.year}"
        if form == "dated" and self.date is not None:
            return f"{self.kind} số {self.number} ngày {self.date.day}/{self.date.month}/{self.date.year}"
        return f"{self.kind} số {self.number}"

    def prose(self, form: str, rnd: random.Random) -> str:
        """How a body names it: the `cites` form, sometimes with the date written out."""
        if self.law is None and form == "dated" and self.date is not None and rnd.random() < 0.3:
            return f"{self.kind} số {self.number} ngày {self.date.day:02d} tháng {self.date.month:02d} năm {self.date.year}"
        return self.cite(form)


@dataclass
class SeedText:
    titles: list[tuple[str, tuple[str, ...]]]      # (title, topics)
    sentences: dict[str, list[str]]                # topic -> sentences of seed directives with it
    every_sentence: list[str]
    agencies: list[str]
    topics_yaml: str
    site_yaml: str
    topic_keys: list[str]


def read_seed(content: Path = SEED_CONTENT) -> SeedText:
    titles, by_topic, every, agencies = [], {}, [], set()
    for path in sorted((content / "2024" / "w44").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        topics = tuple(meta.get("topics") or ())
        titles.append((meta["title"], topics))
        agencies.update(meta.get("agencies") or ())
        sentences = [s for para in body.split("\n\n") for s in _sentences(para) if len(s) > 40]
        every.extend(sentences)
        for t in topics:
            by_topic.setdefault(t, []).extend(sentences)
    topics_yaml = (content / "topics.yaml").read_text(encoding="utf-8")
    return SeedText(titles, by_topic, every, sorted(agencies) + list(EXTRA_AGENCIES), topics_yaml,
                    (content / "site.yaml").read_text(encoding="utf-8"), list(yaml.safe_load(topics_yaml)))


def _sentences(paragraph: str) -> list[str]:
    """Split after "." or "…" when the next piece starts with a capital (not "đ/c.", "5.000 m2")."""
    out: list[str] = []
    for piece in SENTENCE_END.split(paragraph.strip()):
        if out and not piece[:1].isupper() and not piece[:1] in "“\"":
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


class _Registry:
    """Documents shared across the archive: national ones (fixed per year) and the province's
    own, numbered per series and year as they are issued."""

    def __init__(self, rnd: random.Random, years: range):
        self.rnd = rnd
        self.laws = [Doc("Luật", number, dt.date(int(number.split("/")[1]), 6, 1 + i % 28), name)
                     for i, (name, number) in enumerate(LAWS)]
        self.national: dict[int, list[Doc]] = {}
        yearly_numbers = {code: rnd.sample(range(100, 2500), 40) for _, code in YEARLY}
        party_numbers = {code: rnd.sample(range(1, 150), 20) for _, code in PARTY}
        for year in range(years.start - 5, years.stop):
            docs = [Doc(kind, f"{rnd.randint(1, 180)}/{year}/{code}", _day(rnd, year)) for kind, code in NORMATIVE
                    for _ in range(4)]
            # The same numbers come back every year: 1055/QĐ-TTg of 2019 and of 2023 are two documents.
            docs += [Doc(kind, f"{n}/{code}", _day(rnd, year)) for kind, code in YEARLY for n in rnd.sample(yearly_numbers[code], 6)]
            docs += [Doc(kind, f"{n}-{code}", _day(rnd, year)) for kind, code in PARTY for n in rnd.sample(party_numbers[code], 3)]
            self.national[year] = docs
        self.counters: dict[tuple[str, int], int] = {}
        self.issued: list[Doc] = []      # the province's documents, in order of issue

    def issue(self, date: dt.date) -> Doc:
        kind, code, normative, per_year = self.rnd.choices(LOCAL, weights=[s[3] ** 0.5 for s in LOCAL])[0]
        key = (f"{code}{normative}", date.year)
        start = 1 + (date - dt.date(date.year, 1, 1)).days * per_year // 366
        n = self.counters[key] = max(self.counters.get(key, 0) + self.rnd.randint(1, 3), start)
        number = f"{n}/{date.year}/{code}" if normative else f"{n}/{code}"
        doc = Doc(kind, number, date)
        self.issued.append(doc)
        return doc

    def citable(self, date: dt.date) -> Doc:
        r = self.rnd.random()
        if r < 0.25:
            return self.rnd.choice([law for law in self.laws if law.date <= date] or self.laws)
        if r < 0.55 and len(self.issued) > 30:
            return self.rnd.choice(self.issued[-1500:-5])   # an earlier document of the province
        year = date.year - min(int(self.rnd.expovariate(0.8)), 4)
        return self.rnd.choice([d for d in self.national[year] if d.date < date] or self.national[year - 1])


def _day(rnd: random.Random, year: int) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rnd.randrange(365))


def _form(doc: Doc, forms: frozenset[str], rnd: random.Random) -> str:
    if doc.law is not None:
        choices = [f for f in ("law-year", "law-year", "law-number", "law-name") if f in forms]
    elif "/20" in doc.number and re.search(r"/\d{4}/", doc.number):
        choices = ["typed"]
    else:
        choices = ["dated"] * 5 + ["undated"]
    return rnd.choice([c for c in choices if c in forms] or ["typed"])


def _move_years(title: str, year: int) -> str:
    """A seed title moved to another year: 2024 -> year, 2025 -> year + 1 ..."""
    return YEAR_IN_TITLE.sub(lambda m: str(year + int(m.group(1)) - 2024), title)


def _plain(text: str) -> str:
    return text[0].lower() + text[1:] if text[:2] not in ("UB", "HĐ") else text


class _Writer:
    def __init__(self, weeks: int, seed: int, forms: str, end: tuple[int, int]):
        if forms not in FORMS:
            raise ValueError(f"forms must be one of {sorted(FORMS)}")
        self.forms = FORMS[forms]
        self.rnd = random.Random(seed)
        self.seed = read_seed()
        last_monday = dt.date.fromisocalendar(end[0], end[1], 1)
        self.mondays = [last_monday - dt.timedelta(weeks=k) for k in range(weeks - 1, -1, -1)]
        self.registry = _Registry(self.rnd, range(self.mondays[0].year, last_monday.year + 1))
        self.keys: list[str] = []     # every directive's key so far, for `related`
        self.tree: dict[str, str] = {"site.yaml": self.seed.site_yaml, "topics.yaml": self.seed.topics_yaml}

    def run(self) -> dict[str, str]:
        for monday in self.mondays:
            self.week(monday)
        return self.tree

    def week(self, monday: dt.date) -> None:
        year, week, _ = monday.isocalendar()
        folder = f"{year}/w{week:02d}"
        sunday = monday + dt.timedelta(days=6)
        slugs, titles = [], []
        for _ in range(self.rnd.randint(20, 31)):
            date = monday + dt.timedelta(days=min(int(self.rnd.expovariate(0.45)), 6))
            meta, body = self.directive(date)
            slug = slugify(meta["title"], max_length=60, word_boundary=True)
            n = 2
            while slug in slugs:
                slug, n = f"{slugify(meta['title'], max_length=55, word_boundary=True)}-{n}", n + 1
            slugs.append(slug)
            titles.append(meta["title"])
            self.tree[f"{folder}/{slug}.md"] = f"---\n{_dump(meta)}---\n\n{body}\n"
        for slug in slugs:
            self.keys.append(f"{folder}/{slug}")
        bulletin = {
            "title": f"Chỉ đạo, điều hành nổi bật của UBND tỉnh trong tuần (từ ngày {monday:%d/%m} đến hết ngày {sunday:%d/%m/%Y})",
            "period": {"from": monday, "to": sunday},
            "lead": "; ".join(titles) + ".",
            "order": slugs,
        }
        self.tree[f"{folder}/_bulletin.yaml"] = _dump(bulletin)

    def directive(self, date: dt.date) -> tuple[dict, str]:
        rnd, seed = self.rnd, self.seed
        meeting = rnd.random() < 0.04
        if meeting:
            topics = ["phien-hop-ubnd-tinh"] + rnd.sample(seed.topic_keys, rnd.randint(1, 2))
            title = f"Họp thường kỳ UBND tỉnh tháng {date.month} năm {date.year} (kỳ {rnd.randint(1, 4)})"
        else:
            seed_title, seed_topics = rnd.choice(seed.titles)
            topics = list(seed_topics[:2]) + rnd.sample(seed.topic_keys, rnd.randint(0, 1))
            title = _move_years(seed_title, date.year) + rnd.choice(TITLE_TAILS).format(
                n=rnd.randint(1, 5), y=date.year, q=(date.month - 1) // 3 + 1, y5=date.year + 5)
        topics = list(dict.fromkeys(topics))
        meta: dict = {"title": title, "date": date}
        documents = [] if meeting else [self.registry.issue(date - dt.timedelta(days=rnd.choice((0, 0, 0, 1))))
                                        for _ in range(1 if rnd.random() < 0.95 else rnd.randint(2, 3))]
        if documents:
            entries = [{"type": d.kind, "number": d.number, "date": d.date} for d in documents]
            meta["document"] = entries[0] if len(entries) == 1 else entries
        name, roles = OFFICIALS[rnd.randrange(4)] if date.year >= 2021 or rnd.random() < 0.3 else OFFICIALS[4 + rnd.randrange(6)]
        if meeting or rnd.random() < 0.6:
            meta["officials"] = [{"name": name, "role": rnd.choice(roles)}]
        if rnd.random() < 0.8:
            meta["agencies"] = rnd.sample(seed.agencies, rnd.randint(1, 5))
        meta["topics"] = topics
        cited = list(dict.fromkeys(self.registry.citable(date) for _ in range(rnd.choice((0, 1, 1, 2, 2, 3)))))
        cited = [d for d in cited if d not in documents]
        forms = [_form(d, self.forms, rnd) for d in cited]
        if cited:
            meta["cites"] = [d.cite(f) for d, f in zip(cited, forms)]
        if documents and documents[0].kind == "Quyết định" and "/20" in documents[0].number and rnd.random() < 0.7:
            meta["effective"] = documents[0].date + dt.timedelta(days=rnd.choice((10, 12, 15)))
        if meeting or rnd.random() < 0.2:
            meta["deadlines"] = [{"date": date + dt.timedelta(days=rnd.randint(1, 60)),
                                  "what": rnd.choice(seed.every_sentence)[:90].rstrip(" ,;")}
                                 for _ in range(rnd.randint(1, 3))]
        if self.keys and rnd.random() < 0.08:
            meta["related"] = [self.keys[-rnd.randint(1, min(len(self.keys), 150))]]
        return meta, self.body(meta, documents, name, cited, forms, topics)

    def body(self, meta: dict, documents: list[Doc], official: str, cited: list[Doc], forms: list[str],
             topics: list[str]) -> str:
        rnd, seed = self.rnd, self.seed
        carried = ", ".join(f"{d.kind} số {d.number}, ngày {d.date:%d/%m/%Y}" for d in documents)
        if "officials" in meta:
            role = meta["officials"][0]["role"]
            what = re.sub(r"^chỉ đạo ", "", _plain(meta["title"]))
            opening = f"Đồng chí {official}, {role} chỉ đạo ({carried}) {what}." if documents else \
                f"Ngày {meta['date']:%d/%m/%Y}, đồng chí {official}, {role} chủ trì {_plain(meta['title'])}."
        else:
            opening = f"UBND tỉnh ban hành {_plain(meta['title'])} ({carried})."
        paragraphs = [opening]
        if cited:
            mentioned = [d.prose(f, rnd) for d, f in zip(cited, forms)]
            if "law-number" in forms or rnd.random() < 0.3:   # bodies carry every form, whatever `cites` does
                law = rnd.choice(self.registry.laws)
                mentioned.append(law.prose(rnd.choice(("law-number", "law-year")), rnd))
            paragraphs.append(rnd.choice(CITING).format(c=", ".join(mentioned)))
        pool = [s for t in topics for s in seed.sentences.get(t, ())] or seed.every_sentence
        target = min(max(int(rnd.gauss(3000, 800)), 1200), 6000)   # the last paragraph overshoots: ~3.5 KB
        size = sum(len(p.encode()) for p in paragraphs)
        while size < target:
            para = " ".join(rnd.choice(pool if rnd.random() < 0.8 else seed.every_sentence)
                            for _ in range(rnd.randint(1, 4)))
            paragraphs.append(para)
            size += len(para.encode()) + 2
        return "\n\n".join(paragraphs)


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6, default_flow_style=False)


def generate(weeks: int, *, seed: int = DEFAULT_SEED, forms: str = "all",
             end: tuple[int, int] = DEFAULT_END) -> dict[str, str]:
    """The archive as {relative path: text}: site.yaml, topics.yaml and `weeks` issues
    ending with the ISO week `end`."""
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    return _Writer(weeks, seed, forms, end).run()


@dataclass
class Summary:
    weeks: int
    directives: int
    bytes: int


def write_archive(out: Path, weeks: int, *, seed: int = DEFAULT_SEED, forms: str = "all",
                  end: tuple[int, int] = DEFAULT_END) -> Summary:
    """Write the archive into `out`, which must be absent or empty (nothing is overwritten)."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; give a new folder")
    tree = generate(weeks, seed=seed, forms=forms, end=end)
    total = 0
    for rel, text in tree.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return Summary(weeks, sum(1 for rel in tree if rel.endswith(".md")), total)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--weeks", type=int, required=True, help="how many weekly issues (52 = a year, 520 = ten)")
    parser.add_argument("--out", type=Path, required=True, help="a new or empty folder to write the archive into")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--forms", choices=sorted(FORMS), default="all",
                        help="citation forms in `cites`: all (default) or today (without laws cited by number, "
                             "which the generator refused when this was written)")
    parser.add_argument("--end", default=f"{DEFAULT_END[0]}-W{DEFAULT_END[1]:02d}",
                        help="the ISO week of the last issue (default %(default)s)")
    args = parser.parse_args(argv)
    m = re.fullmatch(r"(\d{4})-W(\d{2})", args.end)
    if not m:
        parser.error("--end is written like 2024-W44")
    try:
        summary = write_archive(args.out, args.weeks, seed=args.seed, forms=args.forms,
                                end=(int(m.group(1)), int(m.group(2))))
    except (FileExistsError, ValueError) as e:
        print(f"synth.py: {e}", file=sys.stderr)
        return 2
    print(f"{summary.weeks} weeks, {summary.directives} directives, {summary.bytes / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
