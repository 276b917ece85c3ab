#!/usr/bin/env bash
# Set up everything the tests need (first run only) and run the whole test suite.
# Extra arguments go to pytest, e.g. scripts/test.sh -k feeds
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
exec .venv/bin/python -m pytest "$@"
