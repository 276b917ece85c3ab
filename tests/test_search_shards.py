"""The search index in shards (generator/search/): which shard a page belongs to, an edit
re-indexing only its shard, the folded copies Pagefind reads giving the index the whole
pages give, and a damaged build cache costing time, never a wrong index."""
from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CONTENT, build_into
from generator import pipeline
from generator.engine.cache import cache_folder
from generator.search import index
from generator.search.pages import with_folded_words
from generator.search.shards import GENERAL, ShardRule, ordered
from generator.search.stable import stabilize
from generator.theme import default_templates
from helpers import snapshot

SO_SUC_KHOE = "2024/w44/chu-tich-ubnd-tinh-chi-dao-don-doc-trien-khai-so-suc-khoe"
DAT_DAI = "2024/w44/quy-dinh-han-muc-dat-giao-cho-to-chuc-ton-giao-to-chuc-ton"     # same week, same shard
DEFAULT_TEMPLATES = default_templates()
ADDED = "Tỉnh tổ chức lễ hội khinh khí cầu Mẫu Sơn vào mùa xuân."


def test_each_page_has_one_shard_by_its_path():
    rule = ShardRule.of(["2019/w01/index.html", "2024/w44/x/index.html", "2024/w02/index.html"])
    assert (rule.first_year, rule.latest_year) == (2019, 2024)
    assert rule.shard("2024/w44/x/index.html") == "2024-10"     # the latest year: by month (of the week's Thursday)
    assert rule.shard("2024/w01/index.html") == "2024-01"
    assert rule.shard("2023/w52/y/index.html") == "2023-h2"     # earlier years: by half-year
    assert rule.shard("2023/w26/index.html") == "2023-h1"
    assert rule.shard("van-ban/2021/5902-vp-nc/index.html") == "van-ban-2021"
    assert rule.shard("van-ban/2013/luat-dat-dai/index.html") == GENERAL   # older than the archive
    assert rule.shard("van-ban/khong-ro-nam/x/index.html") == GENERAL
    assert rule.shard("co-quan/so-y-te/index.html") == GENERAL
    assert ordered(["2024-10", GENERAL, "2023-h1", "van-ban-2024"]) == [GENERAL, "2023-h1", "2024-10", "van-ban-2024"]


