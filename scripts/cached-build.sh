#!/usr/bin/env bash
# Prints DIR/BINARY, building it first when it is not there yet: BUILD-COMMAND runs with $OUT set to
# an empty folder in which it must leave BINARY. Its output (the go command's line per module it
# downloads, for one) goes to DIR/build.log, shown only when it fails; the binary is moved into place
# once built, so that a build cut short, or two at once, never leave a broken one behind.
# Usage: scripts/cached-build.sh DIR BINARY DESCRIPTION BUILD-COMMAND [ARGS...]
set -euo pipefail
[ $# -ge 4 ] || { echo "usage: $0 DIR BINARY DESCRIPTION BUILD-COMMAND [ARGS...]" >&2; exit 2; }
dir="$1" binary="$2" description="$3"
shift 3

if [ ! -x "${dir}/${binary}" ]; then
	log="${dir}/build.log"
	echo "Building ${description} into ${dir}, once (log: ${log})..." >&2
	mkdir -p "${dir}"
	OUT="$(mktemp -d "${dir}/build.XXXXXX")"
	export OUT
	trap 'rm -rf "${OUT}"' EXIT
	if ! "$@" >"${log}" 2>&1; then
		tail -n 20 "${log}" >&2
		exit 1
	fi
	mv -f "${OUT}/${binary}" "${dir}/${binary}"
fi
echo "${dir}/${binary}"
