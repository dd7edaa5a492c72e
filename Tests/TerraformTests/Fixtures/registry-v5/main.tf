# A site on terraform-aws-modules at apigateway-v2 v5, no throttle written: the module's own
# route defaults (1,000 requests a second, burst 500) apply.
module "counter_lambda" {
  source        = "terraform-aws-modules/lambda/aws"
  version       = "~> 7.0"
  function_name = "counter"
  handler       = "app.handler"
  runtime       = "python3.12"
  environment_variables = {
    TABLE_NAME = "visitors"
  }
}

module "api" {
  source        = "terraform-aws-modules/apigateway-v2/aws"
  version       = "~> 5.0"
  name          = "counter"
  protocol_type = "HTTP"
  routes = {
    "POST /count" = {
      integration = {
        uri                    = module.counter_lambda.lambda_function_arn
        payload_format_version = "2.0"
      }
    }
  }
}
