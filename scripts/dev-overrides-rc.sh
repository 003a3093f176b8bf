#!/usr/bin/env bash
# Prints a Terraform CLI configuration whose dev_overrides make Terraform use the provider binary in
# the given directory instead of one from the registry: no `terraform init`, no network.
# Usage: scripts/dev-overrides-rc.sh DIR > terraform.rc; export TF_CLI_CONFIG_FILE=terraform.rc
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIRECTORY-WITH-THE-PROVIDER-BINARY" >&2; exit 2; }
cat <<HCL
provider_installation {
  dev_overrides {
    "registry.terraform.io/gzcommunity/gravityzone" = "$1"
  }
  direct {}
}
HCL
