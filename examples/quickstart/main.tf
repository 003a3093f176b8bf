# The quickstart: what `make demo` applies against the local GravityZone simulator.
#
# It needs no GravityZone account. The provider reads GRAVITYZONE_API_URL and GRAVITYZONE_API_KEY,
# which `make demo` takes from the simulator it starts; export your own console's values to run it
# against GravityZone instead (it then only reads data).

terraform {
  required_providers {
    gravityzone = {
      source = "gzcommunity/gravityzone"
    }
  }
}

provider "gravityzone" {}

# Usage: this month's numbers for the API key's own company, the root partner. A partner's usage
# includes the usage of every company below it, so this is what the whole tree bills this month.
data "gravityzone_monthly_usage" "this_month" {}
