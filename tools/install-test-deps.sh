#!/usr/bin/env bash
# System packages the full test suite needs (headless Chromium for the browser tests).
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium missing and not root: browser tests will skip" >&2
  fi
fi
