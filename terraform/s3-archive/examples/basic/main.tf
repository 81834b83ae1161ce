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

module "okta_source" {
  source            = "../../../okta-eventbridge-source"
  name              = "okta-logs"
  okta_org_name     = "acme"
  event_source_name = "okta_logs"
  aws_account_id    = "123456789012"
  aws_region        = "eu-west-1"
}

module "s3_archive" {
  source                        = "../.."
  name                          = "okta-logs-s3-archive"
  event_bus_name                = module.okta_source.partner_event_bus_name
  alarm_topic_arn               = module.okta_source.alarm_topic_arn
  bucket_name                   = "acme-okta-archive"
  transition_to_glacier_days    = 90
  expiration_days               = 2557
  kms_key_arn                   = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  dead_letter_queue_kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:alias/okta-logs"
}
