resource "gravityzone_company" "partner" {
  name = "Northwind IT"
  type = "partner"
}

resource "gravityzone_company" "customer" {
  name      = "Contoso"
  type      = "customer"
  parent_id = gravityzone_company.partner.id
}

# A partner that reserves 200 seats until the end of 2030 and resells EDR and XDR, and the
# aLaCarte model besides its own mspSecure, to its clients.
resource "gravityzone_monthly_subscription" "partner" {
  company_id               = gravityzone_company.partner.id
  reserved_slots           = 200
  end_subscription         = "2030-12-31"
  protection_model         = "mspSecure"
  resell_protection_models = ["aLaCarte", "mspSecure"]

  resell = {
    edr = true
    xdr = true
  }

  mdr = {
    resell = true
  }
}

# A customer of that partner, billed on usage, with EDR (HyperDetect and Sandbox Analyzer come
# with it) and Patch Management. Every add-on not named here is off.
resource "gravityzone_monthly_subscription" "customer" {
  company_id       = gravityzone_company.customer.id
  protection_model = "aLaCarte"
  patch_management = true

  own_use = {
    edr = true
  }

  # A company can only use what its parent resells: set the partner up first.
  depends_on = [gravityzone_monthly_subscription.partner]
}
