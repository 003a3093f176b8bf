output "usage_month" {
  description = "The month the usage is for (the current month in UTC)."
  value       = data.gravityzone_monthly_usage.this_month.month
}

output "endpoints" {
  description = "Endpoint Security usage of all endpoints this month."
  value       = data.gravityzone_monthly_usage.this_month.endpoints
}

output "edr" {
  description = "EDR usage this month."
  value       = data.gravityzone_monthly_usage.this_month.edr
}

output "counters_in_use" {
  description = "Every counter with usage this month, under its API name, including counters the provider has no attribute for."
  value = {
    for name, value in data.gravityzone_monthly_usage.this_month.counters : name => value if value > 0
  }
}
