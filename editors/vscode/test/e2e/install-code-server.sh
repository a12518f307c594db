#!/usr/bin/env bash
# Installs code-server, playwright-core and the system packages the VS Code end-to-end test needs,
# into a cache folder outside the repository (default ~/.cache/newsls-editors/vscode-e2e).
# Idempotent: a second run with everything in place returns in a second.
#
# Why each step (this machine reaches only package registries):
# - code-server 4.100.3 is the last release whose engines allow Node 20.
# - npm runs as root here, so install scripts need npm_config_unsafe_perm=true; native modules
#   build against the system Node headers (npm_config_nodedir=/usr), and the kerberos module
#   needs libkrb5-dev.
# - @vscode/ripgrep's install script downloads a binary unless bin/rg already exists: we install
#   with scripts off, put apt's rg there, then run the scripts.
# - node-pty's build step asks before running npx; npm_config_yes=true answers it.
# - Recent npm runs no dependency install script unless the project allows it (allowScripts in
#   package.json): we approve, by name, the native modules code-server needs on Linux. Older npm
#   has no `install-scripts` command and runs them anyway, hence `|| true`.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_CORE_VERSION=1.65.1
E2E_DIR="${NEWSLS_E2E_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/newsls-editors/vscode-e2e}"
STAMP="$E2E_DIR/.installed-$CODE_SERVER_VERSION-$PLAYWRIGHT_CORE_VERSION"

if [[ -f "$STAMP" ]]; then
  echo "code-server $CODE_SERVER_VERSION already installed in $E2E_DIR"
  exit 0
fi

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v rg >/dev/null || need_apt+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v make >/dev/null || need_apt+=(build-essential)
command -v python3 >/dev/null || need_apt+=(python3)
if ((${#need_apt[@]})); then
  echo "apt-get install ${need_apt[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_apt[@]}"
fi

export npm_config_unsafe_perm=true
export npm_config_nodedir=/usr
export npm_config_yes=true
export npm_config_fund=false
export npm_config_audit=false
export npm_config_update_notifier=false
approve_scripts() { npm install-scripts approve --no-allow-scripts-pin "$@" >/dev/null 2>&1 || true; }

mkdir -p "$E2E_DIR"
cd "$E2E_DIR"
[[ -f package.json ]] || echo '{"name":"newsls-vscode-e2e","private":true}' >package.json

echo "npm install code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION (scripts off)"
npm install --ignore-scripts --no-save "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_CORE_VERSION"

CODE_SERVER="$E2E_DIR/node_modules/code-server"
VSCODE="$CODE_SERVER/lib/vscode"

echo "npm install in code-server's lib/vscode (scripts off)"
(cd "$VSCODE" && npm install --omit=dev --ignore-scripts)

# Put the system ripgrep where @vscode/ripgrep looks, so its install script does not download.
mkdir -p "$VSCODE/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$VSCODE/node_modules/@vscode/ripgrep/bin/rg"

echo "npm rebuild in lib/vscode (native modules: node-pty, kerberos, ...)"
(cd "$VSCODE" && approve_scripts node-pty kerberos @vscode/spdlog @vscode/deviceid @parcel/watcher native-watchdog @vscode/ripgrep && npm rebuild)

echo "npm rebuild argon2 (code-server's password hashing, loaded at start)"
approve_scripts argon2
npm rebuild argon2

echo "code-server postinstall (symlinks, built-in extensions' dependencies)"
(cd "$CODE_SERVER" && npm_config_user_agent="npm/$(npm --version) node/$(node --version) linux x64" sh ./postinstall.sh)

"$CODE_SERVER/out/node/entry.js" --version >/dev/null 2>&1 || node "$CODE_SERVER/out/node/entry.js" --version
touch "$STAMP"
echo "installed code-server $CODE_SERVER_VERSION in $E2E_DIR"
