"""After an edit of what directives only show (a body, a summary) or of a template, the
build takes the model the last full check made and puts the edited text in
(engine/kept_model.py) instead of checking the whole archive again. It must give
exactly what a full check gives: the same pages, the same messages; and any other
change must be checked in full."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from conftest import REPO
from generator import pipeline
from generator.engine import kept_model
from generator.engine.cache import HELD, BuildCache, cache_folder, generator_key
from generator.engine.signature import ContentListing, input_digest
from helpers import snapshot

sys.path.insert(0, str(REPO / "benchmarks"))
import synth  # noqa: E402


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """Three weeks of the benchmark's synthetic archive: enough directives (~80) that the
    check is kept by a forked process, as at ten years."""
    out = tmp_path_factory.mktemp("synth") / "content"
    synth.write_archive(out, 3)
    return out


@pytest.fixture()
def built(archive, tmp_path) -> tuple[Path, Path]:
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(archive, content)
    assert pipeline.build(content, out).ok
    return content, out


class CountedChecks:
    def __init__(self, monkeypatch):
        self.count, check = 0, pipeline.check

        def counted(*args, **kwargs):
            self.count += 1
            return check(*args, **kwargs)
        monkeypatch.setattr(pipeline, "check", counted)


def messages(result: pipeline.BuildResult) -> list[str]:
    return [d.format() for d in result.diagnostics.items]


def clean_build(content: Path, out: Path, **options) -> pipeline.BuildResult:
    shutil.rmtree(out, ignore_errors=True)
    return pipeline.build(content, out, cache=False, **options)


def directive_files(content: Path) -> list[Path]:
    return sorted(content.glob("*/w*/*.md"))


def append_to_body(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


def set_front_matter(path: Path, field: str, value: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    i = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
    lines[i] = f"{field}: {value}"
    path.write_text("\n".join(lines), encoding="utf-8")


def can_use_kept(content: Path, out: Path) -> bool:
    """Whether the build cache's kept check serves the content as it is now."""
    store = BuildCache(cache_folder(out), generator_key())
    listing = ContentListing()
    input_digest(content, [], "", "", None, listing)
    return kept_model.kept(store, listing, content, pipeline._shown(content), False) is not None


def test_body_and_summary_edits_are_served_from_the_kept_check_with_the_same_pages_and_messages(
        built, tmp_path, monkeypatch):
    content, out = built
    files = directive_files(content)
    append_to_body(files[0], "Đoạn bổ sung: thực hiện Quyết định số 46/2024/QĐ-UBND, báo cáo trước ngày 5/12.")
    head, sep, rest = files[7].read_text(encoding="utf-8").partition("\n---\n")
    files[7].write_text(f"{head}\nsummary: Tóm tắt mới về đất đai.{sep}{rest}", encoding="utf-8")
    assert can_use_kept(content, out)
    checks = CountedChecks(monkeypatch)
    result = pipeline.build(content, out)
    assert result.ok and checks.count == 0, "a body and a summary edit need no full check"
    clean = clean_build(content, tmp_path / "clean")
    assert snapshot(out) == snapshot(tmp_path / "clean")
    assert messages(result) == messages(clean)
    assert any(d.severity == "warning" for d in clean.diagnostics.items), "the archive's warnings are repeated too"
    # A second edit of another file is patched in on top of the first one's text.
    append_to_body(files[-1], "Thêm một câu.")
    checks.count = 0
    result = pipeline.build(content, out)
    assert result.ok and checks.count == 0
    clean_build(content, tmp_path / "clean")
    assert snapshot(out) == snapshot(tmp_path / "clean")


