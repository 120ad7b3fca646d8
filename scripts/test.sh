#!/usr/bin/env bash
# `npm test`: every check the project has, in order, stopping at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

ensure_deps

ensure_chromium() {
  if [[ -x "$CHROMIUM" ]]; then
    return 0
  fi
  if [[ "$CHROMIUM" == /usr/bin/chromium && "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    step "Installing Chromium (apt-get): $CHROMIUM is missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q chromium
    [[ -x "$CHROMIUM" ]] && return 0
  fi
  echo "error: Chromium not found at $CHROMIUM; install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
  exit 1
}
ensure_chromium
echo "Using $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"

step "[1/6] Type check (tsc --noEmit)"
tsc --noEmit
echo "Types OK"

step "[2/6] Lint (eslint, then the layer order and import cycles: dependency-cruiser)"
eslint --max-warnings 0 .
depcruise src --config .dependency-cruiser.cjs --output-type err-long
echo "Lint OK"

step "[3/6] Format (prettier --check)"
prettier --check --log-level warn .
echo "Formatting OK"

step "[4/6] Unit tests (vitest run)"
vitest run

step "[5/6] Production build (vite build)"
vite build

step "[6/6] End-to-end tests (playwright test, Chromium)"
playwright test
