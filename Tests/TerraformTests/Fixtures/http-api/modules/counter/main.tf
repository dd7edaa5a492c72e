variable "memory_size" {
  type    = number
  default = 128
}

variable "table_name" {
  type = string
}

// The counter function, arm64, its own concurrency cap.
resource "aws_lambda_function" "this" {
  function_name                  = "visitor-counter"
  role                           = "arn:aws:iam::123456789012:role/counter"
  runtime                        = "python3.12"
  handler                        = "app.handler"
  filename                       = "counter.zip"
  memory_size                    = var.memory_size
  architectures                  = ["arm64"]
  reserved_concurrent_executions = 20
  environment {
    variables = {
      TABLE = var.table_name
    }
  }
  description = <<-EOT
    Counts visitors.
    Called by the HTTP API.
  EOT
}

output "invoke_arn" {
  value = aws_lambda_function.this.invoke_arn
}
