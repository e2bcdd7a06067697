#!/usr/bin/env bash
# Provides the Pulumi CLI for the end-to-end tests and prints the directory to put on PATH.
#
# Uses `pulumi` from PATH when there is one (and PULUMI_EURO_HOSTING_BUILD_CLI is not 1). Otherwise
# builds the pinned CLI from the Go module proxy into a cache directory outside the repository
# and reuses it on later runs:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-euro-hosting/pulumi-<version>/bin
# The CLI is built from a small generated wrapper module that requires pkg/v3 and sdk/v3 at one
# version and copies pkg's non-local replace directives (building pkg/v3 with `go install
# module@version` is refused because its go.mod has replace directives).
#
# The Node language host is built from scripts/language-nodejs (see there why) into the same bin.
#
# Usage: scripts/pulumi-cli.sh          # prints the bin directory on stdout, progress on stderr
#        PATH="$(scripts/pulumi-cli.sh):$PATH" pulumi version
set -euo pipefail

version="${PULUMI_CLI_VERSION:-v3.274.1}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log() { echo "pulumi-cli: $*" >&2; }

if [[ "${PULUMI_EURO_HOSTING_BUILD_CLI:-0}" != 1 ]] && command -v pulumi >/dev/null 2>&1 \
  && command -v pulumi-language-nodejs >/dev/null 2>&1; then
  dir="$(dirname "$(command -v pulumi)")"
  log "using pulumi from PATH: $dir ($(pulumi version 2>/dev/null || echo 'version unknown'))"
  echo "$dir"
  exit 0
fi

cache="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-euro-hosting/pulumi-${version}"
bin="$cache/bin"
# What the CLI is built from: the content of this script and of the Node host's sources (not their
# paths, so every checkout of the same commit shares one build).
stamp="$(cat "$0" "$here"/language-nodejs/*.go "$here/language-nodejs/go.mod.in" | sha256sum)"
if [[ -x "$bin/pulumi" && -x "$bin/pulumi-language-nodejs" \
  && "$(cat "$cache/built-from" 2>/dev/null)" == "$stamp" ]]; then
  log "using the cached CLI in $bin"
  echo "$bin"
  exit 0
fi

command -v go >/dev/null 2>&1 || { log "no pulumi on PATH and no go toolchain to build one"; exit 1; }
mkdir -p "$cache/cli" "$bin"
start=$(date +%s)

# The wrapper module for the CLI.
pkg_mod="$(cd "$cache/cli" && GOFLAGS=-mod=mod go mod download -json "github.com/pulumi/pulumi/pkg/v3@${version}" \
  | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')"
[[ -f "$pkg_mod" ]] || { log "could not download github.com/pulumi/pulumi/pkg/v3@${version}"; exit 1; }
{
  echo "module pulumi-euro-hosting/pulumi-cli"
  echo
  echo "go $(sed -n 's/^go \([0-9.]*\)$/\1/p' "$pkg_mod")"
  echo
  echo "require ("
  echo "	github.com/pulumi/pulumi/pkg/v3 ${version}"
  echo "	github.com/pulumi/pulumi/sdk/v3 ${version}"
  echo ")"
  echo
  # Only replace directives that point at another module, not at a path inside pulumi's repository.
  grep -E '^replace .* => [^./]' "$pkg_mod" || true
} > "$cache/cli/go.mod"
log "building pulumi ${version} in $cache/cli (takes minutes when cold)"
(
  cd "$cache/cli"
  go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@${version}" >&2
  go build -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${version}" \
    -o "$bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
)

# The Node language host.
rm -rf "$cache/language-nodejs" && mkdir -p "$cache/language-nodejs"
cp "$here"/language-nodejs/*.go "$cache/language-nodejs/"
sed "s/@VERSION@/${version}/g" "$here/language-nodejs/go.mod.in" > "$cache/language-nodejs/go.mod"
(
  cd "$cache/language-nodejs"
  go mod tidy >&2
  go build -trimpath -ldflags "-s -w -X main.version=${version#v}" -o "$bin/pulumi-language-nodejs" . >&2
)

echo "$stamp" > "$cache/built-from"
log "built in $(( $(date +%s) - start ))s; $bin holds $(du -sh "$bin" | cut -f1)," \
  "the Go module cache $(du -sh "$(go env GOMODCACHE)" | cut -f1), the build cache $(du -sh "$(go env GOCACHE)" | cut -f1)"
echo "$bin"
