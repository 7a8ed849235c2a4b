#!/usr/bin/env bash
# System packages the full test suite needs: headless Chromium for the browser tests, and npm, which
# fetches the pinned Pyodide they run the game in and the pinned Mermaid that draws the case maps (into
# tests/.browser/, on first use), and Graphviz.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v dot >/dev/null 2>&1 || missing+=(graphviz)  # renders `verdict map --format dot` in a test
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "${missing[*]} missing and not root: browser tests will skip" >&2
  fi
fi
