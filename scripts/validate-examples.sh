#!/usr/bin/env bash
# Runs `terraform validate` on every example directory against the provider built from this tree,
# through dev_overrides (no registry, no init). Examples in the registry layout carry no
# required_providers block, so a copy of each gets one.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
terraform="$("${root}/scripts/ensure-terraform.sh")"
work="$(mktemp -d "${TMPDIR:-/tmp}/gravityzone-examples.XXXXXX")"
trap 'rm -rf "${work}"' EXIT

go build -o "${work}/bin/terraform-provider-gravityzone" "${root}"
"${root}/scripts/dev-overrides-rc.sh" "${work}/bin" >"${work}/terraform.rc"
export TF_CLI_CONFIG_FILE="${work}/terraform.rc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1

failed=0
while IFS= read -r dir; do
	rel="${dir#"${root}"/}"
	copy="${work}/examples/${rel}"
	mkdir -p "${copy}"
	cp "${dir}"/*.tf "${copy}/"
	if ! grep -qs 'required_providers' "${copy}"/*.tf; then
		cat >"${copy}/zz_required_providers.tf" <<'HCL'
terraform {
  required_providers {
    gravityzone = { source = "gzcommunity/gravityzone" }
  }
}
HCL
	fi
	if output="$(cd "${copy}" && "${terraform}" validate -no-color 2>&1)"; then
		echo "valid: ${rel}"
	else
		echo "INVALID: ${rel}"
		echo "${output}" | grep -v 'dev_overrides\|Provider development overrides' >&2
		failed=1
	fi
done < <(find "${root}/examples" -name '*.tf' -printf '%h\n' | sort -u)
exit "${failed}"
