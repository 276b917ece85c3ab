"""An incremental build equals a clean build (issue 11, section 4).

Hypothesis applies random sequences of editor actions to a small archive (add, delete,
rename a directive; change its title, topics, citations, date or body; edit a
template; edit site.yaml or topics.yaml). After each, the build with the cache must
give byte for byte what a clean build of the same content gives, say which files it
wrote and removed, and leave every other file with its mtime."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings, strategies as st

from conftest import REPO
from generator import pipeline
from helpers import snapshot

TOPICS = {"dat-dai": "Đất đai", "y-te": "Y tế", "giao-duc": "Giáo dục"}
CITES = ["Nghị định số 93/2023/NĐ-CP", "Luật Đất đai năm 2024", "Kế hoạch số 15/KH-UBND ngày 18/1/2024",
         "Quyết định số 46/2024/QĐ-UBND"]
WORDS = ["chỉ đạo", "triển khai", "sổ sức khoẻ", "đất đai", "học đường", "hạn mức", "khẩn trương", "Đồng Đăng"]
WEEKS = {"2024/w44": dt.date(2024, 10, 28), "2024/w45": dt.date(2024, 11, 4)}
# A week of a new year, present or not: its coming and going moves the 2024 pages between
# search shards (the latest year's are by month, the others by half-year; generator/search/shards.py).
NEW_YEAR = {"2025/w02": dt.date(2025, 1, 6)}


@dataclass(frozen=True)
class Spec:
    week: str
    title: str
    day: int                      # days after the week's Monday
    topics: tuple[str, ...]
    cites: tuple[str, ...]
    carries: bool                 # carries Quyết định 46/2024/QĐ-UBND (others cite it)
    body: str


@dataclass
class Archive:
    directives: dict[str, Spec] = field(default_factory=dict)
    site_title: str = "Chỉ đạo, điều hành của UBND tỉnh"
    topic_names: dict[str, str] = field(default_factory=lambda: dict(TOPICS))
    template_note: str = ""
    serial: int = 0
    new_year: bool = False

    def write(self, root: Path, templates: Path) -> None:
        content = root / "content"
        if content.exists():
            shutil.rmtree(content)
        content.mkdir(parents=True)
        (content / "site.yaml").write_text(
            f"title: {self.site_title}\npublisher: Ủy ban nhân dân tỉnh\nbase_url: https://example.org/ban-tin/\n",
            encoding="utf-8")
        (content / "topics.yaml").write_text("".join(f"{k}: {{name: {v}}}\n" for k, v in self.topic_names.items()),
                                             encoding="utf-8")
        for week, monday in {**WEEKS, **(NEW_YEAR if self.new_year else {})}.items():
            (content / week).mkdir(parents=True)
            sunday = monday + dt.timedelta(days=6)
            (content / week / "_bulletin.yaml").write_text(
                f"title: Bản tin tuần {week}\nperiod: {{from: {monday}, to: {sunday}}}\n", encoding="utf-8")
        for slug, s in self.directives.items():
            lines = ["---", f"title: {s.title}", f"date: {WEEKS[s.week] + dt.timedelta(days=s.day)}"]
            if s.carries:
                lines.append("document: {type: Quyết định, number: 46/2024/QĐ-UBND, date: 2024-10-28}")
            if s.topics:
                lines.append(f"topics: [{', '.join(s.topics)}]")
            if s.cites:
                lines.append("cites:\n" + "".join(f"  - {c}\n" for c in s.cites).rstrip("\n"))
            lines += ["---", s.body, ""]
            (content / s.week / f"{slug}.md").write_text("\n".join(lines), encoding="utf-8")
        if self.new_year:
            (content / "2025/w02/chuc-tet.md").write_text(
                "---\ntitle: Chúc Tết\ndate: 2025-01-06\n---\nĐón năm mới.\n", encoding="utf-8")
        base = templates / "base.html"
        text = (REPO / "templates" / "base.html").read_text(encoding="utf-8")
        base.write_text(text + self.template_note, encoding="utf-8")


texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(lambda ws: " ".join(ws).capitalize())
bodies = st.lists(st.sampled_from(WORDS + CITES), min_size=1, max_size=5).map(
    lambda ws: "Theo " + ", ".join(ws) + ".")
specs = st.builds(Spec, week=st.sampled_from(sorted(WEEKS)), title=texts, day=st.integers(0, 6),
                  topics=st.lists(st.sampled_from(sorted(TOPICS)), max_size=2, unique=True).map(tuple),
                  cites=st.lists(st.sampled_from(CITES), max_size=2, unique=True).map(tuple),
                  carries=st.booleans(), body=bodies)

# An edit: (kind, which directive (index into the sorted slugs), a value drawn for it).
edits = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 99), specs),
    st.tuples(st.sampled_from(["delete", "rename"]), st.integers(0, 99), st.none()),
    st.tuples(st.just("title"), st.integers(0, 99), texts),
    st.tuples(st.just("body"), st.integers(0, 99), bodies),
    st.tuples(st.just("topics"), st.integers(0, 99), st.lists(st.sampled_from(sorted(TOPICS)), max_size=2, unique=True)),
    st.tuples(st.just("cites"), st.integers(0, 99), st.lists(st.sampled_from(CITES), max_size=2, unique=True)),
    st.tuples(st.just("date"), st.integers(0, 99), st.integers(0, 6)),
    st.tuples(st.just("template"), st.integers(0, 99), texts),
    st.tuples(st.just("site"), st.integers(0, 99), texts),
    st.tuples(st.just("topic_name"), st.integers(0, 99), texts),
    st.tuples(st.just("new_year"), st.integers(0, 99), st.none()),
)


def apply(archive: Archive, edit) -> None:
    kind, index, value = edit
    slugs = sorted(archive.directives)
    slug = slugs[index % len(slugs)] if slugs else None
    archive.serial += 1
    if kind == "new_year":
        archive.new_year = not archive.new_year
    elif kind == "add" or slug is None:
        archive.directives[f"chi-dao-{archive.serial}"] = value if kind == "add" else \
            Spec("2024/w44", "Chỉ đạo mới", 1, (), (), False, "Nội dung.")
    elif kind == "delete":
        del archive.directives[slug]
    elif kind == "rename":
        archive.directives[f"{slug}-{archive.serial}"] = archive.directives.pop(slug)
    elif kind in ("title", "body"):
        archive.directives[slug] = replace(archive.directives[slug], **{kind: value})
    elif kind in ("topics", "cites"):
        archive.directives[slug] = replace(archive.directives[slug], **{kind: tuple(value)})
    elif kind == "date":
        archive.directives[slug] = replace(archive.directives[slug], day=value)
    elif kind == "template":
        archive.template_note = f"{{# {value} #}}<!-- {archive.serial} -->\n"
    elif kind == "site":
        archive.site_title = value
    elif kind == "topic_name":
        key = sorted(TOPICS)[index % len(TOPICS)]
        archive.topic_names[key] = value


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Search shards: the 2024 pages move to the year's shard and back, a document's shard and the new year's go empty.
@example(start=[Spec("2024/w44", "Chỉ đạo", 0, ("dat-dai",), ("Quyết định số 46/2024/QĐ-UBND",), False, "Theo đất đai.")],
         steps=[("new_year", 0, None), ("cites", 0, []), ("new_year", 0, None)])
@given(start=st.lists(specs, min_size=1, max_size=3), steps=st.lists(edits, min_size=1, max_size=3))
def test_incremental_build_equals_clean_build(start, steps):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        templates = root / "templates"
        shutil.copytree(REPO / "templates", templates)
        archive = Archive({f"chi-dao-{i}": s for i, s in enumerate(start)})
        archive.write(root, templates)
        out = root / "output"
        assert pipeline.build(root / "content", out, templates).ok
        for edit in steps:
            apply(archive, edit)
            archive.write(root, templates)
            before, times = snapshot(out), mtimes(out)
            result = pipeline.build(root / "content", out, templates)
            assert result.ok, [d.format() for d in result.diagnostics.errors]
            clean = root / f"clean-{archive.serial}"
            assert pipeline.build(root / "content", clean, templates, cache=False).ok
            after = snapshot(out)
            assert after == snapshot(clean), f"after {edit}"
            assert result.files == sorted(after)
            assert result.written == sorted(p for p in after if before.get(p) != after[p])
            assert result.removed == sorted(set(before) - set(after))
            now = mtimes(out)
            assert [p for p in after if before.get(p) == after[p] and times[p] != now[p]] == [], "unchanged files keep their mtime"
            shutil.rmtree(clean)


def test_parallel_rendering_gives_the_same_bytes(tmp_path, monkeypatch):
    """Pages and bodies rendered by forked workers, in whatever order: the same site."""
    from generator.engine import pool
    from conftest import CONTENT
    serial = tmp_path / "serial"
    monkeypatch.setenv("BULLETIN_JOBS", "1")
    assert pipeline.build(CONTENT, serial, cache=False).ok
    monkeypatch.setenv("BULLETIN_JOBS", "2")
    monkeypatch.setattr(pool, "MIN_ITEMS", 1)
    parallel = tmp_path / "parallel"
    assert pipeline.build(CONTENT, parallel, cache=False).ok
    assert snapshot(parallel) == snapshot(serial)


def test_no_change_rebuild_touches_nothing(tmp_path):
    from conftest import CONTENT
    out = tmp_path / "out"
    first = pipeline.build(CONTENT, out)
    times = mtimes(out)
    again = pipeline.build(CONTENT, out)
    assert again.ok and again.written == [] and again.removed == [] and again.files == first.files
    assert mtimes(out) == times
    assert [d.format() for d in again.diagnostics.items] == [d.format() for d in first.diagnostics.items], \
        "the warnings are reported again"
    os.unlink(out / "index.html")                  # someone deleted a published file: it comes back
    third = pipeline.build(CONTENT, out)
    assert third.ok and third.written == ["index.html"]
    assert snapshot(out) == snapshot(tmp_path / "out") and (out / "index.html").is_file()


def test_a_no_change_rebuild_whose_output_check_is_shared_notices_a_page_edited_by_hand(tmp_path, monkeypatch):
    """At ten years the output is checked by forked helpers, part by part, while the
    inputs are digested: a page edited in place (same size, a new mtime) is noticed
    whichever process checks it, and written again."""
    from conftest import CONTENT
    from generator.engine import signature
    monkeypatch.setattr(signature, "SPLIT_CHECK_FROM", 0)
    monkeypatch.setattr(signature, "PART", 7)
    monkeypatch.setenv("BULLETIN_JOBS", "2")
    out = tmp_path / "out"
    first = pipeline.build(CONTENT, out)
    pages = sorted(p for p in first.files if p.endswith(".html"))
    for rel in (pages[0], pages[len(pages) // 2], pages[-1]):
        assert pipeline.build(CONTENT, out).written == []
        page = out / rel
        text = page.read_bytes()
        page.write_bytes(text.swapcase())
        again = pipeline.build(CONTENT, out)
        assert again.ok and again.written == [rel] and page.read_bytes() == text


def test_a_rebuild_makes_again_only_the_feeds_that_show_what_changed(tmp_path, monkeypatch):
    """Feeds and the calendar are fingerprinted like pages: after one directive's body
    changes, only the files that show it are made again, and the result is a clean build's."""
    from generator.render.pages import Output
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(REPO / "tests" / "fixtures" / "small", content)
    assert pipeline.build(content, out).ok
    made: list[str] = []
    produce = Output.produce
    monkeypatch.setattr(Output, "produce", lambda self, *a: made.extend(self.paths) or produce(self, *a))
    assert pipeline.build(content, out).ok and made == []        # nothing changed: nothing made
    path = content / "2024" / "w45" / "quy-dinh-han-muc-dat.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nĐoạn bổ sung: báo cáo trước ngày 5/12.\n", encoding="utf-8")
    result = pipeline.build(content, out)
    assert result.ok
    # The edited directive (topic dat-dai, an effective date, no agency or official) is in
    # the site's feed, its topic's, the issues' (an issue is shown with its directives) and
    # the calendar; the other topics' feeds, the agencies' and robots.txt are left as they were.
    assert sorted(made) == ["atom.xml", "chu-de/dat-dai/atom.xml", "chu-de/dat-dai/rss.xml", "ky/atom.xml",
                            "ky/rss.xml", "lich.ics", "rss.xml"]
    assert (out / "chu-de" / "y-te" / "rss.xml").is_file() and (out / "robots.txt").is_file()
    assert pipeline.build(content, tmp_path / "clean", cache=False).ok
    assert snapshot(out) == snapshot(tmp_path / "clean")

