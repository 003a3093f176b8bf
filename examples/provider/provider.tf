terraform {
  required_providers {
    gravityzone = {
      source  = "gzcommunity/gravityzone"
      version = "~> 0.2"
    }
  }
}

# The key and URL usually come from GRAVITYZONE_API_KEY and GRAVITYZONE_API_URL.
provider "gravityzone" {
  api_url = "https://cloudgz.gravityzone.bitdefender.com/api" # your console's Access URL
}
