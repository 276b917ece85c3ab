"""The Jinja environment: templates from templates/, the interface strings as `t`,
and the few presentation helpers templates need (dates, links)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import jinja2
import markupsafe

from generator.locale import load_strings
from generator.model.entities import SiteConfig
from generator.render.csp import content_security_policy
from generator.markup.sanitize import script_json
from generator.render.urls import absolute, relative


def vn_date(value: dt.date | None) -> str:
    """Dates as Vietnamese readers write them: 28/10/2024."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}" if value else ""


# A document number ("5902/VP-NC", "45/2024/QĐ-UBND", "94-KL/TW"): digits joined to codes by / or -.
_NUMBER = re.compile(r"[\w.]*\d[\w.]*(?:[/-][\w.]+)+")


def keep_numbers_whole(text: str) -> markupsafe.Markup:
    """Escape `text` and wrap each document number in a span that never breaks across lines."""
    out, last = [], 0
    for m in _NUMBER.finditer(text):
        out += [markupsafe.escape(text[last:m.start()]), '<span class="nowrap">', markupsafe.escape(m.group(0)), "</span>"]
        last = m.end()
    if not out:
        return markupsafe.escape(text)
    out.append(markupsafe.escape(text[last:]))
    # Every piece of text is escaped above: joined as plain strings, made Markup once
    # (Markup.join would escape and wrap each piece again).
    return markupsafe.Markup("".join(out))


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """Templates read plain dicts with dots (`t.home`, `item.url`). Jinja tries the
    attribute first, which on a dict fails (an exception) before the entry is read:
    ~80 times a page. Here a dict's entry is read first when the name is not a dict
    attribute, which is exactly when Jinja would have fallen back to the entry."""

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def make_environment(templates_dir: Path | list[Path], config: SiteConfig,
                     bytecode_cache: Path | None = None) -> jinja2.Environment:
    """`templates_dir` may be several folders: the first that has a template wins.
    `bytecode_cache`: a folder where compiled templates are kept between builds (keyed
    by each template's source, so an edited template is compiled again)."""
    env = _Environment(
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(bytecode_cache)) if bytecode_cache else None,
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,      # a typo in a template fails the build, not the page
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,      # one environment per build: no need to stat templates at every include
    )
    strings = load_strings(config.language)
    env.globals.update(site=config, t=strings, url=_url, abs_url=lambda u: absolute(u, config.base_url),
                       csp=content_security_policy())
    env.filters["vndate"] = vn_date
    env.filters["numbers"] = keep_numbers_whole
    env.filters["iso"] = lambda d: d.isoformat() if d else ""
    env.filters["fmt"] = lambda s, **kw: s.format(**kw)
    env.filters["script_json"] = script_json     # JSON inside <script type="application/ld+json">
    return env


@jinja2.pass_context
def _url(ctx, target: str) -> str:
    return relative(target, ctx["page_url"])
