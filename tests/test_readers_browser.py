"""What readers do on the built site, in a real browser (Debian's Chromium): search
across two weeks of content the way people type Vietnamese, every page type free of
accessibility violations (axe-core), console errors, failed or third-party requests,
and small enough for a phone (issue 8)."""
from __future__ import annotations

import contextlib
import functools
import http.server
import json
import shutil
import threading
from pathlib import Path
from urllib.parse import quote

import pytest

from browser import browser, serve
from conftest import CONTENT, REPO, build_into

pytestmark = pytest.mark.slow

AXE = REPO / ".test-tools" / "node_modules" / "axe-core" / "axe.min.js"
SECOND_WEEK = REPO / "tests" / "fixtures" / "links" / "two-weeks" / "2025"
SO_SUC_KHOE = "2024/w44/chu-tich-ubnd-tinh-chi-dao-don-doc-trien-khai-so-suc-khoe/"
# One page of each type (two weeks of content: the seed week and a week of 2025).
PAGE_TYPES = {
    "home": "", "issue": "2024/w44/", "directive": SO_SUC_KHOE, "archive": "luu-tru/",
    "topics": "chu-de/", "topic": "chu-de/dat-dai/", "documents": "van-ban/", "documents of a year": "van-ban/2024/",
    "document": "van-ban/2024/5902-vp-nc/", "officials": "lanh-dao/", "official": "lanh-dao/ho-tien-thieu/",
    "agencies": "co-quan/", "agency": "co-quan/so-y-te/", "deadlines": "thoi-han/", "deadlines of a year": "thoi-han/2024/",
    "search": "tim-kiem/?q=dat%20dai",
}


@pytest.fixture(scope="module")
def two_weeks(tmp_path_factory) -> Path:
    """content/ (the seed week, 2024-W44) plus a week of 2025 that reissues 5902/VP-NC."""
    root = tmp_path_factory.mktemp("two-weeks")
    shutil.copytree(CONTENT, root / "content")
    shutil.copytree(SECOND_WEEK, root / "content" / "2025")
    return build_into(root / "content", root / "output") and root / "output"


@pytest.fixture(scope="module")
def served(two_weeks):
    with serve(two_weeks) as base, browser() as b:
        yield base, b


@contextlib.contextmanager
def watched(b, base: str, **options):
    """A page that records console errors, failed requests and requests leaving the site."""
    context = b.new_context(**options)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status}: {r.url}"))
    page.on("request", lambda r: r.url.startswith(base) or r.url.startswith("data:")
            or problems.append(f"third-party request: {r.url}"))
    try:
        yield page, problems
    finally:
        context.close()


def search(page, base: str, query: str, **filters) -> list[dict]:
    params = "&".join(f"{k}={quote(v)}" for k, v in {"q": query, **filters}.items())
    page.goto(f"{base}tim-kiem/?{params}")
    page.wait_for_function("""() => { const s = document.getElementById('trang-thai').textContent;
                                      return s && !s.endsWith('…'); }""", timeout=15000)
    return page.evaluate("""() => [...document.querySelectorAll('#ket-qua li')].map(li => ({
        url: new URL(li.querySelector('a').href).pathname,
        title: li.querySelector('a').textContent,
        meta: li.querySelector('.item-meta').textContent}))""")


@pytest.mark.parametrize("query,expected", [
    ("so suc khoe dien tu", SO_SUC_KHOE),                       # "sổ sức khoẻ điện tử"
    ("dat dai", "2024/w44/quy-dinh-han-muc-dat-giao-cho-to-chuc-ton-giao-to-chuc-ton/"),   # "đất đai"
    ("don doc", SO_SUC_KHOE),                                   # "đôn đốc": both words need đ -> d
    ("lang nghe", "2024/w44/thuc-hien-chuong-trinh-bao-ton-va-phat-trien-lang-nghe-tren/"),  # "làng nghề"
    ("5902/VP-NC", SO_SUC_KHOE),                                # a document number finds its directive
])
def test_search_finds_vietnamese_typed_without_diacritics(served, query, expected):
    base, b = served
    with watched(b, base, viewport={"width": 360, "height": 740}) as (page, problems):
        results = search(page, base, query)
        urls = [r["url"] for r in results]
        assert "/" + expected in urls[:5], (query, [r["title"] for r in results[:5]])
        assert problems == []


