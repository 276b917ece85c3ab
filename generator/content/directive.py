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
from generator.content import format as fmt
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
    if len(slug) > MAX_NAME_BYTES:
        diags.report("E-FILE-NAME-TOO-LONG", shown, None, length=len(slug), max=MAX_NAME_BYTES,
                     slug=slugify(slug, max_length=60, word_boundary=True))
    elif not SLUG_RE.match(slug):
        diags.report("E-FILE-NAME", shown, None, name=path.name, slug=slugify(slug) or "ten-chi-thi")
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
        diags.report("E-EMPTY-BODY", shown, split.body_line)
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
        ctx.report("E-DATE-OUTSIDE-PERIOD", ("date",), date=f"{date:%d/%m/%Y}",
                   start=f"{issue.period_from:%d/%m/%Y}", end=f"{issue.period_to:%d/%m/%Y}")


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
        if ref is not None and not _short_enough(ctx, (*path, "number"), ref.key.slug):
            continue
        if ref is None:
            ctx.report("E-DOCUMENT-NUMBER", (*path, "number"), number=number)
            continue
        out.append(ref)
    return out


def _web_address(ctx: f.Ctx, path: tuple, value) -> str | None:
    address = f.text(ctx, path, value, "https://vanban.langson.gov.vn/...")
    if address and not re.match(r"^https?://[^\s/]+\S*$", address):
        ctx.report("E-WEB-ADDRESS", path, address=address)
        return None
    return address


def _official(ctx: f.Ctx, path: tuple, value) -> Official | None:
    if isinstance(value, str):
        name = f.text(ctx, path, value)
        return Official(name) if name and _short_enough(ctx, path, name_slug(name)) else None
    data = f.mapping(ctx, path, value, fmt.OFFICIAL.names(), "{name: Hồ Tiến Thiệu, role: Chủ tịch UBND tỉnh}")
    if data is None:
        return None
    name = f.text(ctx, (*path, "name"), f.required(ctx, path, data, "name", "name: Hồ Tiến Thiệu"), "Hồ Tiến Thiệu")
    role = f.text(ctx, (*path, "role"), data["role"], "Chủ tịch UBND tỉnh") if data.get("role") is not None else ""
    if name and not _short_enough(ctx, (*path, "name"), name_slug(name)):
        return None
    return Official(name, role or "") if name else None


def _agency(ctx: f.Ctx, path: tuple, value) -> str | None:
    name = f.text(ctx, path, value, "Sở Y tế")
    return name if name and _short_enough(ctx, path, name_slug(name)) else None


def _short_enough(ctx: f.Ctx, path: tuple, slug: str) -> bool:
    """A name becomes a folder of the site (its slug): it needs a letter or digit, and file
    systems refuse names over 255 bytes."""
    if not slug:
        ctx.report("E-NAME-NO-LETTERS", path, field=f.name(path))
        return False
    if len(slug.encode("utf-8")) <= MAX_NAME_BYTES:
        return True
    ctx.report("E-NAME-TOO-LONG", path, field=f.name(path), length=len(slug), max=MAX_NAME_BYTES)
    return False


def _topic(ctx: f.Ctx, path: tuple, value, topics: dict[str, Topic]) -> str | None:
    key = f.text(ctx, path, value, "y-te")
    if key is None:
        return None
    if key in topics:
        return key
    by_name = {t.name.casefold(): k for k, t in topics.items()}
    guess = by_name.get(key.casefold()) or next(iter(difflib.get_close_matches(key, list(topics), n=1, cutoff=0.5)), None)
    ctx.report("E-UNKNOWN-TOPIC", path, hint="hint_guess" if guess else "hint", topic=key, guess=guess or "",
               known=", ".join(topics))
    return None


def _cite(ctx: f.Ctx, path: tuple, value, fallback_year: int) -> DocumentRef | None:
    written = f.text(ctx, path, value, "Nghị định số 93/2023/NĐ-CP")
    if written is None:
        return None
    ref = cited(written, ctx.doc.line(path), fallback_year)
    if ref is not None and not _short_enough(ctx, path, ref.key.slug):
        return None
    if ref is None:
        ctx.report("E-CITATION", path, text=written)
    return ref


def _image(ctx: f.Ctx, path: tuple, value) -> Image | None:
    """An image as the web page printed it: its file name and/or caption (the file is not published here)."""
    data = f.mapping(ctx, path, value, fmt.IMAGE.names(), "{file: anh-1.png, caption: Ảnh minh họa}")
    if data is None:
        return None
    file = f.text(ctx, (*path, "file"), data["file"], "anh-1.png") if data.get("file") is not None else ""
    caption = f.text(ctx, (*path, "caption"), data["caption"], "Ảnh minh họa") if data.get("caption") is not None else ""
    if not file and not caption:
        ctx.report("E-IMAGE-EMPTY", path)
        return None
    return Image(file or "", caption or "")


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
        ctx.report("E-RELATED-PATH", path, value=value)
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
        ctx.report("E-ALIAS", path, alias=alias)
        return None
    return f"/{key}/"


def _check_body(shown: str, body: str, first_line: int, diags: Diagnostics) -> None:
    """The body is checked by rendering it exactly as the build will (Markdown, then the
    allowlist sanitizer) and reporting what sanitizing would remove: script, event
    handlers and `javascript:`/`data:` links are errors; other markup is dropped with a
    warning. Bodies the renderer would take too long on are refused before that."""
    excess = body_excess(body)
    for e in excess:
        diags.report(e.code, shown, first_line + e.line, **e.params)
    if excess:
        return
    for offset, r in _checker().sanitized_away(body):
        diags.report(_REMOVAL_CODES[r.kind, r.dangerous], shown, first_line + offset, name=r.name[:60])


# What sanitizing removes -> its code (generator/locale/messages.*.yaml); errors are what
# could run in a reader's browser, warnings markup that is merely dropped.
_REMOVAL_CODES = {
    ("tag", True): "E-HTML-DANGEROUS-TAG",
    ("tag", False): "W-HTML-TAG",
    ("event", True): "E-HTML-EVENT",
    ("url", True): "E-UNSAFE-LINK",
    ("attribute", False): "W-HTML-ATTRIBUTE",
    ("comment", False): "W-HTML-COMMENT",
    ("text", False): "W-HTML-TEXT",
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
