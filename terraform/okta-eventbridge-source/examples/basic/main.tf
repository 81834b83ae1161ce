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

variable "bronto_api_key" {
  type        = string
  sensitive   = true
  description = "Set TF_VAR_bronto_api_key."
}

module "okta_source" {
  source            = "../.."
  name              = "okta-logs"
  okta_org_name     = "acme"
  event_source_name = "okta_logs"
  aws_account_id    = "123456789012"
  aws_region        = "eu-west-1"
}

module "bronto" {
  source          = "../../../bronto"
  name            = "okta-logs-bronto"
  event_bus_name  = module.okta_source.partner_event_bus_name
  alarm_topic_arn = module.okta_source.alarm_topic_arn
  bronto_region   = "eu"
  collection      = "okta-prod"
  bronto_api_key  = var.bronto_api_key
}

module "cloudwatch_logs" {
  source          = "../../../cloudwatch-logs"
  name            = "okta-logs-archive"
  event_bus_name  = module.okta_source.partner_event_bus_name
  alarm_topic_arn = module.okta_source.alarm_topic_arn
}
