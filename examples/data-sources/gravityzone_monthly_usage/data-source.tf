# This month's usage of the API key's own company. A partner's usage includes the usage of every
# company below it.
data "gravityzone_monthly_usage" "current" {}

# One customer's usage for a past month.
data "gravityzone_company_lookup" "acme" {
  name = "Acme Ltd"
}

data "gravityzone_monthly_usage" "acme_march" {
  company_id = data.gravityzone_company_lookup.acme.id
  month      = "2025-03"
}

output "acme_march_invoice_lines" {
  value = {
    endpoints = data.gravityzone_monthly_usage.acme_march.endpoints
    edr       = data.gravityzone_monthly_usage.acme_march.edr
    vdi_hours = data.gravityzone_monthly_usage.acme_march.sve_vdi_hours
  }
}

# Every counter the API returned, under its API name, including ones the provider has no
# attribute for yet.
output "counters_in_use" {
  value = { for name, value in data.gravityzone_monthly_usage.current.counters : name => value if value > 0 }
}
