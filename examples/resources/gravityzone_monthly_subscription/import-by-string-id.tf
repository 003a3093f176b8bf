# By the id of its company.
import {
  to = gravityzone_monthly_subscription.customer
  id = "5493dcd2b1a43df00b7b23c6"
}

# By the exact name of its company.
import {
  to = gravityzone_monthly_subscription.contoso
  id = "name=Contoso"
}

# By the name of its company, through a lookup (an expression as the id needs Terraform 1.6 or later).
data "gravityzone_company_lookup" "partner" {
  name = "Northwind IT"
}

import {
  to = gravityzone_monthly_subscription.partner
  id = data.gravityzone_company_lookup.partner.id
}
