"""Property-based fuzzing of the importer (issue 10, part 5): any text either imports
or fails with the importer's own error; and a paragraph holding any mix of Markdown
and HTML punctuation is escaped so that `check` accepts it and the page shows it as
written (the importer's escaped output always passes check)."""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, seed_text
from generator import pipeline
from generator.importer import ImportError_, run_import

SCALE = int(os.environ.get("FUZZ_SCALE", "1"))
SETTINGS = settings(max_examples=20 * SCALE, deadline=15_000,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
PUNCTUATION = list("<>&[]()!*_`\\#|:-~=+.\"'") + ["&amp;", "&#106;", "javascript:", "<b>", "<script>", "](", "]:",
                                                  "https://x.vn/a_b", " ", "ơ", "ệ", "\u00a0"]
paragraph = st.lists(st.sampled_from(PUNCTUATION) | st.text(max_size=5), min_size=1, max_size=30).map("".join)
SEED_LINES = seed_text().split("\n")
# The first paragraph of the first directive: line 4 of the seed (title, lead, heading, paragraph).
TARGET = 3


def topics() -> dict:
    import yaml
    return yaml.safe_load((REPO / "content/topics.yaml").read_text(encoding="utf-8"))


TOPICS = topics()


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_imports_or_fails_with_the_importers_error(text):
    started = time.monotonic()
    try:
        run_import(text, TOPICS, "2024-W44")
    except ImportError_ as err:
        assert err.message
    assert time.monotonic() - started < 5


@SETTINGS
@given(paragraph)
def test_escaped_paragraphs_pass_check(extra):
    lines = list(SEED_LINES)
    lines[TARGET] = lines[TARGET] + " " + extra.replace("\n", " ")
    # keep the run short: the title, the lead, and the first two directives
    try:
        result = run_import("\n".join(lines[:12]), TOPICS, "2024-W44")
    except ImportError_:
        return
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        content.mkdir()
        for name in ("site.yaml", "topics.yaml"):
            shutil.copy(REPO / "content" / name, content / name)
        for rel, text in result.files.items():
            (content / rel).parent.mkdir(parents=True, exist_ok=True)
            (content / rel).write_text(text, encoding="utf-8")
        checked = pipeline.check(content, shown="content")
        body_errors = [d.format() for d in checked.diagnostics.errors]
        assert not body_errors, (extra, body_errors)
