"""The fast reference scan (one type-word scan, patterns tried only where a type word
starts, skips for text without a digit or a law) finds exactly what trying every
pattern at every position finds: the same candidates, hence the same references."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from generator.vntext import references as R
from tests.conftest import CONTENT, seed_text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import synth  # noqa: E402

# The bare-number pattern as first written: lookbehind first, tried at every position.
_BARE_EVERYWHERE = re.compile(rf"(?<![\w/-])(?P<number>{R._NUMBER})(?![\w/]){R._DATE_TAIL}")


def _full_scan(text: str, year: int | None) -> list[R.Reference]:
    """_candidates without any shortcut: every pattern's own finditer over the whole text."""
    found = []
    for m in R._TYPED_RE.finditer(text):
        if not R._has_code(m.group("number")):
            continue
        kind = R._KIND_BY_FOLD.get(m.group("kind").casefold()) if m.group("kind") else R.ABBREVIATIONS[m.group("abbr").upper()]
        found.append(R._numbered(text, m, kind, year))
    for m in R._DATE_FIRST_RE.finditer(text):
        if R._has_code(m.group("number")):
            found.append(R._numbered(text, m, R._KIND_BY_FOLD[m.group("kind").casefold()], year))
    for m in _BARE_EVERYWHERE.finditer(text):
        segments = re.split(r"[/-]", m.group("number"))[1:]
        if "/" in m.group("number") and any(any(c.isupper() for c in s) for s in segments):
            found.append(R._numbered(text, m, None, year))
    for m in R._LAW_HEAD_RE.finditer(text):
        if ref := R._law_at(text, m, year):
            found.append(ref)
    return found


TRICKY = [
    "Bộ luật số 45/2019/QH14 và Luật số 43/2024/QH15",          # "luật" inside "Bộ luật": overlapping starts
    "NGHỊ ĐỊNH SỐ 12/2024/NĐ-CP; nghị định số 13/2024/nđ-cp",    # any case
    "nđ số 5/2024/NĐ-CP, QĐ số: 45/2024/QĐ-UBND, kh số 12/KH-UBND",
    "Công văn ngày 28/10/2024 số 5902/VP-NC và Kế hoạch ngày 1/2/2024, số 7/KH-UBND",
    "12/2024/NĐ-CP mở đầu; x12/AB-CD; 5/6/7; 2021-2030; 14/18; 10/2024",
    "Quyết định số: 280/31/01/2019 và Quyết định Quyết định số 3/QĐ-UB",
    "Thông tư liên tịch số 1/2015/TTLT-BTC-BNV ngày 5/1/2015 của Bộ Tài chính",
    "Chỉ thị số 22/CT-TTg ngày 23/6/2023 của Thủ tướng Chính phủ",
    "pháp Luật Đất đai, Luật Đất đai năm 2024, Luật sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở",
    "\u212aế hoạch số 9/KH-UBND (Kelvin K), \u0130 và ı, ſố",     # letters IGNORECASE folds specially
    "Kế hoạch\nsố\n\n12/KH-UBND;Chỉ thị\u00a0số\u00a01/CT-TTg",
    "", "Không có số nào", "Luật", "số 1/A",
]


def _texts_from(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))]


def _assert_same(texts, year=2024):
    for text in texts:
        assert R._candidates(text, year) == _full_scan(text, year), text[:200]


def test_tricky_texts():
    _assert_same(TRICKY)


def test_seed_and_content():
    _assert_same([seed_text(), *seed_text().split("\n"), *_texts_from(CONTENT)])


def test_synthetic_archive():
    tree = synth.generate(3)
    texts = [text for rel, text in tree.items() if rel.endswith(".md")]
    _assert_same([p for t in texts for p in t.split("\n\n")])


_PIECES = st.sampled_from([
    "Quyết định", "quyết ĐỊNH", "Bộ luật", "Luật", "luật", "Luật Đất đai", "NĐ", "nq", "số", "Số", ":", "ngày",
    "12", "12/2024", "12/2024/NĐ-CP", "94-KL/TW", "5902/VP-NC", "28/10/2024", "13 tháng 09 năm 2024",
    "của", "Thủ tướng Chính phủ", "UBND tỉnh", "pháp", "và", ",", ".", "(", "/", "-", "x", "\u212a", "ſ",
])
_SEPARATORS = st.sampled_from([" ", " ", "", "\n", "  ", "\u00a0"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_PIECES, _SEPARATORS), max_size=14))
def test_random_texts(parts):
    _assert_same(["".join(p + s for p, s in parts)])


@pytest.mark.parametrize("first", sorted(R._FIRST_LETTERS))
def test_kind_scan_finds_every_type_word_start(first):
    """The scan's first-letter lookahead never rejects a letter a type word can start with."""
    words = [w for w in (*R.KINDS, *R.ABBREVIATIONS) if w[0] == first]
    for w in words:
        for text in (w, w.lower(), w.upper(), f"({w} số 1/A", f"x {w.swapcase()}"):
            want = [m.start() for m in re.finditer(rf"(?<!{R._W})(?:{re.escape(w)})", text, re.IGNORECASE)]
            assert set(want) <= set(R._kind_starts(text)), text
