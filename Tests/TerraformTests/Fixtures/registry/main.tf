# Built from the terraform-aws-modules registry modules, with most settings left to their defaults.
module "counter_lambda" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 7.0"

  function_name = "visitor-counter"
  handler       = "index.handler"
  runtime       = "python3.12"
  source_path   = "./src"
  timeout       = 5

  environment_variables = {
    TABLE = module.visitors.dynamodb_table_id
  }
}

module "visitors" {
  source   = "terraform-aws-modules/dynamodb-table/aws"
  name     = "visitors"
  hash_key = "id"
  attributes = [{ name = "id", type = "S" }]
}

module "api" {
  source        = "terraform-aws-modules/apigateway-v2/aws"
  name          = "counter"
  protocol_type = "HTTP"
  stage_default_route_settings = {
    throttling_rate_limit  = 20
    throttling_burst_limit = 10
  }
  routes = {
    "POST /count" = {
      integration = {
        uri                    = module.counter_lambda.lambda_function_arn
        payload_format_version = "2.0"
      }
    }
  }
}

module "cdn" {
  source      = "terraform-aws-modules/cloudfront/aws"
  price_class = "PriceClass_200"
  default_cache_behavior = {
    target_origin_id       = "s3"
    viewer_protocol_policy = "redirect-to-https"
    cache_policy_id        = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
  }
}
