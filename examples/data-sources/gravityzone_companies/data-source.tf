# Every company below the API key's company, partners followed by their customers.
data "gravityzone_companies" "tree" {
  recursive = true
}

# Only the direct customers of one partner.
data "gravityzone_companies" "northwind_customers" {
  parent_id = "5493dcd2b1a43df00b7b23c6"
  type      = "customer"
}

output "customer_ids" {
  value = data.gravityzone_companies.northwind_customers.ids_by_name
}
