#!/usr/bin/env bash
# Set up (first run only) and build the site from content/ into output/.
# Extra arguments go to build.py, e.g. scripts/build.sh check
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/python build.py "$@"