def test_results_show_title_issue_date_and_number_and_filter_by_year(served):
    base, b = served
    with watched(b, base, viewport={"width": 1280, "height": 900}) as (page, problems):
        results = {r["url"]: r for r in search(page, base, "5902/VP-NC")}
        hit = results["/" + SO_SUC_KHOE]
        assert hit["title"].startswith("Chủ tịch UBND tỉnh chỉ đạo đôn đốc triển khai sổ sức khoẻ điện tử")
        for fact in ("Tuần 44/2024", "28/10/2024", "Công văn số 5902/VP-NC"):
            assert fact in hit["meta"]
        # The same number in 2025 is another letter: both documents are found, and the year filter tells them apart.
        assert {"/van-ban/2024/5902-vp-nc/", "/van-ban/2025/5902-vp-nc/"} <= set(results)
        only_2025 = [r["url"] for r in search(page, base, "5902/VP-NC", year="2025")]
        assert only_2025 and all("2025" in url for url in only_2025), only_2025
        assert page.locator("#loc-year").input_value() == "2025"
        for name in ("topic", "year", "type", "agency"):
            assert page.locator(f"#loc-{name} option").count() > 1, name
        assert problems == []


def test_many_results_come_twenty_at_a_time(served):
    base, b = served
    with watched(b, base, viewport={"width": 360, "height": 740}) as (page, problems):
        shown = search(page, base, "UBND tỉnh")
        total = int(page.text_content("#trang-thai").split()[0])
        assert total > 20 and len(shown) == 20
        page.click("#them-ket-qua")
        page.wait_for_function("() => document.querySelectorAll('#ket-qua li').length > 20")
        assert page.locator("#ket-qua li").count() == min(total, 40)
        assert problems == []


