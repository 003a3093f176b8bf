# The quickstart: what `make demo` applies against the local GravityZone simulator.
#
# It needs no GravityZone account. The provider reads GRAVITYZONE_API_URL and GRAVITYZONE_API_KEY,
# which `make demo` takes from the simulator it starts.

terraform {
  required_providers {
    gravityzone = {
      source = "gzcommunity/gravityzone"
    }
  }
}

provider "gravityzone" {}

# A reseller (partner) under the API key's company, allowed to resell EDR and the aLaCarte model.
resource "gravityzone_company" "partner" {
  name = "Northwind IT"
  type = "partner"

  # The demo destroys what it creates. Leave protection on (the default) for real companies.
  deletion_protection = false
}

resource "gravityzone_monthly_subscription" "partner" {
  company_id       = gravityzone_company.partner.id
  protection_model = "aLaCarte"
  resell = {
    edr = true
  }
}

# Its customers, each with the add-ons it pays for. Add a line to onboard one more.
locals {
  customers = {
    "Contoso"  = { edr = true, encryption = true, patch_management = false }
    "Fabrikam" = { edr = false, encryption = false, patch_management = true }
  }
}

resource "gravityzone_company" "customer" {
  for_each  = local.customers
  name      = each.key
  type      = "customer"
  parent_id = gravityzone_company.partner.id

  deletion_protection = false
}

resource "gravityzone_monthly_subscription" "customer" {
  for_each   = local.customers
  company_id = gravityzone_company.customer[each.key].id

  protection_model     = "aLaCarte"
  full_disk_encryption = each.value.encryption
  patch_management     = each.value.patch_management
  own_use = {
    edr = each.value.edr # HyperDetect and Sandbox Analyzer come with EDR: the plan shows them
  }

  # A company can only use what its parent resells.
  depends_on = [gravityzone_monthly_subscription.partner]
}

# What each customer's licence looks like now, as GravityZone reports it.
data "gravityzone_license_info" "customer" {
  for_each   = gravityzone_monthly_subscription.customer
  company_id = each.value.company_id
}

# This month's usage (current UTC month), per customer and for the partner (which includes its
# customers'). Usage appears once endpoints report; `make demo` feeds some into the simulator.
data "gravityzone_monthly_usage" "customer" {
  for_each   = gravityzone_company.customer
  company_id = each.value.id
}

data "gravityzone_monthly_usage" "partner" {
  company_id = gravityzone_company.partner.id
}
