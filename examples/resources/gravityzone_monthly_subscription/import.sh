# A monthly subscription is imported by the ID of its company.
terraform import gravityzone_monthly_subscription.customer 5493dcd2b1a43df00b7b23c6
