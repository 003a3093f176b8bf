# Billing: last month's usage and the licence of every customer of one partner, as one table.
#
# It only reads: no resource, nothing written to GravityZone. Run `terraform apply` (or
# `terraform plan`) and read the `billing` output. The provider reads GRAVITYZONE_API_URL and
# GRAVITYZONE_API_KEY; see the guide "Adopting an existing company tree".

terraform {
  required_version = ">= 1.5.0" # plantimestamp()
  required_providers {
    gravityzone = {
      source = "gzcommunity/gravityzone"
    }
  }
}

provider "gravityzone" {}

variable "partner_id" {
  description = "The partner whose customers are billed. Null: the API key's own company."
  type        = string
  default     = null
}

variable "month" {
  description = "The month billed, YYYY-MM. Null: last month (in UTC)."
  type        = string
  default     = null
}

data "gravityzone_companies" "customers" {
  parent_id = var.partner_id
  type      = "customer"
}

locals {
  # The first day of this month, minus one day, is in last month.
  month     = coalesce(var.month, formatdate("YYYY-MM", timeadd(formatdate("YYYY-MM-01'T'00:00:00Z", plantimestamp()), "-24h")))
  customers = data.gravityzone_companies.customers.ids_by_name
}

data "gravityzone_monthly_usage" "customer" {
  for_each   = local.customers
  company_id = each.value
  month      = local.month
}

data "gravityzone_license_info" "customer" {
  for_each   = local.customers
  company_id = each.value
}
