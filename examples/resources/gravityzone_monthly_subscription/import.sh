# A monthly subscription is imported by the ID of its company, or by its company's exact name.
terraform import gravityzone_monthly_subscription.customer 5493dcd2b1a43df00b7b23c6
terraform import gravityzone_monthly_subscription.customer name=Contoso
