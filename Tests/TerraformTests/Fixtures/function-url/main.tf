terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

resource "aws_lambda_function" "counter" {
  function_name = "counter"
  runtime       = "python3.12"
  handler       = "main.handler"
  filename      = "main.zip"
  role          = "arn:aws:iam::123456789012:role/r"
  memory_size   = 256
  timeout       = 10
}

resource "aws_lambda_provisioned_concurrency_config" "warm" {
  function_name                     = aws_lambda_function.counter.function_name
  provisioned_concurrent_executions = 2
  qualifier                         = "live"
}

resource "aws_lambda_function_url" "counter" {
  function_name      = aws_lambda_function.counter.function_name
  authorization_type = "NONE"
  cors {
    allow_origins = ["*"]
  }
}

resource "aws_dynamodb_table" "counter" {
  name         = "counter"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
