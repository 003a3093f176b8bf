#!/usr/bin/env bash
# `make demo`: the quickstart against a local simulator, from a fresh clone, with one command.
#
# It builds the provider and the simulator into a temporary folder, starts the simulator on a free
# loopback port, applies a temporary copy of examples/quickstart with a CLI configuration whose
# dev_overrides point at the built provider, feeds the simulator some usage for the current month,
# refreshes, destroys, and prints the outputs last. On the screen each command shows only what its
# plan does (one line per resource and the summary); everything the commands print goes to a log
# whose path the demo prints. Whatever happens (an error, Ctrl-C), the simulator is stopped and the
# temporary folder removed: nothing keeps running and nothing is left in the clone.
#
# TF=tofu runs it with OpenTofu instead of Terraform (see scripts/ensure-terraform.sh).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
export CHECKPOINT_DISABLE=1

step() { printf '\n==> %s\n' "$*"; }
fail() {
	printf 'demo: %s\n' "$*" >&2
	exit 1
}

command -v go >/dev/null || fail "Go is needed to build the provider and the simulator: https://go.dev/dl/"
command -v curl >/dev/null || fail "curl is needed to feed usage into the simulator; install it and run make demo again."

work="$(mktemp -d "${TMPDIR:-/tmp}/gravityzone-demo.XXXXXX")"
log="$(mktemp "${TMPDIR:-/tmp}/gravityzone-demo-log.XXXXXX")"
simulator_pid=""

# logged runs a command with its output appended to the log; when it fails, it shows the command's
# errors (or the end of its output) and the path of the log.
logged() {
	local out="${work}/last-command.out"
	printf '\n$ %s\n' "$*" >>"${log}"
	if "$@" >"${out}" 2>&1; then
		cat "${out}" >>"${log}"
		return 0
	fi
	cat "${out}" >>"${log}"
	if grep -q '^Error' "${out}"; then sed -n '/^Error/,$p' "${out}" >&2; else tail -n 30 "${out}" >&2; fi
	fail "$* failed; full log: ${log}"
}

# tf runs the CLI without colours, its output into the log, and shows what the plan did: one line
# per resource and the summary.
tf() {
	logged "${cli}" "$@" -no-color
	grep -E '^  # .* will be |^(Plan:|Apply complete|Destroy complete|No changes)' "${work}/last-command.out" || true
}

stop_simulator() {
	if [ -n "${simulator_pid}" ] && kill -0 "${simulator_pid}" 2>/dev/null; then
		kill -TERM "${simulator_pid}" 2>/dev/null || true
		for _ in $(seq 50); do
			kill -0 "${simulator_pid}" 2>/dev/null || break
			sleep 0.2
		done
		kill -KILL "${simulator_pid}" 2>/dev/null || true
		wait "${simulator_pid}" 2>/dev/null || true
	fi
	simulator_pid=""
}

# cleanup runs on every exit: it stops the simulator (politely, then not) and removes the temporary
# folder, keeping the exit status of what went before.
cleanup() {
	local status=$?
	trap - EXIT INT TERM
	stop_simulator
	if [ -f "${work}/simulator.log" ]; then
		printf '\n$ gravityzone-simulator (its log)\n' >>"${log}"
		cat "${work}/simulator.log" >>"${log}"
	fi
	rm -rf "${work}"
	if [ "${status}" -ne 0 ]; then
		printf '\ndemo: stopped (exit status %d); the simulator is stopped and the temporary files are removed. Full log: %s\n' "${status}" "${log}" >&2
	fi
	exit "${status}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "Full log of every command: ${log}"

step "Finding the CLI"
cli="$("${root}/scripts/ensure-terraform.sh")"
cli_name="$(basename "${cli}")"
echo "${cli} ($("${cli}" version 2>/dev/null | sed -n 1p))"

step "Building the provider and the simulator into ${work}/bin"
build() {
	cd "${root}"
	go build -trimpath -ldflags "-X main.version=dev" -o "${work}/bin/terraform-provider-gravityzone" .
	go build -trimpath -o "${work}/bin/gravityzone-simulator" ./cmd/gravityzone-simulator
}
logged build

step "Starting the simulator on a free loopback port"
"${work}/bin/gravityzone-simulator" --listen 127.0.0.1:0 >"${work}/simulator.env" 2>"${work}/simulator.log" &
simulator_pid=$!
for _ in $(seq 100); do
	grep -q '^GRAVITYZONE_ROOT_COMPANY_ID=' "${work}/simulator.env" && break
	if ! kill -0 "${simulator_pid}" 2>/dev/null; then
		cat "${work}/simulator.log" >&2
		fail "the simulator exited before it was ready"
	fi
	sleep 0.1
done
grep -q '^GRAVITYZONE_ROOT_COMPANY_ID=' "${work}/simulator.env" || fail "the simulator did not print its address within 10 seconds"
while IFS='=' read -r name value; do
	case "${name}" in
	GRAVITYZONE_API_URL | GRAVITYZONE_API_KEY | GRAVITYZONE_ROOT_COMPANY_ID) export "${name}=${value}" ;;
	esac
