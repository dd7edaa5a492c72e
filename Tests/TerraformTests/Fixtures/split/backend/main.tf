# The back end: the counter function and its HTTP API. The table lives in the database stack.
variable "table_name" {
  default = "visitors"
}

resource "aws_lambda_function" "counter" {
  function_name = "visitor-counter"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"
  role          = "arn:aws:iam::123456789012:role/counter"
  memory_size   = 512
  timeout       = 5
  environment {
    variables = {
      TABLE_NAME = var.table_name
    }
  }
}

resource "aws_apigatewayv2_api" "api" {
  name          = "counter"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_integration" "counter" {
  api_id                 = aws_apigatewayv2_api.api.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.counter.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.api.id
  name        = "$default"
  auto_deploy = true
  default_route_settings {
    throttling_rate_limit  = 20
    throttling_burst_limit = 40
  }
}
