"""Read and validate one issue's `_bulletin.yaml`."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.content import fields as f
from generator.content import format as fmt
from generator.content.sourcefile import read_text
from generator.content.yamlsource import parse_yaml
from generator.diagnostics import Diagnostics
from generator.model.sources import BulletinSource

FIELDS = fmt.BULLETIN.names()


def read_bulletin(path: Path, shown: str, year: int, week: int, diags: Diagnostics) -> BulletinSource | None:
    if not path.is_file():
        diags.report("E-BULLETIN-MISSING", shown, None)
        return None
    text = read_text(path, shown, diags)
    doc = parse_yaml(text, shown, diags) if text is not None else None
    if doc is None:
        return None
    ctx = f.Ctx(shown, doc, diags)
    data = f.mapping(ctx, (), doc.data or {}, FIELDS, "title: ...\nperiod: {from: 2024-10-28, to: 2024-11-03}")
    if data is None:
        return None
    before = len(diags.errors)
    title = f.text(ctx, ("title",), f.required(ctx, (), data, "title", "title: Chỉ đạo, điều hành nổi bật ..."))
    period = f.mapping(ctx, ("period",), f.required(ctx, (), data, "period", "period: {from: 2024-10-28, to: 2024-11-03}"),
                       fmt.BULLETIN.field("period").names(), "{from: 2024-10-28, to: 2024-11-03}") if data.get("period") is not None else None
    start = end = None
    if period is not None:
        start = f.date(ctx, ("period", "from"), f.required(ctx, ("period",), period, "from", "from: 2024-10-28"))
        end = f.date(ctx, ("period", "to"), f.required(ctx, ("period",), period, "to", "to: 2024-11-03"))
    if start and end:
        monday = dt.date.fromisocalendar(year, week, 1)
        if end < start:
            ctx.report("E-PERIOD-REVERSED", ("period", "to"), end=f"{end:%d/%m/%Y}", start=f"{start:%d/%m/%Y}")
        elif not (monday - dt.timedelta(days=6) <= start <= monday + dt.timedelta(days=6)):
            ctx.report("E-PERIOD-WEEK", ("period", "from"), start=f"{start:%d/%m/%Y}", week=f"{year}-W{week:02d}",
                       monday=f"{monday:%d/%m/%Y}",
                       folder=f"{start.isocalendar().year}/w{start.isocalendar().week:02d}")
    lead = f.text(ctx, ("lead",), data["lead"]) if data.get("lead") is not None else ""
    order = []
    for i, slug in enumerate(f.listof(ctx, ("order",), data.get("order"), lambda c, p, v: f.text(c, p, v), "[ten-chi-thi]")):
        order.append((slug, doc.line(("order", i))))
    if len(diags.errors) > before or not (title and start and end):
        return None
    return BulletinSource(year, week, shown, title, start, end, lead or "", order, ctx)
