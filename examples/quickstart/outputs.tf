output "customer_ids" {
  description = "Each customer's company id."
  value       = { for name, company in gravityzone_company.customer : name => company.id }
}

output "customer_licences" {
  description = "Each customer's licence and the add-ons it has, as GravityZone reports them."
  value = {
    for name, licence in data.gravityzone_license_info.customer : name => {
      subscription = licence.subscription_type
      add_ons = sort(concat(
        [for addon, on in licence.own_use : addon if on],
        licence.full_disk_encryption ? ["full_disk_encryption"] : [],
        licence.patch_management ? ["patch_management"] : [],
      ))
    }
  }
}

output "usage_this_month" {
  description = "Endpoints and EDR per customer this month, and the partner's total (its own plus its customers')."
  value = {
    month = data.gravityzone_monthly_usage.partner.month
    customers = {
      for name, usage in data.gravityzone_monthly_usage.customer : name => {
        endpoints = usage.endpoints
        edr       = usage.edr
      }
    }
    partner_total_endpoints = data.gravityzone_monthly_usage.partner.endpoints
  }
}
