"""A local web server for the preview: the built site under its base path (so links,
the 404 page and the feeds behave as when hosted), the reload script and the build
events. Only HTML responses get the reload script's tag, at serve time: nothing
served here is written into a build."""
from __future__ import annotations

import http.server
import json
import mimetypes
import posixpath
import threading
import urllib.parse
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from generator.serve.state import BuildState

if TYPE_CHECKING:
    from generator.model.entities import SiteConfig

PREFIX = "/__serve/"
SCRIPT_TAG = b'<script src="/__serve/reload.js" defer></script>'
KEEPALIVE_SECONDS = 5
TYPES = {".xml": "application/xml", ".ics": "text/calendar", ".json": "application/json",
         ".js": "text/javascript", ".css": "text/css", ".html": "text/html"}


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, port: int, root: Path, base_path: str, state: BuildState, words: dict):
        self.root = root
        self.base_path = base_path
        self.state = state
        self.words_json = json.dumps(words, ensure_ascii=False).encode("utf-8")
        # Before the first good build: a page of its own, on which the overlay shows the errors.
        self.nothing_built = (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{words["empty"]}'
                              f'</title></head><body><p>{words["empty"]}</p></body></html>').encode("utf-8")
        super().__init__(("127.0.0.1", port), PreviewHandler)

    def follow(self, config: SiteConfig) -> None:
        """Serve under the base path of the latest good build (site.yaml's base_url)."""
        path = urllib.parse.urlsplit(config.base_url).path.strip("/")
        self.base_path = f"/{path}/" if path else "/"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{self.base_path}"

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="preview-server", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self.state.close()         # ends the event streams
        self.shutdown()
        self.server_close()


class PreviewHandler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:   # the terminal is for the editor's content errors
        pass

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_GET(self, head: bool = False) -> None:
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if path == PREFIX + "events":
            return self._events()
        if path == PREFIX + "reload.js":
            return self._send(200, "text/javascript", resources.files(__package__).joinpath("reload.js").read_bytes(), head)
        if path == PREFIX + "words.json":
            return self._send(200, "application/json", self.server.words_json, head)
        base = self.server.base_path
        if path in ("/", base.rstrip("/")) and base != "/":
            return self._redirect(base)
        file = self._file(path[len(base):]) if path.startswith(base) else None
        if file is not None and file.is_dir():
            return self._redirect(path + "/")
        if file is None or not file.is_file():
            not_found = self.server.root / "404.html"
            body = not_found.read_bytes() if not_found.is_file() else self.server.nothing_built
            return self._send(404, "text/html", body, head)
        self._send(200, _type(file), file.read_bytes(), head)

    def _file(self, rel: str) -> Path | None:
        """The file for a path under the base path; never one outside the built folder."""
        clean = posixpath.normpath("/" + rel).lstrip("/")
        if clean.startswith("..") or "\\" in clean:
            return None
        target = self.server.root / clean if clean not in ("", ".") else self.server.root
        if rel.endswith("/") or target.is_dir() and rel == "":
            target = target / "index.html"
        return target

    def _send(self, status: int, kind: str, body: bytes, head: bool = False) -> None:
        if kind == "text/html":
            body = inject_script(body)
            kind = "text/html; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _events(self) -> None:
        """Server-Sent Events: the build state now, then at every change."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        seen = -1
        try:
            while not self.server.state.closed:
                seen, data = self.server.state.wait(seen, KEEPALIVE_SECONDS)
                self.wfile.write(f"event: state\ndata: {data}\n\n".encode() if data else b": keepalive\n\n")
                self.wfile.flush()
        except OSError:           # the page was closed or reloaded
            pass


def inject_script(html: bytes) -> bytes:
    """The reload script's tag, just before </head> (or at the end of a fragment)."""
    at = html.lower().rfind(b"</head>")
    return html[:at] + SCRIPT_TAG + html[at:] if at >= 0 else html + SCRIPT_TAG


def _type(path: Path) -> str:
    return TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
