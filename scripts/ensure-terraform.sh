#!/usr/bin/env bash
# Prints the path of the Terraform or OpenTofu CLI for the acceptance tests, the demo and the docs,
# building one when needed. With TF set, that CLI:
#   TF=terraform  the terraform on PATH, else Terraform 1.5.7 built from source (below);
#   TF=tofu       the tofu on PATH, else OpenTofu built from source (scripts/ensure-tofu.sh);
#   TF=PATH       that executable.
# With TF unset: $TF_ACC_TERRAFORM_PATH when it names an executable, else as TF=terraform.
# With --fallback: Terraform 1.5.7 built from source, whatever is on PATH (the CLI compatibility
# matrix tests the oldest supported version).
#
# Terraform 1.5.7 is the last version that builds with `go install`; it is built into the tools cache
# (scripts/tools-dir.sh), once per version (about two minutes). Progress goes to stderr so that
# stdout carries only the path.
set -euo pipefail

fallback_version="${TERRAFORM_FALLBACK_VERSION:-1.5.7}"
root="$(cd "$(dirname "$0")/.." && pwd)"

# shellcheck disable=SC2016 # expanded by the inner shell
build_fallback() {
	"${root}/scripts/cached-build.sh" "$("${root}/scripts/tools-dir.sh")/terraform/${fallback_version}" terraform \
		"Terraform ${fallback_version} from source (about two minutes)" \
		bash -c 'GOBIN="${OUT}" GOFLAGS=-mod=mod go install "github.com/hashicorp/terraform@v$1"' _ "${fallback_version}"
}

if [ "${1:-}" = "--fallback" ]; then
	build_fallback
	exit 0
fi

if [ -z "${TF:-}" ] && [ -n "${TF_ACC_TERRAFORM_PATH:-}" ] && [ -x "${TF_ACC_TERRAFORM_PATH}" ]; then
	echo "${TF_ACC_TERRAFORM_PATH}"
	exit 0
fi
case "${TF:-terraform}" in
terraform)
	command -v terraform 2>/dev/null || build_fallback
	;;
tofu)
	command -v tofu 2>/dev/null || "${root}/scripts/ensure-tofu.sh"
	;;
*)
	command -v "${TF}" 2>/dev/null || { echo "TF=${TF}: no such command; use TF=terraform, TF=tofu or the path of either" >&2; exit 2; }
	;;
esac
