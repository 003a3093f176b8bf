# By the company's API id (24 hexadecimal characters, not the company hash shown in Control Center):
terraform import gravityzone_company.customer 5493dcd2b1a43df00b7b23c6

# By its exact, case-sensitive name:
terraform import gravityzone_company.customer 'name=Contoso'
