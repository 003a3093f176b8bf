#!/usr/bin/env bash
# Prints a CLI configuration whose dev_overrides make Terraform, and OpenTofu, use the provider binary
# in the given directory instead of one from a registry: no `init`, no network. Terraform resolves
# the provider's source address under registry.terraform.io and OpenTofu under
# registry.opentofu.org, so both are overridden.
# Usage: scripts/dev-overrides-rc.sh DIR > cli.rc; export TF_CLI_CONFIG_FILE=cli.rc
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIRECTORY-WITH-THE-PROVIDER-BINARY" >&2; exit 2; }
cat <<HCL
provider_installation {
  dev_overrides {
    "registry.terraform.io/gzcommunity/gravityzone" = "$1"
    "registry.opentofu.org/gzcommunity/gravityzone" = "$1"
  }
  direct {}
}
HCL
