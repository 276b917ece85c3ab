#!/usr/bin/env python3
"""How long the cross-link graph of a ten-year archive takes to build.

Synthesises ~13,000 directives (10 years x 52 weeks x 25) with realistic overlap:
carried letters, citations of a few laws and of each other, officials, agencies and
topics; then times `build_links` as the build runs it (cyclic GC paused).
Run: .venv/bin/python benchmarks/link_graph.py"""
from __future__ import annotations

import datetime as dt
import random
import statistics
import time

from generator.model.entities import Directive, DocumentKey, DocumentRef, Official
from generator.model.links import build_links
from generator.pipeline import cyclic_gc_paused


def ref(year: int, slug: str, kind: str = "Công văn", date: dt.date | None = None) -> DocumentRef:
    return DocumentRef(DocumentKey(year, slug), f"{kind} số {slug}", kind, slug, date, slug, 1)


def synthetic_archive(seed: int = 4) -> dict[str, Directive]:
    rnd = random.Random(seed)
    laws = [ref(2024, f"luat-{i}", "Luật") for i in range(15)]
    directives: dict[str, Directive] = {}
    for year in range(2015, 2025):
        for week in range(1, 53):
            monday = dt.date.fromisocalendar(year, week, 1)
            for i in range(25):
                date = monday + dt.timedelta(days=i % 7)
                carried = (ref(year, f"{(week * 25 + i) // (1 + (i % 9 == 0))}-vp-kt", date=date),)
                cites = tuple({rnd.choice(laws) for _ in range(rnd.randint(0, 2))}) + tuple(
                    ref(year, f"{rnd.randint(1, 1300)}-vp-kt") for _ in range(rnd.randint(0, 2)))
                d = Directive(
                    year=year, week=week, slug=f"d{i}", source="", title=f"{year}-{week}-{i}", date=date, body="x",
                    documents=carried, cites=cites,
                    officials=(Official(f"Lãnh đạo {rnd.randint(1, 12)}", "Phó Chủ tịch UBND tỉnh"),),
                    agencies=tuple(f"Sở {rnd.randint(1, 80)}" for _ in range(rnd.randint(1, 5))),
                    topics=tuple(f"topic-{rnd.randint(1, 20)}" for _ in range(rnd.randint(1, 3))),
                    related=(f"{year}/w{week:02d}/d{i - 1}",) if i % 10 == 5 else ())
                directives[d.key] = d
    return directives


def main() -> None:
    directives = synthetic_archive()
    times = []
    for _ in range(5):
        with cyclic_gc_paused():
            start = time.perf_counter()
            graph = build_links(directives)
            times.append(time.perf_counter() - start)
    links = sum(len(v) for v in graph.related._chosen.values())
    print(f"{len(directives)} directives, {len(graph.documents)} documents, {links} related links")
    print(f"build_links: median {statistics.median(times):.3f} s, best {min(times):.3f} s over {len(times)} runs")


if __name__ == "__main__":
    main()
