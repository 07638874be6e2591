#!/usr/bin/env bash
# What the test suite needs beyond the .NET SDK and PostgreSQL; each step installs only what is missing.
set -euo pipefail

# Browser tests drive Debian's Chromium (never a downloaded browser build).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: run 'sudo apt-get install chromium'." >&2
    exit 1
  fi
fi

# The Elsa Studio bundle the hub serves (pinned in the lock file); the hub's build also installs it when missing.
studio="$(dirname "$0")/../src/Hub/JewelHub.Hub/Studio"
if [ ! -f "$studio/node_modules/@elsa-workflows/elsa-studio-wasm/_framework/blazor.webassembly.js" ]; then
  (cd "$studio" && npm ci --no-audit --no-fund >/dev/null)
fi
