"""The Content-Security-Policy every page carries, declared once.

A `<meta http-equiv="Content-Security-Policy">` in templates/base.html (and the
redirect page) forbids every script the site does not ship itself: no inline script,
no event handler attribute, no `javascript:` URL, no script from another site. Should
anything slip past the sanitizer (safe_html.py), the browser still refuses to run it.

To allow something new, extend SOURCES here (never write a policy in a template):
- a script file the site ships (search, live reload): already allowed by 'self';
- Pagefind's WebAssembly: add "'wasm-unsafe-eval'" to script-src;
- an inline <script> the site itself ships: add its exact text to INLINE_SCRIPTS, its
  SHA-256 goes into script-src. JSON-LD (`type="application/ld+json"`) is data, never
  run, and needs no entry (write it with the `script_json` filter).
`frame-ancestors` cannot be set from a meta tag; a server that can should send it."""
from __future__ import annotations

import base64
import hashlib

SOURCES: dict[str, list[str]] = {
    "default-src": ["'none'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],   # Pagefind's search runs as WebAssembly (readers)
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "manifest-src": ["'self'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
}
INLINE_SCRIPTS: list[str] = []


def script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(sources: dict[str, list[str]] | None = None,
                            inline_scripts: list[str] | None = None) -> str:
    sources = {k: list(v) for k, v in (SOURCES if sources is None else sources).items()}
    for script in INLINE_SCRIPTS if inline_scripts is None else inline_scripts:
        sources.setdefault("script-src", []).append(script_hash(script))
    return "; ".join(f"{name} {' '.join(dict.fromkeys(values))}" for name, values in sources.items())