done <"${work}/simulator.env"
echo "pid ${simulator_pid}, GRAVITYZONE_API_URL=${GRAVITYZONE_API_URL}, root company ${GRAVITYZONE_ROOT_COMPANY_ID}"

# dev_overrides make the CLI use the provider just built instead of one from the registry, so no
# `init` (and no network) is needed; the CLI warns, in the log, that the overrides are in effect.
step "Copying examples/quickstart, with a CLI configuration whose dev_overrides name the built provider"
cp -R "${root}/examples/quickstart" "${work}/quickstart"
cd "${work}/quickstart"
"${root}/scripts/dev-overrides-rc.sh" "${work}/bin" >"${work}/cli.rc"
export TF_CLI_CONFIG_FILE="${work}/cli.rc"
export TF_IN_AUTOMATION=1
echo "${work}/quickstart, TF_CLI_CONFIG_FILE=${TF_CLI_CONFIG_FILE}"

step "${cli_name} apply: a partner, two customers and their subscriptions"
tf apply -auto-approve -input=false -compact-warnings

# Usage is what endpoints report during the month; the simulator takes it through an
# administrative endpoint at its root, beside /api.
simulator_root="${GRAVITYZONE_API_URL%/api}"
month="$(date -u +%m/%Y)"
step "Feeding this month's usage (${month}) for each customer into the simulator"
feed_usage() { # name id endpoints edr
	logged curl --fail-with-body --silent --show-error \
		--user "${GRAVITYZONE_API_KEY}:" --header 'Content-Type: application/json' \
		--data "{\"companyId\": \"$2\", \"month\": \"${month}\", \"usedSlots\": $3,
		         \"counters\": {\"endpointMonthlyUsage\": $3, \"edrMonthlyUsage\": $4, \"aLaCarteMonthlyUsage\": $3}}" \
		"${simulator_root}/_simulator/usage"
	echo "$1: $3 endpoints, $4 with EDR"
}
logged "${cli}" output -no-color -json customer_ids
# customer_ids is a flat JSON object {"name": "id", ...}.
while IFS=: read -r name id; do
	case "${name}" in
	Contoso) feed_usage "${name}" "${id}" 42 42 ;;
	*) feed_usage "${name}" "${id}" 17 0 ;;
	esac
done < <(tr -d '{}" \n' <"${work}/last-command.out" | tr ',' '\n' && echo)

step "${cli_name} apply -refresh-only: read the licences and the usage again"
tf apply -refresh-only -auto-approve -input=false -compact-warnings
logged "${cli}" output -no-color
cp "${work}/last-command.out" "${work}/outputs.txt"

step "${cli_name} destroy"
tf destroy -auto-approve -input=false -compact-warnings

step "Stopping the simulator"
stop_simulator
echo "stopped; the temporary folder ${work} is removed on exit"

step "The outputs, as they were before the destroy"
cat "${work}/outputs.txt"

printf '\nFull log of every command: %s\n' "${log}"