def test_folded_copy_indexes_exactly_like_the_whole_page(site_dir, tmp_path):
    """Pagefind reads a slimmed copy (title and <main> only): the bundle is byte for byte
    the one the whole pages (with the same đ-words) give."""
    binary = str(index.pagefind_binary())
    pages = [p for p in site_dir.rglob("*.html") if b"data-pagefind-body" in p.read_bytes()]
    for kind in ("whole", "slim"):
        for page in pages:
            text = page.read_text(encoding="utf-8")
            folded = with_folded_words(text)
            if kind == "whole":                 # the same fold span, in the untouched page
                span = folded[folded.index("</main>") + len("</main>\n"):folded.index("</body>")]
                folded = text.replace("</body>", span + "</body>") if span else text
            target = tmp_path / kind / page.relative_to(site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(folded, encoding="utf-8")
        subprocess.run([binary, "--site", str(tmp_path / kind), "--output-path", str(tmp_path / f"{kind}-index"),
                        "--force-language", "vi", "--silent"], check=True, capture_output=True)
        stabilize(tmp_path / f"{kind}-index")
    assert snapshot(tmp_path / "slim-index") == snapshot(tmp_path / "whole-index")
    assert len(snapshot(tmp_path / "slim")[SO_SUC_KHOE + "/index.html"]) < len((site_dir / SO_SUC_KHOE / "index.html").read_bytes())


@pytest.fixture()
def pagefind_runs(monkeypatch) -> list[str]:
    """The shards Pagefind is run on (the real binary still runs)."""
    runs: list[str] = []
    real = index.subprocess.run

    def counting(args, **kw):
        runs.append(Path(args[args.index("--site") + 1]).name)
        return real(args, **kw)
    monkeypatch.setattr(index.subprocess, "run", counting)
    return runs


def edit_directive(content: Path) -> None:
    source = content / (SO_SUC_KHOE + ".md")
    source.write_text(source.read_text(encoding="utf-8") + "\n" + ADDED + "\n", encoding="utf-8")


def test_an_edit_reindexes_only_its_shard(tmp_path, pagefind_runs):
    content, out = tmp_path / "content", tmp_path / "output"
    shutil.copytree(CONTENT, content)
    build_into(content, out)
    shards = json.loads((out / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]
    assert sorted(pagefind_runs) == sorted([GENERAL, *(s.strip("/") for s in shards)])   # a cold build: every shard
    pagefind_runs.clear()
    assert build_into(content, out).written == [] and pagefind_runs == []              # nothing changed: no Pagefind
    edit_directive(content)
    result = build_into(content, out)
    assert pagefind_runs == ["2024-10"]
    assert {p for p in result.written if p.startswith("pagefind/")} <= {p for p in result.files if p.startswith("pagefind/2024-10/")}
    clean = tmp_path / "clean"
    assert pipeline.build(content, clean, cache=False).ok
    assert snapshot(out) == snapshot(clean)


def test_a_template_edit_reindexes_only_if_it_changes_what_search_reads(tmp_path, pagefind_runs):
    """Pagefind reads a copy of each page (its title, its <main>, its đ-words): a template
    edit outside that (the footer of every page) renders every page again but indexes no
    shard again; an edit inside it indexes again every shard of the pages that show it."""
    content, out, own = tmp_path / "content", tmp_path / "output", tmp_path / "templates"
    shutil.copytree(CONTENT, content)
    build_into(content, out)
    pagefind_runs.clear()
    own.mkdir()
    base = (DEFAULT_TEMPLATES / "base.html").read_text(encoding="utf-8")
    (own / "base.html").write_text(base.replace('<p class="muted">', '<p class="muted">Bản thử chân trang. ', 1),
                                   encoding="utf-8")
    result = build_into(content, out)
    assert "Bản thử chân trang." in (out / SO_SUC_KHOE / "index.html").read_text(encoding="utf-8")
    assert pagefind_runs == [] and not [p for p in result.written if p.startswith("pagefind/")]
    page = (DEFAULT_TEMPLATES / "directive.html").read_text(encoding="utf-8")
    (own / "directive.html").write_text(page.replace("<h1>{{ d.title }}</h1>", "<h1>Bản thử: {{ d.title }}</h1>", 1),
                                        encoding="utf-8")
    build_into(content, out)
    assert "2024-10" in pagefind_runs and GENERAL not in pagefind_runs     # directive pages only: not the home page's shard
    clean = tmp_path / "clean"
    assert pipeline.build(content, clean, cache=False).ok
    assert snapshot(out) == snapshot(clean)


def test_a_damaged_or_foreign_cache_never_gives_a_wrong_index(tmp_path, pagefind_runs):
    content, out = tmp_path / "content", tmp_path / "output"
    shutil.copytree(CONTENT, content)
    build_into(content, out)
    cache = cache_folder(out)
    # A page that is not the site's, left in the folder Pagefind reads for a shard ...
    stray = cache / "search" / "2024-10" / "2024" / "w44" / "la" / "index.html"
    stray.parent.mkdir(parents=True)
    stray.write_text('<html lang="vi"><body><main data-pagefind-body><h1>Trang lạ</h1><p>khinh khí cầu</p></main></body></html>',
                     encoding="utf-8")
    # ... a folded copy replaced behind the cache's back ...
    copy = cache / "search" / "2024-10" / DAT_DAI / "index.html"
    copy.write_text(copy.read_text(encoding="utf-8").replace("đất", "đá"), encoding="utf-8")
    # ... and a published file of that shard touched, so the shard is indexed again.
    os.utime(out / "pagefind" / "2024-10" / "pagefind-entry.json", ns=(1, 1))
    build_into(content, out)
    assert pagefind_runs[-1:] == ["2024-10"]
    clean = tmp_path / "clean"
    assert pipeline.build(content, clean, cache=False).ok
    assert snapshot(out) == snapshot(clean)
    # A record that does not unpickle: everything is indexed again.
    (cache / "search.pickle").write_bytes(b"not a pickle")
    edit_directive(content)
    pagefind_runs.clear()
    build_into(content, out)
    assert len(pagefind_runs) == len(json.loads((out / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]) + 1
    shutil.rmtree(clean)
    assert pipeline.build(content, clean, cache=False).ok
    assert snapshot(out) == snapshot(clean)
    assert pickle.loads((cache / "search.pickle").read_bytes())     # written anew


def test_copies_of_shards_the_index_no_longer_has_leave_the_cache(tmp_path, pagefind_runs):
    content, out = tmp_path / "content", tmp_path / "output"
    shutil.copytree(CONTENT, content)
    build_into(content, out)
    search = cache_folder(out) / "search"
    # What an earlier shard rule (a whole year) left behind, and the table no longer lists.
    old = search / "2024" / "2024" / "w44" / "cu" / "index.html"
    old.parent.mkdir(parents=True)
    old.write_text('<html lang="vi"><body><main data-pagefind-body><p>bản cũ</p></main></body></html>', encoding="utf-8")
    edit_directive(content)
    build_into(content, out)
    assert not (search / "2024").exists()
    assert sorted(p.name for p in search.iterdir()) == sorted([GENERAL, *(s.strip("/") for s in json.loads(
        (out / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"])])


@pytest.mark.slow
def test_the_edited_text_is_found_after_an_incremental_build(tmp_path):
    from browser import browser, serve
    from test_readers_browser import search, watched
    content, out = tmp_path / "content", tmp_path / "output"
    shutil.copytree(CONTENT, content)
    build_into(content, out)
    edit_directive(content)
    build_into(content, out)
    with serve(out) as base, browser() as b, watched(b, base, viewport={"width": 360, "height": 740}) as (page, problems):
        found = [r["url"] for r in search(page, base, "khinh khi cau Mau Son")]
        assert found[:1] == ["/" + SO_SUC_KHOE + "/"], found
        assert "/van-ban/2024/5902-vp-nc/" in [r["url"] for r in search(page, base, "5902/VP-NC")]   # another shard
        assert problems == []


def test_a_search_index_failure_is_a_coded_message_in_the_editors_language():
    from generator.diagnostics import Diagnostics
    from generator.search.index import SearchIndexError
    error = SearchIndexError("E-SEARCH-RUN", binary="/x/pagefind", detail="No such file")
    assert str(error) == "không chạy được Pagefind (/x/pagefind): No such file"
    diags = Diagnostics()
    diags.report(error.code, "output", None, **error.params)
    assert diags.errors and "output/ giữ nguyên" in diags.errors[0].format()
