"""Read and validate one directive file (`YYYY/wNN/<slug>.md`)."""
from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from slugify import slugify

from generator.content import fields as f
from generator.content.limits import MAX_NAME_BYTES, body_excess
from generator.content.references import carried, cited
from generator.content.sourcefile import read_text, split_front_matter
from generator.content.yamlsource import parse_yaml
from generator.diagnostics import Diagnostics
from generator.model.entities import Deadline, Directive, DocumentRef, Image, Official, Topic
from generator.model.keys import name_slug
from generator.render.markdown_body import BodyRenderer

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DIRECTIVE_KEY_RE = re.compile(r"^(\d{4})/w(\d{2})/([a-z0-9]+(?:-[a-z0-9]+)*)$")
FIELDS = ("title", "date", "document", "officials", "agencies", "topics", "cites", "effective",
          "deadlines", "related", "aliases", "draft", "summary", "byline", "images")
DOCUMENT_FIELDS = ("type", "number", "date", "issuer", "url")
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
    if len(slug) > MAX_NAME_BYTES:
        diags.error(shown, None, f"tên tệp dài {len(slug)} ký tự, quá dài để làm địa chỉ trang (tối đa {MAX_NAME_BYTES})",
                    f"đổi tên tệp cho ngắn hơn, ví dụ '{slugify(slug, max_length=60, word_boundary=True)}.md'")
    elif not SLUG_RE.match(slug):
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
    agencies = f.listof(ctx, ("agencies",), data.get("agencies"), _agency, "[Sở Y tế]")
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
    byline = f.listof(ctx, ("byline",), data.get("byline"), lambda c, p, v: f.text(c, p, v, "Thùy Linh"), "Thùy Linh")
    images = f.listof(ctx, ("images",), data.get("images"), _image, "- {file: anh-1.png, caption: Ảnh minh họa}")

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
        byline=tuple(byline), images=tuple(images),
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
        if ref is not None and not _short_enough(ctx, (*path, "number"), ref.key.slug, "số hiệu văn bản"):
            continue
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
        return Official(name) if name and _short_enough(ctx, path, name_slug(name), "tên lãnh đạo") else None
    data = f.mapping(ctx, path, value, ("name", "role"), "{name: Hồ Tiến Thiệu, role: Chủ tịch UBND tỉnh}")
    if data is None:
        return None
    name = f.text(ctx, (*path, "name"), f.required(ctx, path, data, "name", "name: Hồ Tiến Thiệu"), "Hồ Tiến Thiệu")
    role = f.text(ctx, (*path, "role"), data["role"], "Chủ tịch UBND tỉnh") if data.get("role") is not None else ""
    if name and not _short_enough(ctx, (*path, "name"), name_slug(name), "tên lãnh đạo"):
        return None
    return Official(name, role or "") if name else None


def _agency(ctx: f.Ctx, path: tuple, value) -> str | None:
    name = f.text(ctx, path, value, "Sở Y tế")
    return name if name and _short_enough(ctx, path, name_slug(name), "tên cơ quan") else None


def _short_enough(ctx: f.Ctx, path: tuple, slug: str, what: str) -> bool:
    """A name becomes a folder of the site (its slug): it needs a letter or digit, and file
    systems refuse names over 255 bytes."""
    if not slug:
        ctx.error(path, f"{what} không có chữ cái hay chữ số nào nên không làm được địa chỉ trang",
                  "viết tên bằng chữ, ví dụ Sở Y tế")
        return False
    if len(slug.encode("utf-8")) <= MAX_NAME_BYTES:
        return True
    ctx.error(path, f"{what} quá dài để làm địa chỉ trang ({len(slug)} ký tự khi bỏ dấu, tối đa {MAX_NAME_BYTES})",
              "viết ngắn gọn đúng như trên văn bản; phần giải thích đưa vào nội dung")
    return False


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
    if ref is not None and not _short_enough(ctx, path, ref.key.slug, "tên văn bản được dẫn"):
        return None
    if ref is None:
        ctx.error(path, f"không nhận ra văn bản được dẫn '{written}'",
                  "viết loại, số hiệu và ngày nếu có, ví dụ: Kết luận số 94-KL/TW ngày 13/9/2024, "
                  "hoặc Luật Đất đai năm 2024")
    return ref


