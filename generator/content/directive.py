"""Read and validate one directive file (`YYYY/wNN/<slug>.md`)."""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from slugify import slugify

from generator.content import fields as f
from generator.content import format as fmt
from generator.content.references import carried, cited
from generator.content.sourcefile import read_text, split_front_matter
from generator.content.yamlsource import parse_yaml
from generator.diagnostics import Diagnostics
from generator.model.entities import Deadline, Directive, DocumentRef, Official, Topic

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DIRECTIVE_KEY_RE = re.compile(r"^(\d{4})/w(\d{2})/([a-z0-9]+(?:-[a-z0-9]+)*)$")
# Raw HTML in a body is refused rather than passed through: the site must not
# carry markup (or scripts) that no one reviewed as text.
RAW_HTML_RE = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>")
# Link targets in Markdown, inline `[text](target)` or reference `[id]: target`: only
# web and mail addresses or paths inside the site; `javascript:` and the like never.
LINK_TARGET_RE = re.compile(r"\]\(\s*<?([^)\s>]+)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
SAFE_TARGET_RE = re.compile(r"^(https?://|mailto:|/|\.|#|[^:/?#]+(?:[/?#]|$))", re.IGNORECASE)
FIELDS = fmt.DIRECTIVE.names()
DOCUMENT_FIELDS = fmt.DOCUMENT.names()
# How far a directive's date may stray from its issue's period before it is an error:
# a bulletin sometimes reports a letter signed the week before, but a month off is a typo.
PERIOD_SLACK = dt.timedelta(days=14)


@dataclass(frozen=True)
class IssueContext:
    year: int
    week: int
    period_from: dt.date | None
    period_to: dt.date | None


def read_directive(path: Path, shown: str, issue: IssueContext, topics: dict[str, Topic],
                   diags: Diagnostics) -> Directive | None:
    slug = path.stem
    if not SLUG_RE.match(slug):
        diags.error(shown, None, f"tên tệp '{path.name}' không dùng được làm địa chỉ trang",
                    f"đổi tên thành '{slugify(slug) or 'ten-chi-thi'}.md' (chữ thường không dấu, số và dấu gạch ngang)")
    text = read_text(path, shown, diags)
    if text is None:
        return None
    split = split_front_matter(text, shown, diags)
    if split is None:
        return None
    doc = parse_yaml(split.front_matter, shown, diags, line_offset=1)
    if doc is None:
        return None
    ctx = f.Ctx(shown, doc, diags)
    data = f.mapping(ctx, (), doc.data if doc.data is not None else {}, FIELDS,
                     "title: ...\ndate: 2024-10-28")
    if data is None:
        return None
    errors_before = len(diags.errors)

    title = f.text(ctx, ("title",), f.required(ctx, (), data, "title", "title: Tiêu đề chỉ thị"))
    date = f.date(ctx, ("date",), f.required(ctx, (), data, "date", "date: 2024-10-28"))
    if date is not None:
        _check_in_period(ctx, date, issue)
    fallback_year = date.year if date else issue.year

    documents = _documents(ctx, data.get("document"), fallback_year)
    officials = f.listof(ctx, ("officials",), data.get("officials"), _official, "- {name: ..., role: ...}")
    agencies = f.listof(ctx, ("agencies",), data.get("agencies"),
                        lambda c, p, v: f.text(c, p, v, "Sở Y tế"), "[Sở Y tế]")
    topic_keys = f.listof(ctx, ("topics",), data.get("topics"),
                          lambda c, p, v: _topic(c, p, v, topics), "[y-te]")
    cites = f.listof(ctx, ("cites",), data.get("cites"),
                     lambda c, p, v: _cite(c, p, v, fallback_year), "- Nghị định số 93/2023/NĐ-CP")
    effective = f.date(ctx, ("effective",), data["effective"]) if data.get("effective") is not None else None
    deadlines = f.listof(ctx, ("deadlines",), data.get("deadlines"), _deadline, "- {date: 2024-10-30, what: ...}")
    related = f.listof(ctx, ("related",), data.get("related"), _related, "[2024/w44/ten-chi-thi]")
    related_lines = {key: line for key, line in related}
    related = [key for key, _ in related]
    aliases = f.listof(ctx, ("aliases",), data.get("aliases"), _alias, "[/duong-dan-cu/]")
    draft = f.boolean(ctx, ("draft",), data["draft"]) if data.get("draft") is not None else False
    summary = f.text(ctx, ("summary",), data["summary"]) if data.get("summary") is not None else ""

    body = split.body.strip("\n")
    if not body.strip():
        diags.error(shown, split.body_line, "chỉ thị không có nội dung",
                    "viết nội dung chỉ thị bên dưới dòng '---' thứ hai")
    _check_body(shown, split.body, split.body_line, diags)

    if len(diags.errors) > errors_before or title is None or date is None:
        return None
    return Directive(
        year=issue.year, week=issue.week, slug=slug, source=shown, title=title, date=date, body=body,
        documents=tuple(documents), officials=_dedupe(officials), agencies=_dedupe(agencies),
        topics=_dedupe(topic_keys), cites=tuple(_dedupe_refs(cites, documents)), effective=effective,
        deadlines=tuple(sorted(deadlines, key=lambda d: (d.date, d.what))),
        related=_dedupe(related), related_lines=related_lines, aliases=_dedupe(aliases), summary=summary or "", draft=bool(draft),
    )


def _check_in_period(ctx: f.Ctx, date: dt.date, issue: IssueContext) -> None:
    if issue.period_from is None or issue.period_to is None:
        return
    if date < issue.period_from - PERIOD_SLACK or date > issue.period_to + PERIOD_SLACK:
        ctx.error(("date",),
                  f"ngày {date:%d/%m/%Y} nằm xa ngoài kỳ bản tin "
                  f"({issue.period_from:%d/%m/%Y} - {issue.period_to:%d/%m/%Y})",
                  f"kiểm tra lại ngày, hoặc chuyển tệp sang thư mục của tuần chứa ngày {date:%d/%m/%Y}")


def _documents(ctx: f.Ctx, value, fallback_year: int) -> list[DocumentRef]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out = []
    for i, item in enumerate(items):
        path = ("document", i) if isinstance(value, list) else ("document",)
        data = f.mapping(ctx, path, item, DOCUMENT_FIELDS, "{type: Công văn, number: 5902/VP-NC, date: 2024-10-28}")
        if data is None:
            continue
        number = f.text(ctx, (*path, "number"), f.required(ctx, path, data, "number", "number: 5902/VP-NC"),
                        "5902/VP-NC")
        kind = f.text(ctx, (*path, "type"), data["type"], "Công văn") if data.get("type") is not None else None
        when = f.date(ctx, (*path, "date"), data["date"]) if data.get("date") is not None else None
        issuer = f.text(ctx, (*path, "issuer"), data.get("issuer"), "Văn phòng UBND tỉnh")
        source_url = _web_address(ctx, (*path, "url"), data.get("url"))
        if number is None:
            continue
        ref = carried(kind, number, when, ctx.doc.line((*path, "number")), fallback_year, issuer, source_url)
        if ref is None:
            ctx.error((*path, "number"), f"không nhận ra số hiệu văn bản '{number}'",
                      "viết số hiệu như trên văn bản, ví dụ 5902/VP-NC hoặc 45/2024/QĐ-UBND")
            continue
        out.append(ref)
    return out


def _web_address(ctx: f.Ctx, path: tuple, value) -> str | None:
    address = f.text(ctx, path, value, "https://vanban.langson.gov.vn/...")
    if address and not re.match(r"^https?://[^\s/]+\S*$", address):
        ctx.error(path, f"'{address}' không phải là địa chỉ trang web",
                  "viết địa chỉ đầy đủ bắt đầu bằng https://, hoặc bỏ trường url")
        return None
    return address


def _official(ctx: f.Ctx, path: tuple, value) -> Official | None:
    if isinstance(value, str):
        name = f.text(ctx, path, value)
        return Official(name) if name else None
    data = f.mapping(ctx, path, value, fmt.OFFICIAL.names(), "{name: Hồ Tiến Thiệu, role: Chủ tịch UBND tỉnh}")
    if data is None:
        return None
    name = f.text(ctx, (*path, "name"), f.required(ctx, path, data, "name", "name: Hồ Tiến Thiệu"), "Hồ Tiến Thiệu")
    role = f.text(ctx, (*path, "role"), data["role"], "Chủ tịch UBND tỉnh") if data.get("role") is not None else ""
    return Official(name, role or "") if name else None


def _topic(ctx: f.Ctx, path: tuple, value, topics: dict[str, Topic]) -> str | None:
    key = f.text(ctx, path, value, "y-te")
    if key is None:
        return None
    if key in topics:
        return key
    by_name = {t.name.casefold(): k for k, t in topics.items()}
    guess = by_name.get(key.casefold()) or next(iter(difflib.get_close_matches(key, list(topics), n=1, cutoff=0.5)), None)
    hint = f"có phải ý bạn là '{guess}'?" if guess else "dùng một khóa trong content/topics.yaml"
    ctx.error(path, f"chủ đề '{key}' không có trong topics.yaml", hint + " (danh sách: " + ", ".join(topics) + ")")
    return None


def _cite(ctx: f.Ctx, path: tuple, value, fallback_year: int) -> DocumentRef | None:
    written = f.text(ctx, path, value, "Nghị định số 93/2023/NĐ-CP")
    if written is None:
        return None
    ref = cited(written, ctx.doc.line(path), fallback_year)
    if ref is None:
        ctx.error(path, f"không nhận ra văn bản được dẫn '{written}'",
                  "viết loại, số hiệu và ngày nếu có, ví dụ: Kết luận số 94-KL/TW ngày 13/9/2024, "
                  "hoặc Luật Đất đai năm 2024")
    return ref


def _deadline(ctx: f.Ctx, path: tuple, value) -> Deadline | None:
    data = f.mapping(ctx, path, value, fmt.DEADLINE.names(), "{date: 2024-10-30, what: hoàn thiện dự thảo}")
    if data is None:
        return None
    when = f.date(ctx, (*path, "date"), f.required(ctx, path, data, "date", "date: 2024-10-30"))
    what = f.text(ctx, (*path, "what"), f.required(ctx, path, data, "what", "what: hoàn thiện dự thảo"))
    return Deadline(when, what) if when and what else None


def _related(ctx: f.Ctx, path: tuple, value) -> tuple[str, int] | None:
    key = f.text(ctx, path, value, "2024/w44/ten-chi-thi")
    if key is None:
        return None
    key = key.strip("/")
    if not DIRECTIVE_KEY_RE.match(key):
        ctx.error(path, f"'{value}' không phải là đường dẫn một chỉ thị",
                  "viết năm/tuần/tên-tệp, ví dụ 2024/w44/hop-thuong-ky-ubnd-tinh-thang-10-ky-3")
        return None
    return key, ctx.doc.line(path)


def _alias(ctx: f.Ctx, path: tuple, value) -> str | None:
    alias = f.text(ctx, path, value, "/2024/w44/ten-cu/")
    if alias is None:
        return None
    if alias.startswith(("http://", "https://")) or ".." in alias:
        ctx.error(path, f"'{alias}' phải là một đường dẫn trong trang", "ví dụ: /2024/w44/ten-cu/")
        return None
    return "/" + alias.strip("/") + "/"


def _check_body(shown: str, body: str, first_line: int, diags: Diagnostics) -> None:
    in_code = False
    for offset, line in enumerate(body.split("\n")):
        if line.lstrip().startswith("```"):
            in_code = not in_code
            continue
        if in_code or line.startswith("    "):
            continue
        plain = _strip_code_spans(line)
        for link in LINK_TARGET_RE.finditer(plain):
            target = link.group(1) or link.group(2)
            if not SAFE_TARGET_RE.match(target):
                diags.error(shown, first_line + offset, f"liên kết tới '{target[:60]}' không được phép",
                            "liên kết chỉ được tới địa chỉ https://, http://, mailto: hoặc một trang trong bản tin",
                            link.start() + 1)
        m = RAW_HTML_RE.search(plain)
        if m:
            diags.error(shown, first_line + offset,
                        f"nội dung có mã HTML '{m.group(0)[:40]}', trang không đăng mã HTML",
                        "viết bằng chữ thường hoặc Markdown (ví dụ **đậm**, [liên kết](https://...)); "
                        "nếu cần dấu '<' thì viết '\\<'", m.start() + 1)


def _strip_code_spans(line: str) -> str:
    return re.sub(r"`[^`]*`", lambda m: " " * len(m.group(0)), line)


def _dedupe(items) -> tuple:
    return tuple(dict.fromkeys(items))


def _dedupe_refs(cites: list[DocumentRef], documents: list[DocumentRef]) -> list[DocumentRef]:
    """One entry per document; a directive does not cite what it carries."""
    seen = {d.key for d in documents}
    out = []
    for ref in cites:
        if ref.key not in seen:
            seen.add(ref.key)
            out.append(ref)
    return out
