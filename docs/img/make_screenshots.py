"""Regenerate the guide's screenshots of `serve` (docs/img/serve-*.png) with headless
Chromium: a copy of content/ with two typical mistakes, shown with the error overlay,
and a draft's page under `serve --drafts` with its badge.
Run: .venv/bin/python docs/img/make_screenshots.py"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser import browser                          # noqa: E402  (the tests' Chromium launcher)
from serve_process import Serve, free_port           # noqa: E402

DIRECTIVE = "2024/w44/trien-khai-thang-hanh-dong-quoc-gia-phong-chong-hiv-aids-nam"


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        content = Path(work) / "content"
        shutil.copytree(REPO / "content", content)
        source = content / f"{DIRECTIVE}.md"
        good = source.read_text(encoding="utf-8")
        server = Serve(content, free_port())
        try:
            server.wait_for_output("Đang xem thử tại")
            with browser() as b:
                for name, viewport in (("desktop", {"width": 1000, "height": 620}),
                                       ("phone", {"width": 360, "height": 640})):
                    page = b.new_page(viewport=viewport)
                    page.goto(f"http://127.0.0.1:{server.port}/ban-tin/{DIRECTIVE}/")
                    if name == "desktop":
                        page.wait_for_timeout(500)      # the page is listening for rebuilds
                        source.write_text(good.replace("date: 2024-", "date: 28/10/2024\n# ", 1)
                                          .replace("- y-te", "- suc-khoe", 1), encoding="utf-8")
                    page.wait_for_selector("#bulletin-serve-overlay", timeout=15_000)
                    page.screenshot(path=str(DOCS / f"serve-error-{name}.png"))
                    page.close()
        finally:
            source.write_text(good, encoding="utf-8")
            server.stop()
            print(server.output())
        source.write_text(good.replace("\ndate: ", "\ndraft: true\ndate: ", 1), encoding="utf-8")
        server = Serve(content, free_port(), "--drafts")
        try:
            server.wait_for_output("Đang xem thử tại")
            with browser() as b:
                page = b.new_page(viewport={"width": 1000, "height": 700})
                page.goto(f"http://127.0.0.1:{server.port}/ban-tin/{DIRECTIVE}/")
                page.wait_for_selector("#bulletin-serve-draft", timeout=15_000)
                page.screenshot(path=str(DOCS / "serve-draft-page.png"))
        finally:
            server.stop()


if __name__ == "__main__":
    main()
