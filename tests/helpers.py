"""Small helpers for reading built pages the way a reader sees them."""
from __future__ import annotations

from pathlib import Path

import lxml.html


def page(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def text_of(element) -> str:
    """Visible text with white space folded, as a reader would quote it."""
    return " ".join(element.text_content().split())


def settle_inputs(monkeypatch) -> None:
    """Let the input digest vouch for every file written until now by its stat (ctime
    cannot be set back, so a test cannot age its files; engine/signature.RACY_NS)."""
    from generator.engine import signature
    monkeypatch.setattr(signature, "RACY_NS", -10 * 1_000_000_000)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
