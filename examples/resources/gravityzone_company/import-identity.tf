# By identity: the company's id.
import {
  to = gravityzone_company.customer
  identity = {
    id = "5493dcd2b1a43df00b7b23c6"
  }
}
