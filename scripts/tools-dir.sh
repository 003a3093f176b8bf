#!/usr/bin/env bash
# Prints the directory where pinned tools (linters, doc and release tools, Terraform and OpenTofu
# built from source) are kept, one file or folder per version. It lies outside the clone, so a new
# clone on the same machine reuses them. Override with GRAVITYZONE_TOOLS_DIR.
set -euo pipefail
echo "${GRAVITYZONE_TOOLS_DIR:-${XDG_CACHE_HOME:-${HOME}/.cache}/terraform-provider-gravityzone/tools}"
