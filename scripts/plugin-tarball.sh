#!/usr/bin/env bash
# The provider plugin as Pulumi installs plugins: a tarball with the executable
# pulumi-resource-euro-hosting at its root, the package beside it (dist/, package.json, LICENSE)
# and the packages it needs at run time in node_modules/ (@pulumi/pulumi included), for
#
#   pulumi plugin install resource euro-hosting <version> --file pulumi-resource-euro-hosting-v<version>-<os>-<arch>.tar.gz
#
# The executable is a Node.js script: the machine needs node (>= 20) on PATH. See docs/plugin.md.
#
# Usage: scripts/plugin-tarball.sh [--no-build] [--out <directory>]   (default: build/plugin)
# Prints the tarball's path.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/build/plugin"
build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=0 ;;
    --out) out="$(mkdir -p "$2" && cd "$2" && pwd)"; shift ;;
    *) echo "plugin-tarball: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
log() { echo "plugin-tarball: $*" >&2; }

cd "$repo"
if [[ "$build" == 1 ]]; then
  log "npm run build"
  npm run build >&2
fi
[[ -f dist/provider/plugin/main.js ]] || { log "dist/ has no plugin: run npm run build"; exit 1; }
[[ -f dist/schema.json ]] || log "warning: dist/schema.json is missing (npm run build generates it): GetSchema will fail"

version="$(node -p 'require("./package.json").version')"
os="$(node -p '({ linux: "linux", darwin: "darwin", win32: "windows" })[process.platform] ?? process.platform')"
arch="$(node -p '({ x64: "amd64", arm64: "arm64" })[process.arch] ?? process.arch')"
name="pulumi-resource-euro-hosting-v$version-$os-$arch.tar.gz"

stage="$(mktemp -d "${TMPDIR:-/tmp}/euro-hosting-plugin-XXXXXX")"
trap 'rm -rf "$stage"' EXIT

cp bin/pulumi-resource-euro-hosting package.json LICENSE "$stage/"
# The compiled code and its data files, without declarations and source maps.
mkdir -p "$stage/dist"
(cd dist && find . -type f \( -name '*.js' -o -name '*.json' \) -print0 | xargs -0 cp --parents -t "$stage/dist")
node scripts/production-modules.js --copy-to "$stage"

mkdir -p "$out"
tar -czf "$out/$name" -C "$stage" .
log "$(du -h "$out/$name" | cut -f1) $out/$name"
echo "$out/$name"
