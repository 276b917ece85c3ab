"""Import a week's published bulletin text into content files.

Pipeline (one module per step): `source` reads and cleans the text, `noise` sets apart
what a copy of the web page adds (chrome, image names, captions, bylines), `split` finds the
title, lead and sections, `dedupe` folds sections printed twice, `extract` reads front
matter out of the free text, `emit` writes YAML/Markdown, `verify` proves nothing was
lost or invented, `report` tells the editor what to check. `pipeline.run_import` ties
them together without touching the disk; `article.run_article_import` does the same for one
article added to an existing week; the `import` command does the writing.
"""
from generator.importer.errors import ImportError_
from generator.importer.pipeline import ImportResult, run_import

__all__ = ["ImportError_", "ImportResult", "run_import"]
