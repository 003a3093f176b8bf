#!/usr/bin/env bash
# Runs the acceptance tests with the Terraform or OpenTofu CLI at the given path, in the environment
# that CLI needs: OpenTofu resolves a provider's short name under registry.opentofu.org, so the test
# framework must attach the provider under that host too.
# Usage: scripts/testacc.sh CLI-PATH [go test flags...]
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 CLI-PATH [go test flags...]" >&2; exit 2; }
cli="$1"
shift

version="$("${cli}" version 2>/dev/null | sed -n 1p)"
host=registry.terraform.io
case "${version}" in
OpenTofu*) host=registry.opentofu.org ;;
esac
echo "=== acceptance tests with ${version} (${cli})"
TF_ACC=1 TF_ACC_TERRAFORM_PATH="${cli}" TF_ACC_PROVIDER_HOST="${host}" \
	go test -count=1 -timeout 30m "$@" ./internal/provider/...
