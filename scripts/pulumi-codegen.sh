#!/usr/bin/env bash
# Builds the code-generating language hosts `pulumi package gen-sdk` needs and prints the
# directory to put FIRST on PATH for gen-sdk only (docs/plugin-sdks.md).
#
# The CLI asks the language host of each language to generate that language's SDK. Pulumi's own
# hosts cannot be downloaded here, and the Node host scripts/pulumi-cli.sh builds runs programs
# only; so this builds scripts/language-codegen (Pulumi's own code generators, pkg/v3/codegen,
# behind the language host's GeneratePackage call) from the Go module proxy:
#   pulumi-language-nodejs, -python, -go   one build, at the CLI's version (PULUMI_CLI_VERSION)
#   pulumi-language-dotnet                 another, at DOTNET_CODEGEN_VERSION: the .NET generator
#                                          left pkg/v3 after that version
# into a cache directory outside the repository, reused while the sources and versions match:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-euro-hosting/codegen-<version>/bin
# These hosts run no programs: keep the directory off PATH for `pulumi up` and the like.
#
# Usage: scripts/pulumi-codegen.sh          # prints the bin directory on stdout, progress on stderr
#        PATH="$(scripts/pulumi-codegen.sh):$PATH" pulumi package gen-sdk dist/schema.json --language go
set -euo pipefail

version="${PULUMI_CLI_VERSION:-v3.274.1}"
dotnet_version="${DOTNET_CODEGEN_VERSION:-v3.206.0}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log() { echo "pulumi-codegen: $*" >&2; }

cache="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-euro-hosting/codegen-${version}"
bin="$cache/bin"
hosts=(nodejs python go dotnet)
sources() { { echo "$version $dotnet_version"; cat "$0" "$here"/language-codegen/*; } | sha256sum; }
built() {
  for host in "${hosts[@]}"; do [[ -x "$bin/pulumi-language-$host" ]] || return 1; done
  [[ "$(cat "$cache/built-from" 2>/dev/null)" == "$(sources)" ]]
}
if built; then
  log "using the cached code generators in $bin"
  echo "$bin"
  exit 0
fi

command -v go >/dev/null 2>&1 || { log "no go toolchain to build the code generators"; exit 1; }
mkdir -p "$bin"
rm -f "$cache/built-from"
start=$(date +%s)

# build DIR PKG_VERSION TAGS OUTPUT FILE...: a module requiring pkg/v3 and sdk/v3 at one version,
# with pkg's replace directives that point at another module (as scripts/pulumi-cli.sh does).
build() {
  local dir="$cache/$1" pkg_version="$2" tags="$3" output="$4"
  shift 4
  rm -rf "$dir" && mkdir -p "$dir"
  for file in "$@"; do cp "$here/language-codegen/$file" "$dir/"; done
  local pkg_mod
  pkg_mod="$(cd "$dir" && GOFLAGS=-mod=mod go mod download -json "github.com/pulumi/pulumi/pkg/v3@${pkg_version}" \
    | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')"
  [[ -f "$pkg_mod" ]] || { log "could not download github.com/pulumi/pulumi/pkg/v3@${pkg_version}"; exit 1; }
  {
    echo "module pulumi-euro-hosting/pulumi-language-codegen"
    echo
    echo "go $(sed -n 's/^go \([0-9.]*\)$/\1/p' "$pkg_mod")"
    echo
    echo "require ("
    echo "	github.com/pulumi/pulumi/pkg/v3 ${pkg_version}"
    echo "	github.com/pulumi/pulumi/sdk/v3 ${pkg_version}"
    echo ")"
    echo
    grep -E '^replace .* => [^./]' "$pkg_mod" || true
  } > "$dir/go.mod"
  log "building $output from pkg/v3 ${pkg_version} in $dir (takes minutes when cold)"
  (
    cd "$dir"
    go mod tidy >&2
    go build -trimpath -tags "$tags" -ldflags "-s -w -X main.version=${version#v}" -o "$output" . >&2
  )
}

build src "$version" "" "$cache/pulumi-language-codegen" main.go generators.go
for host in nodejs python go; do cp "$cache/pulumi-language-codegen" "$bin/pulumi-language-$host"; done
build src-dotnet "$dotnet_version" dotnet "$bin/pulumi-language-dotnet" main.go dotnet.go

sources > "$cache/built-from"
log "built in $(( $(date +%s) - start ))s; $bin holds $(du -sh "$bin" | cut -f1)"
echo "$bin"
