#!/usr/bin/env bash
# Prints the path of OpenTofu built from source, building it the first time: the module
# github.com/opentofu/opentofu at OPENTOFU_VERSION (default 1.10.10, the newest 1.10 release) comes
# from the Go module proxy, and its ./cmd/tofu is built into the tools cache (scripts/tools-dir.sh),
# once per version (a few minutes). `make test-matrix` uses it; so does TF=tofu when no tofu is on
# PATH. Progress goes to stderr so that stdout carries only the path.
set -euo pipefail

version="${OPENTOFU_VERSION:-1.10.10}"
root="$(cd "$(dirname "$0")/.." && pwd)"

# OpenTofu's go.mod has a replace directive, so `go install module@version` refuses it: the module is
# downloaded and built as the main module instead. version.dev=no is what OpenTofu's release builds
# set, so that the binary reports its version without a "-dev" suffix.
# shellcheck disable=SC2016 # expanded by the inner shell
exec "${root}/scripts/cached-build.sh" "$("${root}/scripts/tools-dir.sh")/tofu/${version}" tofu \
	"OpenTofu ${version} from source (a few minutes)" bash -euo pipefail -c '
		src="$(cd / && go mod download -json "github.com/opentofu/opentofu@v$1" | sed -n "s/^[[:space:]]*\"Dir\": \"\(.*\)\",\$/\1/p")"
		cd "${src}" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "${OUT}/tofu" ./cmd/tofu' _ "${version}"
