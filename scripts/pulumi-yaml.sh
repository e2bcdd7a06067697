#!/usr/bin/env bash
# Provides Pulumi's YAML language host (`pulumi-language-yaml`) for the end-to-end tests of the
# provider plugin and prints the directory to put on PATH.
#
# Uses `pulumi-language-yaml` from PATH when there is one (and PULUMI_EURO_HOSTING_BUILD_CLI is not
# 1). Otherwise builds the pinned host from the Go module proxy into the bin of scripts/pulumi-cli.sh
# (the same CLI version's cache, outside the repository) and reuses it on later runs:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-euro-hosting/pulumi-<cli version>/bin
# The host is built from a small generated wrapper module that requires pulumi-yaml at one version,
# so its go.sum is kept next to it; pulumi-yaml's go.mod has no replace directives to copy.
#
# Usage: scripts/pulumi-yaml.sh          # prints the bin directory on stdout, progress on stderr
#        PATH="$(scripts/pulumi-yaml.sh):$(scripts/pulumi-cli.sh):$PATH" pulumi up
set -euo pipefail

cli_version="${PULUMI_CLI_VERSION:-v3.274.1}"
yaml_version="${PULUMI_YAML_VERSION:-v1.25.0}"
log() { echo "pulumi-yaml: $*" >&2; }

if [[ "${PULUMI_EURO_HOSTING_BUILD_CLI:-0}" != 1 ]] && command -v pulumi-language-yaml >/dev/null 2>&1; then
  dir="$(dirname "$(command -v pulumi-language-yaml)")"
  log "using pulumi-language-yaml from PATH: $dir"
  echo "$dir"
  exit 0
fi

cache="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-euro-hosting/pulumi-${cli_version}"
bin="$cache/bin"
# What the host is built from: this script's content (which pins the module) and the version asked for.
stamp="$( (cat "$0"; echo "$yaml_version") | sha256sum)"
if [[ -x "$bin/pulumi-language-yaml" && "$(cat "$cache/yaml-built-from" 2>/dev/null)" == "$stamp" ]]; then
  log "using the cached YAML language host in $bin"
  echo "$bin"
  exit 0
fi

command -v go >/dev/null 2>&1 || { log "no pulumi-language-yaml on PATH and no go toolchain to build one"; exit 1; }
mkdir -p "$cache/language-yaml" "$bin"
start=$(date +%s)

module="$cache/language-yaml"
# A go.sum of an earlier build stays: `go get` only adds what the new requirement needs.
{
  echo "module pulumi-euro-hosting/pulumi-language-yaml"
  echo
  echo "go 1.24"
  echo
  echo "require github.com/pulumi/pulumi-yaml ${yaml_version}"
} > "$module/go.mod"
log "building pulumi-language-yaml ${yaml_version} in $module (takes minutes when cold)"
(
  cd "$module"
  go get "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@${yaml_version}" >&2
  go build -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=${yaml_version#v}" \
    -o "$bin/pulumi-language-yaml" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml >&2
)

echo "$stamp" > "$cache/yaml-built-from"
log "built in $(( $(date +%s) - start ))s into $bin"
echo "$bin"
