#!/usr/bin/env bash
# `make demo`: the quickstart against a local simulator, from a fresh clone, with one command.
#
# It builds the provider and the simulator into a temporary folder, starts the simulator on a free
# loopback port, feeds it some usage for the current month, applies a temporary copy of
# examples/quickstart with a Terraform CLI configuration whose dev_overrides point at the built
# provider, prints the outputs and destroys. Whatever happens (an error, Ctrl-C), the simulator is
# stopped and the temporary folder removed: nothing keeps running and nothing is left in the clone.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
export CHECKPOINT_DISABLE=1

step() { printf '\n==> %s\n' "$*"; }
fail() {
	printf 'demo: %s\n' "$*" >&2
	exit 1
}
# tf runs terraform, with colours only on a terminal so that a log of the demo stays readable.
tf() {
	if [ -t 1 ]; then
		"${terraform}" "$@"
	else
		"${terraform}" "$@" -no-color
	fi
}

command -v go >/dev/null || fail "Go is needed to build the provider and the simulator: https://go.dev/dl/"
command -v curl >/dev/null || fail "curl is needed to feed usage into the simulator; install it and run make demo again."

work="$(mktemp -d "${TMPDIR:-/tmp}/gravityzone-demo.XXXXXX")"
simulator_pid=""

# cleanup runs on every exit: it stops the simulator (politely, then not) and removes the temporary
# folder, keeping the exit status of what went before.
cleanup() {
	local status=$?
	trap - EXIT INT TERM
	if [ -n "${simulator_pid}" ] && kill -0 "${simulator_pid}" 2>/dev/null; then
		step "Stopping the simulator (pid ${simulator_pid})"
		kill -TERM "${simulator_pid}" 2>/dev/null || true
		for _ in $(seq 50); do
			kill -0 "${simulator_pid}" 2>/dev/null || break
			sleep 0.2
		done
		kill -KILL "${simulator_pid}" 2>/dev/null || true
		wait "${simulator_pid}" 2>/dev/null || true
	fi
	rm -rf "${work}"
	if [ "${status}" -eq 0 ]; then
		step "Done: the simulator is stopped and the temporary files are removed"
	else
		printf '\ndemo: stopped (exit status %d); the simulator is stopped and the temporary files are removed.\n' "${status}" >&2
	fi
	exit "${status}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "Finding terraform"
terraform="$("${root}/scripts/ensure-terraform.sh")"
echo "${terraform} ($("${terraform}" version 2>/dev/null | head -n1))"

step "Building the provider and the simulator into ${work}/bin"
(
	cd "${root}"
	go build -trimpath -ldflags "-X main.version=dev" -o "${work}/bin/terraform-provider-gravityzone" .
	go build -trimpath -o "${work}/bin/gravityzone-simulator" ./cmd/gravityzone-simulator
)

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

step "Copying examples/quickstart to a temporary folder"
cp -R "${root}/examples/quickstart" "${work}/quickstart"
cd "${work}/quickstart"
echo "${work}/quickstart"

# dev_overrides make Terraform use the provider just built instead of one from the registry, so no
# `terraform init` (and no network) is needed; Terraform warns that the overrides are in effect.
step "Writing a Terraform CLI configuration with dev_overrides for the built provider"
"${root}/scripts/dev-overrides-rc.sh" "${work}/bin" >"${work}/terraform.rc"
export TF_CLI_CONFIG_FILE="${work}/terraform.rc"
export TF_IN_AUTOMATION=1
echo "TF_CLI_CONFIG_FILE=${TF_CLI_CONFIG_FILE}"

step "terraform apply: a partner, two customers and their subscriptions"
tf apply -auto-approve -input=false -compact-warnings

# Usage is what endpoints report during the month; the simulator takes it through an
# administrative endpoint at its root, beside /api.
simulator_root="${GRAVITYZONE_API_URL%/api}"
month="$(date -u +%m/%Y)"
step "Feeding this month's usage (${month}) for each customer into the simulator"
feed_usage() { # name id endpoints edr
	curl --fail-with-body --silent --show-error --output /dev/null \
		--user "${GRAVITYZONE_API_KEY}:" --header 'Content-Type: application/json' \
		--data "{\"companyId\": \"$2\", \"month\": \"${month}\", \"usedSlots\": $3,
		         \"counters\": {\"endpointMonthlyUsage\": $3, \"edrMonthlyUsage\": $4, \"aLaCarteMonthlyUsage\": $3}}" \
		"${simulator_root}/_simulator/usage"
	echo "$1: $3 endpoints, $4 with EDR"
}
# customer_ids is a flat JSON object {"name": "id", ...}.
while IFS=: read -r name id; do
	case "${name}" in
	Contoso) feed_usage "${name}" "${id}" 42 42 ;;
	*) feed_usage "${name}" "${id}" 17 0 ;;
	esac
done < <(tf output -json customer_ids | tr -d '{}" \n' | tr ',' '\n' && echo)

step "terraform apply -refresh-only: read the licences and the usage again"
tf apply -refresh-only -auto-approve -input=false -compact-warnings >/dev/null

step "terraform output"
tf output

step "terraform destroy"
tf destroy -auto-approve -input=false -compact-warnings
