"""The preview server on its own (in-process, a real socket): only files of the built
folder are served, under the base path; the reload tag goes into HTML only."""
from __future__ import annotations

import http.client

import pytest

from generator.model.entities import SiteConfig
from generator.serve.server import SCRIPT_TAG, PreviewServer, inject_script
from generator.serve.state import BuildState


@pytest.fixture()
def server(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text("<html><head></head><body>trang chủ</body></html>", encoding="utf-8")
    (site / "a/index.html").write_text("<html><head></head><body>a</body></html>", encoding="utf-8")
    (site / "404.html").write_text("<html><head></head><body>không có</body></html>", encoding="utf-8")
    (site / "rss.xml").write_text("<rss/>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("bí mật", encoding="utf-8")
    srv = PreviewServer(0, site, "/", BuildState(), {"empty": "trống"})
    srv.follow(SiteConfig(title="t", publisher="p", base_url="https://example.org/ban-tin/"))
    srv.start()
    yield srv
    srv.stop()


def get(server, path: str) -> tuple[int, str, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    conn.request("GET", path)            # sent as written: no client-side normalisation of '..'
    r = conn.getresponse()
    body = r.read().decode("utf-8")
    conn.close()
    return r.status, body, dict(r.getheaders())


def test_base_path_redirects_and_pages(server):
    assert get(server, "/")[0] == 302 and get(server, "/")[2]["Location"] == "/ban-tin/"
    status, body, headers = get(server, "/ban-tin/")
    assert status == 200 and "trang chủ" in body and SCRIPT_TAG.decode() in body
    assert headers["Cache-Control"] == "no-store"
    assert get(server, "/ban-tin/a")[2]["Location"] == "/ban-tin/a/"
    assert get(server, "/ban-tin/a/")[1].startswith("<html><head>")


def test_nothing_outside_the_built_folder(server):
    for path in ("/ban-tin/../secret.txt", "/ban-tin/%2e%2e/secret.txt", "/ban-tin/a/../../secret.txt",
                 "/secret.txt", "/ban-tin/..%5csecret.txt"):
        status, body, _ = get(server, path)
        assert status == 404 and "bí mật" not in body and "không có" in body, path


def test_only_html_gets_the_reload_tag(server):
    status, body, headers = get(server, "/ban-tin/rss.xml")
    assert status == 200 and body == "<rss/>" and headers["Content-Type"] == "application/xml"
    assert inject_script(b"<p>x</p>") == b"<p>x</p>" + SCRIPT_TAG
