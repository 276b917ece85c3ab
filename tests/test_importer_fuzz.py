"""Light fuzzing: randomly damaged copies of the seed week either import with nothing lost
or fail with the importer's own error (a message and a line), never another exception."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from generator.importer import ImportError_, run_import
from generator.importer.mdescape import rendered_paragraphs
from generator.importer.source import read_lines
from generator.importer.verify import body_of

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "tests/fixtures/importer/bulletin-2024-w44.txt"
CASES = 200
ODD = ["\u00a0", "\u200b", "\ufeff", "\t", "*", "_", "<", ">", "&", "&amp;", "`", "\\", "[", "]", "#", "- ", "+ ",
       "1. ", "“", "”", "…", "|", "~", "\u0301", "(", ")", ";", ".", ":", "https://x.vn/a_b*c", "<b>", "---", "==="]


def mutate(lines: list[str], rng: random.Random) -> str:
    lines = list(lines)
    if rng.random() < 0.7:  # drop long runs of lines: keep the title, the lead and a few sections (fast)
        items = {item.strip() for item in lines[1].split(";")}
        headings = [i for i, line in enumerate(lines) if i >= 2 and line.strip() in items]
        start = rng.choice(headings)
        lines = lines[:2] + lines[start:start + rng.randint(10, 40)]
    lines = damage(lines, rng)
    eol = rng.choice(["\n", "\n", "\r\n", "\r"])
    return eol.join(lines) + rng.choice(["", eol])


def damage(lines: list[str], rng: random.Random) -> list[str]:
    """One to four random edits: drop, repeat, swap, shuffle, blank, odd characters, split."""
    lines = list(lines)
    for _ in range(rng.randint(1, 4)):
        op = rng.choice(["drop", "dup", "swap", "shuffle", "blank", "strip_lead", "odd", "odd_start", "split"])
        i = rng.randrange(len(lines)) if lines else 0
        if not lines:
            break
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "shuffle":
            chunk = lines[i:i + rng.randint(2, 6)]
            rng.shuffle(chunk)
            lines[i:i + len(chunk)] = chunk
        elif op == "blank":
            lines.insert(i, rng.choice(["", "   ", "\t", "\u00a0"]))
        elif op == "strip_lead" and len(lines) > 1:
            del lines[1]
        elif op == "odd":
            pos = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:pos] + rng.choice(ODD) + lines[i][pos:]
        elif op == "odd_start":
            lines[i] = rng.choice(ODD) + lines[i]
        elif op == "split" and len(lines[i]) > 20:
            pos = rng.randrange(10, len(lines[i]))
            lines[i:i + 1] = [lines[i][:pos], lines[i][pos:]]
    return lines


@pytest.fixture(scope="module")
def topics():
    return yaml.safe_load((REPO / "content/topics.yaml").read_text(encoding="utf-8"))


def test_mutated_seeds_import_whole_or_fail_clearly(topics):
    seed = SEED.read_text(encoding="utf-8").split("\n")
    rng = random.Random(20241028)
    outcomes = {"ok": 0, "error": 0}
    for case in range(CASES):
        text = mutate(seed, rng)
        source = read_lines(text)
        try:
            result = run_import(text, topics)
        except ImportError_ as err:
            outcomes["error"] += 1
            assert err.message.strip(), case
            assert err.line is None or 1 <= err.line <= len(text.splitlines()) + 1, (case, err.line)
            continue
        outcomes["ok"] += 1
        texts = [t for p, t in result.files.items() if p.endswith(".md")]
        titles = {yaml.safe_load(t.split("---\n")[1])["title"] for t in texts}
        rendered = [p for t in texts for p in rendered_paragraphs(body_of(t))]
        every_line = {ln.text for ln in source}
        first = 2 if result.files[f"{result.folder}/_bulletin.yaml"].count("\nlead:") else 1
        paragraphs = {ln.text for ln in source[first:]} - titles - {t + "." for t in titles}
        assert set(rendered) <= every_line, (case, set(rendered) - every_line)
        assert paragraphs <= set(rendered), (case, paragraphs - set(rendered))
    assert outcomes["ok"] > CASES // 4 and outcomes["error"] > 0, outcomes
