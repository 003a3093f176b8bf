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

# Import by identity needs Terraform 1.12, and the identity examples import the same addresses as
# the import-by-string-id ones: each import-identity.tf is validated apart, with the resource example,
# by a CLI that has identity.
identity_example=import-identity.tf
cli_version="$("${terraform}" version -json | sed -n 's/.*"terraform_version": *"\([0-9]*\)\.\([0-9]*\)\..*/\1 \2/p')"
read -r major minor <<<"${cli_version}"
has_identity=false
if [ "${major}" -gt 1 ] || [ "${minor}" -ge 12 ]; then has_identity=true; fi

failed=0
# validate LABEL FILE...: terraform validate on a copy of the files, with a required_providers block
# when they have none (examples in the registry layout carry none).
validate() {
	local label="$1" copy="${work}/examples/$1" output
	shift
	mkdir -p "${copy}"
	cp "$@" "${copy}/"
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
		echo "valid: ${label}"
	else
		echo "INVALID: ${label}"
		echo "${output}" | grep -v 'dev_overrides\|Provider development overrides' >&2
		failed=1
	fi
}

while IFS= read -r dir; do
	rel="${dir#"${root}"/}"
	mapfile -t files < <(find "${dir}" -maxdepth 1 -name '*.tf' ! -name "${identity_example}" | sort)
	validate "${rel}" "${files[@]}"
	if [ -f "${dir}/${identity_example}" ]; then
		if ${has_identity}; then
			validate "${rel}/${identity_example}" "${dir}"/resource*.tf "${dir}/${identity_example}"
		else
			echo "skipped: ${rel}/${identity_example} (import by identity needs Terraform 1.12; this is ${major}.${minor})"
		fi
	fi
done < <(find "${root}/examples" -name '*.tf' -printf '%h\n' | sort -u)
exit "${failed}"
