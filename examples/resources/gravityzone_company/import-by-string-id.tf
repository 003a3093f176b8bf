# By the company's API id (24 hexadecimal characters, not the company hash shown in Control Center).
import {
  to = gravityzone_company.customer
  id = "5493dcd2b1a43df00b7b23c6"
}

# By its exact, case-sensitive name.
import {
  to = gravityzone_company.partner
  id = "name=Northwind IT"
}
