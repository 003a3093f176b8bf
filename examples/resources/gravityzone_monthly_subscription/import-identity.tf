# By identity: the id of its company.
import {
  to = gravityzone_monthly_subscription.customer
  identity = {
    company_id = "5493dcd2b1a43df00b7b23c6"
  }
}