def test_model_and_page_plan_are_plain_data():
    """The site, its link graph and every page context pickle (no lambdas or closures),
    so pages can be fingerprinted and handed to worker processes."""
    import pickle
    from conftest import CONTENT
    from generator.engine.fingerprint import Fingerprints
    from generator.render.site import make_kit, plan_pages
    site = pipeline.check(CONTENT).site
    assert site.links is not None
    for key in site.directives:                        # fill the graph's lazily computed reasons
        site.links.related.get(key)
    copy = pickle.loads(pickle.dumps(site))
    assert copy.links.related.get(next(iter(site.directives))) == site.links.related.get(next(iter(site.directives)))
    pages = plan_pages(site, make_kit(site))
    prints = Fingerprints(b"key")
    assert [p.url for p in pages if prints.page(p.url, p.template, p.context)[0] is None] == []
    pickle.dumps([p.context for p in pages])


def test_quick_rebuild_keeps_the_search_index_and_the_full_one_catches_up(tmp_path):
    """serve's quick rebuild (no staging stages) leaves the published search index as it
    was instead of dropping it; the full build after it equals a clean build."""
    from conftest import CONTENT
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(CONTENT, content)
    assert pipeline.build(content, out).ok
    bundle = {p.relative_to(out).as_posix(): p.stat().st_ino for p in (out / "pagefind").rglob("*") if p.is_file()}
    assert bundle
    page = next(content.glob("2024/w44/*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nMột câu thêm về sổ sức khỏe điện tử.\n", encoding="utf-8")
    quick = pipeline.build(content, out, staging_stages=False)
    assert quick.ok and not any(rel.startswith("pagefind/") for rel in quick.removed)
    assert {rel: (out / rel).stat().st_ino for rel in bundle} == bundle, "the index is the published one, untouched"
    full = pipeline.build(content, out)
    assert full.ok and any(rel.startswith("pagefind/") for rel in full.written), "the edited page is indexed again"
    clean = tmp_path / "clean"
    assert pipeline.build(content, clean, cache=False).ok
    assert snapshot(out) == snapshot(clean)
