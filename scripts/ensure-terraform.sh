#!/usr/bin/env bash
# Prints the path of a terraform binary for the acceptance tests, building one when none is available:
#   1. $TF_ACC_TERRAFORM_PATH, when it names an executable;
#   2. the terraform on PATH;
#   3. Terraform 1.5.7 built from source with `go install` into .cache/ (the last version that
#      builds that way; about two minutes, once).
# With --fallback it skips 1 and 2 (the CLI compatibility matrix tests the oldest supported version).
# Build progress goes to stderr so that stdout carries only the path.
set -euo pipefail

fallback_version="${TERRAFORM_FALLBACK_VERSION:-1.5.7}"
root="$(cd "$(dirname "$0")/.." && pwd)"

fallback_only=false
[ "${1:-}" = "--fallback" ] && fallback_only=true

if ! ${fallback_only} && [ -n "${TF_ACC_TERRAFORM_PATH:-}" ] && [ -x "${TF_ACC_TERRAFORM_PATH}" ]; then
	echo "${TF_ACC_TERRAFORM_PATH}"
	exit 0
fi
if ! ${fallback_only} && on_path="$(command -v terraform 2>/dev/null)"; then
	echo "${on_path}"
	exit 0
fi

dir="${root}/.cache/terraform/${fallback_version}"
if [ ! -x "${dir}/terraform" ]; then
	echo "No terraform on PATH: building Terraform ${fallback_version} from source into ${dir#"${root}"/} (about two minutes, once)..." >&2
	mkdir -p "${dir}"
	GOBIN="${dir}" GOFLAGS=-mod=mod go install "github.com/hashicorp/terraform@v${fallback_version}" >&2
fi
echo "${dir}/terraform"
