"""`serve` end to end, as a real process on a free port: the site under its base path,
the reload signal after an edit, the overlay's errors and the old page after a break,
recovery after the fix, a busy port, and a clean stop on Ctrl-C."""
from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from serve_process import REPO, WAIT, Serve, free_port, state_where

DIRECTIVE = "2024/w44/trien-khai-thang-hanh-dong-quoc-gia-phong-chong-hiv-aids-nam"


@pytest.fixture()
def content(tmp_path) -> Path:
    dst = tmp_path / "content"
    shutil.copytree(REPO / "content", dst)
    return dst


def test_serve_edit_break_fix_and_stop(content):
    server = Serve(content, free_port())
    try:
        server.wait_for_output("Đang xem thử tại")
        status, home, _ = server.get("/")                                     # redirected to the base path
        assert status == 200 and '<html lang="vi"' in home
        status, page, _ = server.get(f"/ban-tin/{DIRECTIVE}/")
        assert status == 200 and "Tháng hành động quốc gia" in page
        assert '<script src="/__serve/reload.js" defer></script></head>' in page
        assert server.get("/ban-tin/")[0] == 200
        status, missing, _ = server.get("/ban-tin/khong-co-trang-nay/")
        assert status == 404 and "Không tìm thấy trang" in missing          # the site's own 404 page
        assert server.get("/__serve/reload.js")[1].count("EventSource") == 1
        status, feed, headers = server.get("/ban-tin/rss.xml")
        assert status == 200 and headers["Content-Type"] == "application/xml" and "/__serve/" not in feed

        events = server.events()
        first = state_where(events, lambda s: True)
        assert first["errors"] == []

        source = content / f"{DIRECTIVE}.md"
        good = source.read_text(encoding="utf-8")
        source.write_text(good.replace("Tháng hành động quốc gia", "Tháng HÀNH ĐỘNG quốc gia", 1), encoding="utf-8")
        edited = state_where(events, lambda s: s["build"] > first["build"])      # the reload signal
        assert edited["errors"] == []
        assert "Tháng HÀNH ĐỘNG quốc gia" in server.get(f"/ban-tin/{DIRECTIVE}/")[1]

        source.write_text(good.replace("\ndate: ", "\ndate: 31/02/2024\nx: ", 1), encoding="utf-8")
        broken = state_where(events, lambda s: "không phải là một ngày" in str(s["errors"]))
        messages = " ".join(e["where"] + " " + e["message"] for e in broken["errors"])
        assert f"{DIRECTIVE}.md:" in messages and "không phải là một ngày" in messages
        assert "Tháng HÀNH ĐỘNG quốc gia" in server.get(f"/ban-tin/{DIRECTIVE}/")[1]   # the last good page
        server.wait_for_output("không phải là một ngày")                      # and in the terminal

        source.write_text(good, encoding="utf-8")
        fixed = state_where(events, lambda s: not s["errors"])
        assert fixed["build"] > broken["build"]                               # overlay gone, page reloads
        assert "Tháng HÀNH ĐỘNG" not in server.get(f"/ban-tin/{DIRECTIVE}/")[1]
    finally:
        code = server.stop()
    assert code == 0 and "Đã dừng xem thử." in server.output()
    # The wait while the temporary site is removed is announced first (long at ten years).
    assert server.output().index("Đang dừng: xoá các tệp tạm") < server.output().index("Đã dừng xem thử.")
    assert "Traceback" not in server.output()
    assert not (content.parent / "output").exists()          # serve never writes the user's output/


def test_busy_port_is_a_clear_message(content):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = Serve(content, port)
        assert server.proc.wait(WAIT) == 1
    assert f"Cổng {port} đang được chương trình khác dùng" in server.output()
    assert "Traceback" not in server.output()


def test_ctrl_c_stops_serve_even_when_started_with_sigint_ignored(content):
    # As a script's background job starts it (some CI runners do): SIGINT ignored from the start.
    server = Serve(content, free_port(), sigint_ignored=True)
    try:
        server.wait_for_output("Đang xem thử tại")
    finally:
        code = server.stop()
    assert code == 0 and "Đã dừng xem thử." in server.output() and "Traceback" not in server.output()


