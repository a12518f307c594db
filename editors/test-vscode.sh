#!/usr/bin/env bash
# The VS Code end-to-end test: the packaged extension in a real VS Code (code-server 4.100.3)
# driven by playwright-core in Debian's headless Chromium. Heavy (installs code-server once,
# about 3 minutes; each run about a minute): run by hand, not in CI.
#
#   editors/test-vscode.sh                # builds newsls (debug) unless NEWSLS_BIN names one
#   NEWSLS_BIN=target/release/newsls editors/test-vscode.sh
#
# Installs outside the repository (~/.cache/newsls-editors/vscode-e2e); writes screenshots to
# editors/vscode/test/screenshots/ (outline.png is committed for the README).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
extension="$repo/editors/vscode"
e2e_dir="${NEWSLS_E2E_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/newsls-editors/vscode-e2e}"
export NEWSLS_E2E_DIR="$e2e_dir"
start=$(date +%s)

bash "$extension/test/e2e/install-code-server.sh"
code_server=(node "$e2e_dir/node_modules/code-server/out/node/entry.js")

if [[ -z "${NEWSLS_BIN:-}" ]]; then
  (cd "$repo" && cargo build --quiet --bin newsls)
  NEWSLS_BIN="$repo/target/debug/newsls"
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -f "$extension/server/newsls"
  rm -rf "$work"
}
trap cleanup EXIT

# Package the extension with the server bundled in it, as a user would install it.
if [[ ! -d "$extension/node_modules" ]]; then (cd "$extension" && npm ci --no-audit --no-fund); fi
cp "$NEWSLS_BIN" "$extension/server/newsls"
(cd "$extension" && npx vsce package --no-dependencies --allow-missing-repository --no-rewrite-relative-links --out "$work/newsls.vsix" >/dev/null)
rm -f "$extension/server/newsls"
echo "packaged $(du -h "$work/newsls.vsix" | cut -f1) $work/newsls.vsix"

user_data="$work/user-data"
extensions_dir="$work/extensions"
mkdir -p "$user_data/User" "$work/articles"
cp "$repo/seeds/000_2c8c7d61181d0d35.txt" "$work/articles/khamenei.txt"
cat >"$user_data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.colorTheme": "Default Light Modern",
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false,
  "outline.collapseItems": "alwaysCollapse",
  "editor.wordWrap": "on",
  "editor.minimap.enabled": false,
  "chat.commandCenter.enabled": false,
  "window.commandCenter": false
}
JSON

"${code_server[@]}" --user-data-dir "$user_data" --extensions-dir "$extensions_dir" \
  --install-extension "$work/newsls.vsix" >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 2; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"${code_server[@]}" --auth none --bind-addr "127.0.0.1:$port" --user-data-dir "$user_data" \
  --extensions-dir "$extensions_dir" --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override --config "$work/code-server.yaml" "$work/articles" \
  >"$work/code-server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
echo "code-server on 127.0.0.1:$port after $(($(date +%s) - start)) s"

status=0
E2E_URL="http://127.0.0.1:$port/?folder=$work/articles" E2E_ARTICLE=khamenei.txt E2E_FOLDER="$work/articles" \
  E2E_USER_DATA="$user_data" \
  E2E_SCREENSHOTS="$extension/test/screenshots" E2E_NODE_MODULES="$e2e_dir/node_modules" \
  E2E_BROWSER_PROFILE="$work/chromium-profile" \
  timeout 600 node "$extension/test/e2e/vscode.e2e.mjs" || status=$?
if [[ $status -ne 0 ]]; then
  echo "--- code-server log (tail)"; tail -n 30 "$work/code-server.log"
  log=$(find "$user_data/logs" -type f -name '*newsls*' 2>/dev/null | head -1)
  if [[ -n "$log" ]]; then echo "--- $log (tail)"; tail -n 30 "$log"; fi
fi
echo "vscode e2e: exit $status in $(($(date +%s) - start)) s; screenshots in editors/vscode/test/screenshots/"
exit "$status"
