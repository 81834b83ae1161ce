terraform {
  required_version = ">= 1.10.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.25.0, < 7.0.0"
    }
    okta = {
      source  = "okta/okta"
      version = ">= 6.6.0, < 7.0.0"
    }
    time = {
      source  = "hashicorp/time"
      version = ">= 0.13.1, < 1.0.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
  allowed_account_ids = [
    "123456789012",
  ]
}

provider "okta" {
  org_name = "acme"
  base_url = "okta.com"
}

variable "siem_api_key" {
  type        = string
  sensitive   = true
  description = "Set TF_VAR_siem_api_key."
}

module "okta_source" {
  source            = "../../../okta-eventbridge-source"
  name              = "okta-logs"
  okta_org_name     = "acme"
  event_source_name = "okta_logs"
  aws_account_id    = "123456789012"
  aws_region        = "eu-west-1"
}

module "https" {
  source          = "../.."
  name            = "okta-logs-https"
  event_bus_name  = module.okta_source.partner_event_bus_name
  alarm_topic_arn = module.okta_source.alarm_topic_arn
  endpoint        = "https://collector.example.com/v1/okta"
  api_key_header  = "X-Api-Key"
  https_api_key   = var.siem_api_key
}