def test_drafts_are_checked_not_published_and_shown_by_serve_drafts(content, tmp_path):
    from generator import pipeline
    source = content / f"{DIRECTIVE}.md"
    source.write_text(source.read_text(encoding="utf-8").replace("\ndate: ", "\ndraft: true\ndate: ", 1), encoding="utf-8")
    built = pipeline.build(content, tmp_path / "out")
    assert built.ok and not (tmp_path / "out" / DIRECTIVE).exists()           # not published
    assert DIRECTIVE not in (tmp_path / "out/2024/w44/index.html").read_text(encoding="utf-8")
    assert not any(b"data-bulletin-draft" in p.read_bytes() for p in (tmp_path / "out").rglob("*.html"))
    assert pipeline.check(content, include_drafts=True).drafts == [DIRECTIVE]      # what serve marks

    server = Serve(content, free_port(), "--drafts")
    try:
        server.wait_for_output("Đang xem thử tại")
        assert "Có hiện bản nháp" in server.output()
        status, page, _ = server.get(f"/ban-tin/{DIRECTIVE}/")
        assert status == 200 and "Tháng hành động quốc gia" in page
    finally:
        assert server.stop() == 0

    broken = source.read_text(encoding="utf-8").replace("\ndate: ", "\ndate: 2024-13-01\nx: ", 1)
    source.write_text(broken, encoding="utf-8")
    checked = pipeline.check(content)                                           # a draft is still checked
    assert not checked.ok and any(d.file.endswith(f"{DIRECTIVE}.md") for d in checked.diagnostics.errors)


def test_renaming_a_file_while_serving_is_not_reported_as_a_lost_published_page(content):
    server = Serve(content, free_port())
    try:
        server.wait_for_output("Đang xem thử tại")
        events = server.events()
        first = state_where(events, lambda s: True)
        source = content / f"{DIRECTIVE}.md"
        bulletin = content / "2024/w44/_bulletin.yaml"
        bulletin.write_text(bulletin.read_text(encoding="utf-8").replace(DIRECTIVE.split("/")[-1], "ten-moi"),
                            encoding="utf-8")
        source.rename(source.with_name("ten-moi.md"))
        state_where(events, lambda s: s["build"] > first["build"])
        assert server.get("/ban-tin/2024/w44/ten-moi/")[0] == 200
    finally:
        assert server.stop() == 0
    assert "đã được đăng" not in server.output()


def test_search_index_catches_up_after_the_quick_rebuild(content):
    """A rebuild after a save leaves the search index as it was (so the page shows within a
    second); the index of the edited text follows once the editor pauses."""
    import json
    import time

    def index(server) -> list:
        """Every shard's entry file (the index is sharded: generator/search/shards.py)."""
        status, shards, _ = server.get("/ban-tin/pagefind/shards.json")
        assert status == 200
        return [server.get(f"/ban-tin/pagefind/{s}pagefind-entry.json")
                for s in ["", *json.loads(shards)["shards"]]]

    server = Serve(content, free_port())
    try:
        server.wait_for_output("Đang xem thử tại")
        before = index(server)
        assert all(status == 200 for status, _, _ in before)
        source = content / f"{DIRECTIVE}.md"
        source.write_text(source.read_text(encoding="utf-8").replace("Tháng hành động quốc gia",
                                                                    "Tháng hành động xyzzy quốc gia", 1),
                          encoding="utf-8")
        deadline = time.monotonic() + WAIT
        while "xyzzy" not in server.get(f"/ban-tin/{DIRECTIVE}/")[1]:
            assert time.monotonic() < deadline, server.output()
            time.sleep(0.05)
        assert all(status == 200 for status, _, _ in index(server)), "the quick rebuild keeps the index"
        while (now := index(server)) == before:
            assert time.monotonic() < deadline, server.output()
            time.sleep(0.1)
        assert all(status == 200 for status, _, _ in now)
    finally:
        assert server.stop() == 0


def test_serve_speaks_english_with_lang_en(content):
    from test_editors_language import unquoted_vietnamese
    source = content / f"{DIRECTIVE}.md"
    server = Serve(content, free_port(), "--lang", "en")
    try:
        server.wait_for_output("Previewing at")
        events = server.events()
        first = state_where(events, lambda s: True)
        source.write_text(source.read_text(encoding="utf-8").replace("\ndate: ", "\ndate: 31/02/2024\nx: ", 1),
                          encoding="utf-8")
        broken = state_where(events, lambda s: s["errors"])
        assert "is not a date" in broken["errors"][0]["message"]              # the overlay's words too
        assert server.get("/__serve/words.json")[1].count("The content has {count} error(s)") == 1
        assert first["build"] == broken["build"]
    finally:
        assert server.stop() == 0
    output = server.output()
    assert "Watching for changes in" in output and "Preview stopped." in output and "error [E-NOT-DATE]" in output
    assert not unquoted_vietnamese(output), unquoted_vietnamese(output)


def test_the_spare_is_made_after_the_first_build_but_not_once_serve_is_stopping(content, tmp_path):
    """serve makes a spare folder in a thread after its first build (the first save then
    starts from it); stopping first, as Ctrl-C right after start does, makes none."""
    from generator.commands.serve import Rebuilder
    from generator.engine.cache import cache_folder
    from generator.serve.state import BuildState
    for stopping in (True, False):
        site = tmp_path / f"site-{stopping}"
        rebuild = Rebuilder(content, site, None, False, BuildState(), lambda config: None)
        rebuild("")
        if stopping:
            rebuild.stop()
        rebuild.prepare_spare()
        assert (cache_folder(site) / "spare").is_dir() is not stopping
