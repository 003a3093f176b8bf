locals {
  columns = ["endpoints", "msp_secure", "edr", "patch_management", "email_security"]
  rows = {
    for name, id in local.customers : name => {
      licence  = data.gravityzone_license_info.customer[name].subscription_type
      reserved = coalesce(data.gravityzone_license_info.customer[name].reserved_slots, 0)
      usage    = { for column in local.columns : column => coalesce(data.gravityzone_monthly_usage.customer[name][column], 0) }
    }
  }
  totals = {
    for column in local.columns : column => sum(concat([0], [for row in values(local.rows) : row.usage[column]]))
  }
  line = "%-30s %-22s %8s %10s %10s %8s %16s %14s"
}

output "month" {
  description = "The month billed."
  value       = local.month
}

output "billing" {
  description = "One line per customer, then the totals."
  value = join("\n", concat(
    [format(local.line, "customer", "licence", "reserved", local.columns...)],
    [for name, row in local.rows : format(local.line, name, row.licence, tostring(row.reserved), [for column in local.columns : tostring(row.usage[column])]...)],
    [format(local.line, "TOTAL", "", "", [for column in local.columns : tostring(local.totals[column])]...)],
  ))
}

output "totals" {
  description = "The sum of each column over the customers, for scripts."
  value       = local.totals
}