def test_search_page_without_javascript_explains_and_links_indexes(served):
    base, b = served
    context = b.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "tim-kiem/?q=dat+dai")
    note = page.locator(".no-js")
    assert note.is_visible() and "JavaScript" in note.text_content()
    hrefs = [page.evaluate("a => new URL(a.href).pathname", a) for a in note.locator("a").element_handles()]
    assert hrefs == ["/chu-de/", "/van-ban/", "/luu-tru/", "/thoi-han/"]
    # The header's search box works without JavaScript: it is a plain form to the search page.
    page.goto(base + "2024/w44/")
    page.fill("#q-dau-trang", "lang nghe")
    page.press("#q-dau-trang", "Enter")
    assert page.url == base + "tim-kiem/?q=lang+nghe"
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_every_page_type_passes_axe_with_no_console_error_or_foreign_request(served, width):
    base, b = served
    axe = AXE.read_text(encoding="utf-8")
    failures = {}
    # bypass_csp: axe is injected as an inline script, which the site's policy rightly refuses.
    with watched(b, base, viewport={"width": width, "height": 800}, bypass_csp=True) as (page, problems):
        for kind, path in PAGE_TYPES.items():
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            page.add_script_tag(content=axe)
            violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
                .violations.map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)""")
            if violations:
                failures[kind] = violations
    assert failures == {}
    assert problems == []


def test_header_is_compact_on_a_phone_and_the_first_directive_is_on_the_first_screen(served):
    base, b = served
    with watched(b, base, viewport={"width": 360, "height": 740}) as (page, problems):
        for path in ("", "2024/w44/", SO_SUC_KHOE, "tim-kiem/"):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            height = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
            assert height <= 90, f"{path}: header {height}px"
        page.goto(base + "2024/w44/")
        first = page.locator("main .item-title").first.bounding_box()
        assert first["y"] + first["height"] <= 740
        assert problems == []


def test_focus_ring_is_visible_against_white(served):
    base, b = served
    with watched(b, base, viewport={"width": 1280, "height": 800}) as (page, _):
        page.goto(base + "2024/w44/")
        page.locator("main .item-title a").first.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        colour = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
        rgb = [int(x) for x in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3]]
        assert contrast(rgb, [255, 255, 255]) >= 3, colour


def contrast(a, b) -> float:
    def lum(rgb):
        c = [v / 255 for v in rgb]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_desktop_uses_the_width_for_lists(served):
    base, b = served
    with watched(b, base, viewport={"width": 1280, "height": 900}) as (page, _):
        page.goto(base + "2024/w44/")
        boxes = [page.locator("ol.items > li").nth(i).bounding_box() for i in range(2)]
        assert boxes[1]["x"] > boxes[0]["x"] + boxes[0]["width"]         # two columns side by side


def test_document_numbers_never_split_across_lines(served):
    base, b = served
    with watched(b, base, viewport={"width": 360, "height": 740}) as (page, _):
        for path in ("2024/w44/", SO_SUC_KHOE, "van-ban/2024/", "thoi-han/"):
            page.goto(base + path)
            split = page.evaluate("""() => [...document.querySelectorAll('main .nowrap')]
                .filter(e => e.getClientRects().length > 1).map(e => e.textContent)""")
            assert split == [], path
            assert page.locator("main .nowrap").count() > 0, path


def test_dark_mode_follows_the_system(served):
    base, b = served
    with watched(b, base, viewport={"width": 1280, "height": 800}, color_scheme="dark", bypass_csp=True) as (page, problems):
        page.goto(base + SO_SUC_KHOE)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background != "rgb(255, 255, 255)"
        page.add_script_tag(path=str(AXE))
        colour = page.evaluate("""async () => (await axe.run(document, {runOnly: ['color-contrast']})).violations.length""")
        assert colour == 0


def test_print_drops_related_and_feed_links_and_shows_the_permanent_url(served):
    base, b = served
    with watched(b, base, viewport={"width": 1280, "height": 800}) as (page, _):
        page.goto(base + SO_SUC_KHOE)
        page.emulate_media(media="print")
        visible = {sel: page.locator(sel).first.is_visible() for sel in (".related", ".site-footer .follow", ".print-url", ".site-search")}
        assert visible == {".related": False, ".site-footer .follow": False, ".print-url": True, ".site-search": False}
        assert "https://example.org/ban-tin/" + SO_SUC_KHOE in page.locator(".print-url").text_content()


def test_deadlines_pages_list_the_seed_deadlines_in_date_order_by_year(served, two_weeks):
    """The newest issue is of 2025: /thoi-han/ lists 2025's dates, /thoi-han/2024/ the seed week's."""
    base, b = served
    with watched(b, base, viewport={"width": 360, "height": 740}) as (page, problems):
        dates = {}
        for path in ("thoi-han/", "thoi-han/2024/"):
            page.goto(base + path)
            dates[path] = page.eval_on_selector_all("li.deadline", "rows => rows.map(r => r.dataset.date)")
            assert dates[path] == sorted(dates[path]), path
            # Marked in the reader's browser: today is after every seed deadline.
            assert page.locator("li.deadline.ahead").count() == 0, path
            assert page.locator("li.deadline.past").count() == len(dates[path]), path
        assert len(dates["thoi-han/"]) + len(dates["thoi-han/2024/"]) >= 10
        assert all(d.startswith("2025") for d in dates["thoi-han/"]) and "2025-01-31" in dates["thoi-han/"]
        assert all(d.startswith("2024") for d in dates["thoi-han/2024/"]) and "2024-11-05" in dates["thoi-han/2024/"]
        page.goto(base + "thoi-han/")
        page.get_by_role("navigation", name="Thời hạn theo năm").get_by_role("link", name="2024").click()
        page.wait_for_url(base + "thoi-han/2024/")
        assert problems == []


def test_json_ld_parses_and_names_the_document_number(served):
    base, b = served
    with watched(b, base) as (page, _):
        for path, number in ((SO_SUC_KHOE, "5902/VP-NC"), ("van-ban/2024/5902-vp-nc/", "5902/VP-NC")):
            page.goto(base + path)
            data = json.loads(page.locator("script[type='application/ld+json']").text_content())
            text = json.dumps(data, ensure_ascii=False)
            assert f'"legislationIdentifier": "{number}"' in text
            assert data["@context"] == "https://schema.org"


def test_pages_stay_small(two_weeks):
    css = (two_weeks / "assets" / "style.css").stat().st_size
    sizes = {p.relative_to(two_weeks).as_posix(): p.stat().st_size + css for p in two_weeks.rglob("*.html")
             if not p.relative_to(two_weeks).parts[0] == "pagefind"}
    assert max(sizes.values()) < 50_000, max(sizes.items(), key=lambda kv: kv[1])


class _NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """A static host that answers a missing path with the site's 404.html, as hosts do,
    optionally with a Content-Security-Policy header on every answer."""
    site_root = "/"
    policy = ""

    def log_message(self, *args):
        pass

    def end_headers(self):
        if self.policy:
            self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / self.site_root.strip("/") / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def host(folder: Path, site_root: str, policy: str = ""):
    handler = type("Handler", (_NotFoundHandler,), {"site_root": site_root, "policy": policy})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("base_path", ["/ban-tin/", "/"])
def test_404_page_works_at_the_root_and_under_the_base_path(served, two_weeks, tmp_path, base_path):
    """Hosted under base_url's path (/ban-tin/) or at a domain's root, a missing page at
    any depth gets the 404 page with its stylesheet, a search box and working links."""
    _, b = served
    if base_path == "/":
        content = tmp_path / "content"
        shutil.copytree(CONTENT, content)
        settings = content / "site.yaml"
        settings.write_text(settings.read_text(encoding="utf-8").replace("https://example.org/ban-tin/", "https://example.org/"),
                            encoding="utf-8")
        docroot = build_into(content, tmp_path / "output") and tmp_path / "output"
    else:
        docroot = tmp_path / "host"
        docroot.mkdir()
        (docroot / "ban-tin").symlink_to(two_weeks, target_is_directory=True)
    with host(docroot, base_path) as origin:
        with watched(b, origin) as (page, problems):
            for missing in ("khong-co/", "2024/w44/khong-co-trang-nay/"):
                response = page.goto(origin + base_path + missing)
                assert response.status == 404
                assert page.locator("h1").text_content() == "Không tìm thấy trang"
                assert page.evaluate("document.styleSheets[0].cssRules.length") > 10     # the stylesheet loaded
                assert page.locator("main input[type=search]").count() == 1
                for link in page.locator("main a").element_handles():
                    href = link.get_attribute("href")
                    assert page.request.get(origin + href).status == 200, href
            # The page itself answers 404 (and the console says so); nothing it loads may fail.
            pages = {origin + base_path + missing for missing in ("khong-co/", "2024/w44/khong-co-trang-nay/")}
            problems = [p for p in problems if not p.startswith("console: Failed to load resource")
                        and not (p.startswith("404: ") and p[5:] in pages)]
            assert problems == []


# The policy the site's pages are built to run under (no inline script or style of ours;
# Pagefind needs WebAssembly). JSON-LD and the search page's strings are data, not scripts.
STRICT_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"


def test_search_and_deadlines_work_under_a_strict_content_security_policy(served, two_weeks):
    _, b = served
    with host(two_weeks, "/", STRICT_POLICY) as origin:
        base = origin + "/"
        with watched(b, base, viewport={"width": 1280, "height": 900}) as (page, problems):
            results = search(page, base, "don doc")
            assert "/" + SO_SUC_KHOE in [r["url"] for r in results]
            page.goto(base + "thoi-han/")
            page.wait_for_load_state("networkidle")
            assert page.locator("li.deadline.past").count() > 0          # deadlines.js ran
            for path in ("", SO_SUC_KHOE, "van-ban/2024/5902-vp-nc/", "tim-kiem/"):
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
            assert problems == []
