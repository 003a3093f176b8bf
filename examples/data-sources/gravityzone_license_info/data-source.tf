data "gravityzone_company_lookup" "customer" {
  name = "Contoso"
}

data "gravityzone_license_info" "customer" {
  company_id = data.gravityzone_company_lookup.customer.id
}

output "customer_seats" {
  value = {
    licence = data.gravityzone_license_info.customer.subscription_type
    used    = data.gravityzone_license_info.customer.used_slots
    total   = data.gravityzone_license_info.customer.total_slots # null: unlimited
  }
}
