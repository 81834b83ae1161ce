terraform {
  required_version = ">= 1.10.0"
  required_providers {
    okta = {
      source  = "okta/okta"
      version = ">= 6.6.0, < 7.0.0"
    }
  }
}

provider "okta" {
  org_name = "acme"
  base_url = "okta.com"
}

module "oort" {
  source         = "../.."
  name           = "okta-oort"
  integration_id = "a1b2c3d4e5f6"
}
