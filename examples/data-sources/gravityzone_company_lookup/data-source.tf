# Find a company by its exact, case-sensitive name, for example to attach a subscription to a
# company that Terraform does not manage.
data "gravityzone_company_lookup" "contoso" {
  name = "Contoso"
}

output "contoso_id" {
  value = data.gravityzone_company_lookup.contoso.id
}
