variable "memory" {
  type = number
}

variable "reserved" {
  type    = number
  default = -1
}

resource "aws_lambda_function" "counter" {
  function_name                  = "counter-${terraform.workspace}"
  runtime                        = "python3.12"
  handler                        = "app.handler"
  filename                       = "app.zip"
  role                           = "arn:aws:iam::123456789012:role/r"
  memory_size                    = var.memory
  reserved_concurrent_executions = var.reserved
}

resource "aws_lambda_function_url" "url" {
  function_name = aws_lambda_function.counter.function_name
  authorization_type = "NONE"
}
