# Shared helpers for scripts/start.sh and scripts/test.sh (sourced, not run).

# Prints a visible step header: "==> message" (bold on a terminal).
step() {
  if [[ -t 1 ]]; then
    printf '\n\033[1m==> %s\033[0m\n' "$*"
  else
    printf '\n==> %s\n' "$*"
  fi
}

# Installs the locked dependencies when node_modules is missing or older than the lockfile.
ensure_deps() {
  local stamp=node_modules/.package-lock.json
  if [[ ! -f "$stamp" ]]; then
    step "Installing dependencies (npm ci): node_modules is missing"
  elif [[ package-lock.json -nt "$stamp" ]]; then
    step "Installing dependencies (npm ci): package-lock.json changed since the last install"
  else
    return 0
  fi
  npm ci --no-audit --no-fund
}

# Project tools (tsc, vite, ...) come from node_modules/.bin, never from a download.
export PATH="$PWD/node_modules/.bin:$PATH"