def test_a_body_naming_a_document_that_gains_a_page_links_to_it(built, tmp_path, monkeypatch):
    """A body's look-ups are not asked again while the model is the same check's
    (engine/bodies.py): a new check (here, a file added) must ask them again."""
    content, out = built
    citing = directive_files(content)[0]
    append_to_body(citing, "Thực hiện Quyết định số 998/2024/QĐ-UBND của UBND tỉnh.")
    assert pipeline.build(content, out).ok
    page = out / citing.parent.parent.name / citing.parent.name / citing.stem / "index.html"
    assert "998-2024-qd-ubnd" not in page.read_text(encoding="utf-8")
    (citing.parent / "quyet-dinh-moi.md").write_text(
        "---\ntitle: Ban hành Quyết định mới\ndate: 2024-10-29\n"
        "document: {type: Quyết định, number: 998/2024/QĐ-UBND, date: 2024-10-29}\n---\nNội dung.\n",
        encoding="utf-8")
    assert pipeline.build(content, out).ok
    assert "998-2024-qd-ubnd/" in page.read_text(encoding="utf-8"), "the body now links the document's page"
    clean_build(content, tmp_path / "clean")
    assert snapshot(out) == snapshot(tmp_path / "clean")
    # And a body edit now needs neither a check nor the look-ups asked again.
    from generator.engine import bodies
    asked = []
    monkeypatch.setattr(bodies, "_same_answers", lambda *a: asked.append(a) or True)
    append_to_body(directive_files(content)[-1], "Thêm một câu.")
    assert pipeline.build(content, out).ok and asked == []


def test_a_title_edit_checks_in_full_but_asks_no_look_up_again(built, tmp_path, monkeypatch):
    """A new check whose link graph answers look-ups as the last one did (same documents,
    aliases and dated mentions: engine/bodies.lookups_token) does not ask them again;
    a file carrying a new document (the test above) does."""
    from generator.engine import bodies
    content, out = built
    checks, asked = CountedChecks(monkeypatch), []
    same_answers = bodies._same_answers
    monkeypatch.setattr(bodies, "_same_answers", lambda *a: asked.append(a) or same_answers(*a))
    _title(content)
    result = pipeline.build(content, out)
    assert result.ok and checks.count == 1 and asked == []
    assert clean_build(content, tmp_path / "clean").ok
    assert snapshot(out) == snapshot(tmp_path / "clean")


def test_a_template_edit_needs_no_check(built, tmp_path, monkeypatch):
    content, out = built
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    base = templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8") + "<!-- sửa -->\n", encoding="utf-8")
    checks = CountedChecks(monkeypatch)
    assert pipeline.build(content, out, templates).ok and checks.count == 0
    assert clean_build(content, tmp_path / "clean", templates=templates).ok
    assert snapshot(out) == snapshot(tmp_path / "clean")


def _title(content):
    set_front_matter(directive_files(content)[3], "title", "Một tiêu đề khác hẳn")


def _added(content):
    first = directive_files(content)[0]
    shutil.copy(first, first.with_name("chi-dao-moi-them.md"))


def _removed(content):
    directive_files(content)[2].unlink()


def _bulletin(content):
    bulletin = sorted(content.glob("*/w*/_bulletin.yaml"))[0]
    bulletin.write_text(bulletin.read_text(encoding="utf-8") + "lead: Lời dẫn mới của kỳ này.\n", encoding="utf-8")


def _topics(content):
    path = content / "topics.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: ", "name: Mới ", 1), encoding="utf-8")


def _site(content):
    path = content / "site.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# ghi chú\n", encoding="utf-8")


def _hostile_body(content):
    append_to_body(directive_files(content)[4], "<script>alert(1)</script>")


@pytest.mark.parametrize("edit", [_title, _added, _removed, _bulletin, _topics, _site, _hostile_body],
                         ids=lambda f: f.__name__.strip("_"))
