#!/usr/bin/env bash
# `npm start`: install if needed, build, and serve the production build locally.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

HOST=127.0.0.1
PORT="${PORT:-4173}"

ensure_deps

step "Building the app (vite build)"
vite build

step "Serving Gatescope at http://$HOST:$PORT/ (Ctrl+C to stop)"
exec vite preview --host "$HOST" --port "$PORT" --strictPort