def _image(ctx: f.Ctx, path: tuple, value) -> Image | None:
    """An image as the web page printed it: its file name and/or caption (the file is not published here)."""
    data = f.mapping(ctx, path, value, ("file", "caption"), "{file: anh-1.png, caption: Ảnh minh họa}")
    if data is None:
        return None
    file = f.text(ctx, (*path, "file"), data["file"], "anh-1.png") if data.get("file") is not None else ""
    caption = f.text(ctx, (*path, "caption"), data["caption"], "Ảnh minh họa") if data.get("caption") is not None else ""
    if not file and not caption:
        ctx.error(path, "ảnh cần có file hoặc caption", "viết {file: anh-1.png, caption: Ảnh minh họa}")
        return None
    return Image(file or "", caption or "")


def _deadline(ctx: f.Ctx, path: tuple, value) -> Deadline | None:
    data = f.mapping(ctx, path, value, ("date", "what"), "{date: 2024-10-30, what: hoàn thiện dự thảo}")
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
    key = alias.strip().strip("/")
    if not DIRECTIVE_KEY_RE.match(key) or len(key) > MAX_NAME_BYTES:
        # An old URL is what a renamed directive file leaves behind; anything else could
        # take the place of another page (/, /chu-de/, rss.xml ...).
        ctx.error(path, f"'{alias}' không phải là địa chỉ cũ của một chỉ thị",
                  "địa chỉ cũ có dạng /năm/wtuần/tên-tệp-cũ/, ví dụ: /2024/w44/ten-cu/")
        return None
    return f"/{key}/"


def _check_body(shown: str, body: str, first_line: int, diags: Diagnostics) -> None:
    """The body is checked by rendering it exactly as the build will (Markdown, then the
    allowlist sanitizer) and reporting what sanitizing would remove: script, event
    handlers and `javascript:`/`data:` links are errors; other markup is dropped with a
    warning. Bodies the renderer would take too long on are refused before that."""
    excess = body_excess(body)
    for e in excess:
        diags.error(shown, first_line + e.line, e.message, e.hint)
    if excess:
        return
    for offset, r in _checker().sanitized_away(body):
        message, hint = _REMOVAL_WORDS[r.kind]
        report = diags.error if r.dangerous else diags.warning
        report(shown, first_line + offset, message.format(name=r.name[:60]), hint)


_PLAIN = "viết bằng chữ hoặc Markdown (ví dụ **đậm**, [liên kết](https://...)); muốn hiện dấu '<' thì viết '&lt;'"
_REMOVAL_WORDS = {
    "tag": ("nội dung có mã HTML <{name}>, trang không đăng mã này nên sẽ bỏ khi dựng", _PLAIN),
    "event": ("mã HTML có thuộc tính {name} (chạy mã lệnh trong trình duyệt), không được phép", _PLAIN),
    "url": ("liên kết tới '{name}' không được phép",
            "liên kết chỉ được tới địa chỉ https://, http://, mailto: hoặc một trang trong bản tin"),
    "attribute": ("thuộc tính HTML {name} sẽ bị bỏ khi dựng", _PLAIN),
    "comment": ("chú thích HTML <!-- --> không hiện trên trang và sẽ bị bỏ",
                "nếu là ghi chú cho biên tập viên, để nó trong một tệp README; nếu là nội dung, viết thành chữ"),
    "text": ("một phần nội dung sẽ bị bỏ khi dựng vì nằm trong mã HTML", _PLAIN),
}


@functools.lru_cache(maxsize=1)
def _checker() -> BodyRenderer:
    """The build's own Markdown settings (one converter per process: building one is the costly part)."""
    return BodyRenderer()


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