def test_any_other_content_change_is_checked_in_full(built, tmp_path, monkeypatch, edit):
    content, out = built
    before = snapshot(out)
    edit(content)
    assert not can_use_kept(content, out)
    checks = CountedChecks(monkeypatch)
    result = pipeline.build(content, out)
    assert checks.count == 1
    clean = clean_build(content, tmp_path / "clean")
    assert messages(result) == messages(clean)
    if clean.ok:
        assert result.ok and snapshot(out) == snapshot(tmp_path / "clean")
    else:
        assert not result.ok and snapshot(out) == before, "a failed build leaves the output as it was"


def test_a_body_that_now_needs_a_message_gets_it_with_file_and_line(built, monkeypatch):
    content, out = built
    before = snapshot(out)
    path = directive_files(content)[4]
    append_to_body(path, '<a href="javascript:alert(1)">xem</a>')
    result = pipeline.build(content, out)
    assert not result.ok
    shown = pipeline._shown(path)
    assert [d for d in result.diagnostics.errors if d.file == shown and d.line], messages(result)
    assert snapshot(out) == before


def test_a_kept_model_of_other_content_is_never_used(archive, tmp_path):
    """The index and the model are two cache entries: one of another check (a crash between
    their saves, a copied cache) must not be taken for this content's."""
    content, out, other_out = tmp_path / "content", tmp_path / "out", tmp_path / "other"
    shutil.copytree(archive, content)
    assert pipeline.build(content, out).ok
    set_front_matter(directive_files(content)[3], "title", "Một tiêu đề khác hẳn")
    assert pipeline.build(content, other_out).ok
    set_front_matter(directive_files(content)[3], "title", "Tiêu đề thứ ba")
    assert pipeline.build(content, out).ok           # out's cache now keeps this check
    shutil.copy(cache_folder(other_out) / f"{kept_model.MODEL}.pickle", cache_folder(out) / f"{kept_model.MODEL}.pickle")
    append_to_body(directive_files(content)[0], "Thêm một câu.")
    assert not can_use_kept(content, out)
    assert pipeline.build(content, out).ok
    clean_build(content, tmp_path / "clean")
    assert snapshot(out) == snapshot(tmp_path / "clean")


def test_drafts_shown_by_serve_are_patched_too(archive, tmp_path, monkeypatch):
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(archive, content)
    draft = directive_files(content)[5]
    head, sep, rest = draft.read_text(encoding="utf-8").partition("\n---\n")
    draft.write_text(f"{head}\ndraft: true{sep}{rest}", encoding="utf-8")
    first = pipeline.build(content, out, include_drafts=True)
    assert first.ok and first.drafts
    append_to_body(draft, "Bản nháp thêm một câu.")
    checks = CountedChecks(monkeypatch)
    result = pipeline.build(content, out, include_drafts=True)
    assert result.ok and checks.count == 0 and result.drafts == first.drafts
    clean = clean_build(content, tmp_path / "clean", include_drafts=True)
    assert snapshot(out) == snapshot(tmp_path / "clean") and messages(result) == messages(clean)


def pages(folder: Path) -> dict[str, bytes]:
    return {rel: data for rel, data in snapshot(folder).items() if not rel.startswith("pagefind/")}


class ModelLoads:
    """How often a build loaded the kept model from the build cache."""
    def __init__(self, monkeypatch):
        self.count, load = 0, BuildCache.load

        def counted(store, name):
            self.count += name == kept_model.MODEL
            return load(store, name)
        monkeypatch.setattr(BuildCache, "load", counted)


def held_as_on_disk(out: Path, memory: kept_model.ModelInMemory) -> None:
    """The cache entries serve holds in memory are what their files hold: no build changed one in place."""
    folder, key = cache_folder(out), generator_key()
    fresh, held = BuildCache(folder, key), BuildCache(folder, key, memory.entries)
    names = [path.name[:-len(".pickle")] for path in sorted(folder.glob("*.pickle"))]
    assert "bodies.00" in names
    for name in names:
        if name.split(".")[0] in HELD:
            assert held.load(name) == fresh.load(name), name


