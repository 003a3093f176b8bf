# A partner (a reseller under your company) and a customer under it.
resource "gravityzone_company" "partner" {
  name    = "Northwind IT"
  type    = "partner"
  country = "RO"
  phone   = "+40 21 000 0001"

  contact_person = {
    full_name    = "Ana Popescu"
    email        = "ana.popescu@northwind.example"
    phone_number = "+40 721 000 001"
    company_role = "Owner"
  }
}

resource "gravityzone_company" "customer" {
  name      = "Contoso"
  type      = "customer"
  parent_id = gravityzone_company.partner.id
  industry  = 28 # retail

  # Create-only: the first user of the company, who receives the welcome e-mail.
  account_email     = "it@contoso.example"
  account_full_name = "Contoso IT"
  account_timezone  = "Europe/Bucharest"
  account_language  = "en_US"

  # Starts on a 45-day monthly-subscription trial; gravityzone_monthly_subscription converts it.
  license_type = "monthly_subscription_trial"

  # Set to false, and apply, before a company may be destroyed.
  deletion_protection = true
}
