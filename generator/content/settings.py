"""Read and validate `site.yaml` and `topics.yaml`."""
from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slugify import slugify

from generator.content import fields as f
from generator.content import format as fmt
from generator.content.limits import MAX_NAME_BYTES
from generator.content.sourcefile import read_text
from generator.content.yamlsource import parse_yaml
from generator.diagnostics import Diagnostics
from generator.model.entities import SiteConfig, Topic

SITE_FIELDS = fmt.SITE.names()
TOPIC_FIELDS = fmt.TOPIC.names()
TOPIC_KEY_RE = re.compile(fmt.TOPICS.key_pattern)
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")    # a BCP 47 tag such as vi or en-GB; never a path


def _load(path: Path, shown: str, diags: Diagnostics):
    if not path.is_file():
        diags.report("E-FILE-MISSING", shown, None, file=shown)
        return None
    text = read_text(path, shown, diags)
    if text is None:
        return None
    doc = parse_yaml(text, shown, diags)
    return None if doc is None else f.Ctx(shown, doc, diags)


def read_site(path: Path, shown: str, diags: Diagnostics) -> SiteConfig | None:
    ctx = _load(path, shown, diags)
    if ctx is None:
        return None
    data = f.mapping(ctx, (), ctx.doc.data or {}, SITE_FIELDS, "title: ...\nbase_url: https://...")
    if data is None:
        return None
    title = f.text(ctx, ("title",), f.required(ctx, (), data, "title", "title: Chỉ đạo, điều hành của UBND tỉnh"))
    publisher = f.text(ctx, ("publisher",), f.required(ctx, (), data, "publisher", "publisher: Ủy ban nhân dân tỉnh"))
    base_url = f.text(ctx, ("base_url",), f.required(ctx, (), data, "base_url", "base_url: https://example.org/ban-tin/"))
    if base_url and not re.match(r"^https?://[^/\s]+(/\S*)?$", base_url):
        ctx.report("E-BASE-URL", ("base_url",), value=base_url)
        base_url = None
    language = f.text(ctx, ("language",), data.get("language", "vi"), "vi")
    if language and not LANGUAGE_RE.match(language):
        ctx.report("E-LANGUAGE", ("language",), value=language[:40])
        language = None
    description = f.text(ctx, ("description",), data["description"]) if data.get("description") else ""
    timezone = f.text(ctx, ("timezone",), data.get("timezone", "Asia/Ho_Chi_Minh"), "Asia/Ho_Chi_Minh")
    if timezone:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            ctx.report("E-TIMEZONE", ("timezone",), value=timezone)
            timezone = None
    per_page = data.get("per_page", 30)
    if not isinstance(per_page, int) or isinstance(per_page, bool) or per_page < 5:
        ctx.report("E-PER-PAGE", ("per_page",), value=repr(per_page))
        per_page = None
    if None in (title, publisher, base_url, language, timezone, per_page):
        return None
    return SiteConfig(title=title, publisher=publisher, base_url=base_url.rstrip("/") + "/", language=language,
                      description=description or "", timezone=timezone, per_page=per_page)


def read_topics(path: Path, shown: str, diags: Diagnostics) -> dict[str, Topic]:
    ctx = _load(path, shown, diags)
    if ctx is None:
        return {}
    data = ctx.doc.data or {}
    if not isinstance(data, dict):
        ctx.report("E-TOPICS-NOT-MAPPING", ())
        return {}
    topics: dict[str, Topic] = {}
    for key, value in data.items():
        path = (key,)
        if not TOPIC_KEY_RE.match(str(key)) or len(str(key)) > MAX_NAME_BYTES:
            ctx.diags.report("E-TOPIC-KEY", ctx.file, ctx.doc.key_line(path), key=key,
                             slug=slugify(str(key), max_length=40, word_boundary=True))
            continue
        entry = f.mapping(ctx, path, value, TOPIC_FIELDS, f"{key}: {{name: Tên chủ đề}}")
        if entry is None:
            continue
        name = f.text(ctx, (*path, "name"), f.required(ctx, path, entry, "name", "name: Đất đai"), "Đất đai")
        description = f.text(ctx, (*path, "description"), entry["description"]) if entry.get("description") else ""
        keywords = f.listof(ctx, (*path, "keywords"), entry.get("keywords"), lambda c, p, v: f.text(c, p, v), "[đất đai]")
        if name:
            topics[key] = Topic(key, name, description or "", tuple(keywords))
    return topics
