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

variable "splunk_hec_token" {
  type        = string
  sensitive   = true
  description = "Set TF_VAR_splunk_hec_token."
}

module "splunk" {
  source           = "../.."
  name             = "okta-splunk"
  host             = "acme.splunkcloud.com"
  edition          = "aws"
  splunk_hec_token = var.splunk_hec_token
}