def test_serve_holds_the_model_between_saves_and_each_save_equals_a_clean_build(built, tmp_path, monkeypatch):
    """serve keeps the model in memory (ModelInMemory) instead of loading it at each save.
    Patched in place, it must still give what a clean build gives after every save:
    edits on top of edits, an edit undone, the same text again, a failed build, a full check."""
    content, out = built
    memory, files = kept_model.ModelInMemory(), directive_files(content)
    original = files[0].read_text(encoding="utf-8")
    loads, checks = ModelLoads(monkeypatch), CountedChecks(monkeypatch)
    full_checks = []

    def save_and_compare(expect_ok=True):
        checks.count = 0
        result = pipeline.build(content, out, memory=memory, staging_stages=False)      # as serve's quick builds
        full_checks.append(checks.count)
        clean = clean_build(content, tmp_path / "clean", staging_stages=False)
        assert result.ok == clean.ok == expect_ok
        assert messages(result) == messages(clean)
        if expect_ok:       # the quick build carries the last search index over (the full one catches up)
            assert pages(out) == pages(tmp_path / "clean")
        held_as_on_disk(out, memory)
        return result

    append_to_body(files[0], "Đoạn bổ sung thứ nhất.")
    save_and_compare()
    assert loads.count == 1, "the first save loads the model"
    append_to_body(files[1], "Đoạn bổ sung ở tệp khác.")
    save_and_compare()
    files[0].write_text(original, encoding="utf-8")          # the first edit undone
    save_and_compare()
    append_to_body(files[0], "Đoạn bổ sung thứ nhất.")      # and made again, with the same text
    save_and_compare()
    assert loads.count == 1 and full_checks == [0, 0, 0, 0], "later saves use the model held in memory"
    append_to_body(files[2], '<a href="javascript:alert(1)">xem</a>')   # refused: the build fails midway
    save_and_compare(expect_ok=False)
    files[2].write_text(files[2].read_text(encoding="utf-8").replace('<a href="javascript:alert(1)">xem</a>', ""),
                        encoding="utf-8")
    save_and_compare()
    _title(content)                                          # a full check: its model replaces the one held
    save_and_compare()
    append_to_body(files[1], "Thêm một câu sau khi kiểm tra lại.")
    save_and_compare()
    # Loaded twice in all: the failed build's full check dropped the held model (it is not
    # kept beside a new check), so the save after the fix loaded it; the title edit's
    # full check holds its own, and the save after it loads nothing.
    assert full_checks[-2:] == [1, 0] and loads.count == 2


def test_serve_holds_its_first_builds_model_from_the_start(archive, tmp_path, monkeypatch):
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(archive, content)
    memory = kept_model.ModelInMemory()
    assert pipeline.build(content, out, memory=memory, staging_stages=False).ok
    loads = ModelLoads(monkeypatch)
    append_to_body(directive_files(content)[0], "Đoạn bổ sung.")
    assert pipeline.build(content, out, memory=memory, staging_stages=False).ok and loads.count == 0
    clean_build(content, tmp_path / "clean", staging_stages=False)
    assert pages(out) == pages(tmp_path / "clean")


def test_a_model_held_for_another_output_is_not_used(built, tmp_path):
    content, out = built
    memory = kept_model.ModelInMemory()
    append_to_body(directive_files(content)[0], "Đoạn bổ sung.")
    assert pipeline.build(content, out, memory=memory).ok
    other = tmp_path / "other"
    shutil.copytree(out, other)
    shutil.copytree(cache_folder(out), cache_folder(other))
    append_to_body(directive_files(content)[1], "Thêm một câu.")
    assert pipeline.build(content, other, memory=memory).ok     # memory is emptied, not used for `other`
    append_to_body(directive_files(content)[2], "Thêm câu nữa.")
    assert pipeline.build(content, out, memory=memory).ok
    clean_build(content, tmp_path / "clean")
    assert snapshot(out) == snapshot(tmp_path / "clean")
