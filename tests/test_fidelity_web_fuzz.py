"""Randomly damaged copies of the web-copied week (issue 12): each imports with every line
accounted for (a title, the lead, a body paragraph, a byline/image/caption kept in front
matter, or page chrome listed in the report) or fails with the importer's own error."""
from __future__ import annotations

import random
from pathlib import Path

import yaml

from generator.importer import ImportError_, run_import
from generator.importer.mdescape import rendered_paragraphs
from generator.importer.source import read_lines
from generator.importer.verify import body_of
from tests.test_importer_fuzz import damage

WEB = Path(__file__).parent / "fixtures" / "importer" / "web" / "2026-w03-web.txt"
CASES = 80


def mutate(lines: list[str], rng: random.Random) -> str:
    return rng.choice(["\n", "\r\n"]).join(damage(lines, rng))


def _values(value) -> set[str]:
    if isinstance(value, dict):
        return {x for v in value.values() for x in _values(v)}
    if isinstance(value, list):
        return {x for v in value for x in _values(v)}
    return {value} if isinstance(value, str) else set()


def test_mutated_web_copies_import_whole_or_fail_clearly():
    web = WEB.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
    rng = random.Random(20260112)
    outcomes = {"ok": 0, "error": 0}
    for case in range(CASES):
        text = mutate(web, rng)
        try:
            result = run_import(text, {}, "2026-W03")
        except ImportError_ as err:
            outcomes["error"] += 1
            assert err.message.strip() and (err.line is None or err.line >= 1), case
            continue
        outcomes["ok"] += 1
        texts = [t for p, t in result.files.items() if p.endswith(".md")]
        fronts = [yaml.safe_load(t.split("---\n")[1]) for t in texts]
        accounted = {f["title"] for f in fronts} | {f["title"] + "." for f in fronts}
        accounted |= {x for f in fronts for k in ("byline", "images") for x in _values(f.get(k))}
        accounted |= {p for t in texts for p in rendered_paragraphs(body_of(t))}
        accounted |= {text for _, text in result.report.dropped}
        bulletin = yaml.safe_load(result.files[f"{result.folder}/_bulletin.yaml"])
        accounted |= {bulletin["title"], bulletin.get("lead")}
        lost = [ln.text for ln in read_lines(text) if ln.text not in accounted]
        assert not lost, (case, lost)
    assert outcomes["ok"] > CASES // 4, outcomes
