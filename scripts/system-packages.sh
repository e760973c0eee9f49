#!/usr/bin/env bash
# Installs the Debian packages kvgraph uses when they are missing: Graphviz (`dot`, to render
# DOT as SVG/PNG) and Chromium (for mermaid-cli to render Mermaid as SVG, and for the browser
# tests in test/browser and examples/browser, which drive it with playwright-core). Needs root and
# apt-get; otherwise it says what to install and carries on (the example then skips those files).
# With --required (CI) a package that cannot be installed is an error.
set -u
required=false
[ "${1:-}" = --required ] && required=true
missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-wqy-zenhei)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "kvgraph: installing Debian packages: ${missing[*]} (one time, about two minutes)"
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; then
    exit 0
  fi
  echo "kvgraph: apt-get failed for: ${missing[*]}" >&2
else
  echo "kvgraph: not installed: ${missing[*]}. Install them (apt-get install ${missing[*]}, or brew install graphviz chromium) to render SVG diagrams." >&2
fi
$required && exit 1
echo "kvgraph: continuing without them." >&2
exit 0
