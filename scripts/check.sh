#!/usr/bin/env bash
# Check content/ (the pre-commit hook; also handy by hand). Sets up .venv on first use.
# Extra arguments go to `build.py check`, e.g. scripts/check.sh --content other/
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || scripts/setup.sh
exec .venv/bin/python build.py check --quiet "$@"
