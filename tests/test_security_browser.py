"""Stored XSS in a real browser (issue 10, part 2): the hostile bodies the issue found
running in Chromium no longer run. The build renders them directly, as if `check` had
let them through, so the sanitizer alone is tested; then an inline script planted in a
built page proves the Content-Security-Policy stops what a sanitizer might miss."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from browser import browser, serve
from conftest import REPO
from generator.content.loader import load_content
from generator.diagnostics import Diagnostics
from generator.model.build import build_site
from generator.render.site import render_site
from test_security_html import HOSTILE

pytestmark = pytest.mark.slow

SMALL = REPO / "tests" / "fixtures" / "small"
KEY = "2024/w44/so-suc-khoe-dien-tu"
EXTRA = ['<details open ontoggle="alert(1)">x</details>', '<a href="javascript:alert(1)">bấm</a>',
         '<object data="javascript:alert(1)"></object>', '<form><button formaction="javascript:alert(1)">x</button></form>',
         "[bấm](javascript:alert(1))", "<b onmouseover=alert(1)>rê chuột</b>"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The small site with every hostile body of the issue in one directive, rendered without `check`."""
    diags = Diagnostics()
    site = build_site(load_content(SMALL, diags), diags)
    body = "\n\n".join([*(h[1] for h in HOSTILE), *EXTRA])
    d = dataclasses.replace(site.directives[KEY], body=body)
    site.directives[KEY] = d
    for issue in site.issues:
        issue.directives[:] = [d if x.key == KEY else x for x in issue.directives]
    out = tmp_path_factory.mktemp("hostile") / "out"
    for rel, data in render_site(site, REPO / "templates").items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    page = out / KEY / "index.html"
    planted = page.parent / "planted.html"
    shutil.copy(page, planted)
    text = planted.read_text(encoding="utf-8")
    planted.write_text(text.replace("</main>", "<script>document.title='RAN'</script>"
                                               "<img src=x onerror=\"document.title='RAN'\"></main>"), encoding="utf-8")
    return out


def test_hostile_bodies_do_not_run(hostile_site):
    with serve(hostile_site) as base, browser() as b:
        page = b.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(base + KEY + "/")
        page.mouse.move(5, 5)
        for link in page.locator("main a").all():
            href = link.get_attribute("href") or ""
            assert not href.lower().startswith(("javascript:", "data:")), href
        page.wait_for_timeout(300)
        assert dialogs == []
        assert page.locator("main script, main iframe, main object, main svg, main img, main [onerror]").count() == 0
        assert page.locator("main .body").inner_text().strip()


def test_policy_blocks_a_planted_inline_script(hostile_site):
    with serve(hostile_site) as base, browser() as b:
        page = b.new_page()
        violations = []
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(base + KEY + "/planted.html")
        page.wait_for_timeout(300)
        assert page.title() != "RAN"
        assert violations, "Chromium reports the blocked script"
