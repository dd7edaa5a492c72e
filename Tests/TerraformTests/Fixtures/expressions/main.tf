# HCL as these repositories write it: for expressions (list, map, if, grouping), unary
# operators, splats, and the common functions, all feeding the counter's settings.
variable "small" {
  default = false
}

locals {
  sizes    = { small = 128, large = 1024 }
  doubled  = [for s in [1, 2, 3] : s * 2 if s > 1]
  by_name  = { for k, v in local.sizes : "${k}-mb" => v }
  grouped  = { for v in ["a", "b", "a"] : v => v... }
  settings = jsondecode(file("${path.module}/settings.json"))
  routes   = flatten([["GET /count"], [["POST /count"]]])
  names    = distinct(compact(["counter", "", "counter", "site"]))
}

resource "aws_lambda_function" "counter" {
  function_name                  = local.names[0]
  memory_size                    = !var.small ? local.by_name["large-mb"] : -(-128)
  timeout                        = length(local.doubled) + local.doubled[1]
  reserved_concurrent_executions = length(local.grouped["a"]) * local.settings.concurrency_factor
  environment {
    variables = {
      TABLE_NAME = aws_dynamodb_table.visitors.name
      ROUTES     = join(",", local.routes)
    }
  }
}

resource "aws_lambda_function_url" "counter" {
  function_name      = aws_lambda_function.counter.function_name
  authorization_type = "NONE"
}

resource "aws_dynamodb_table" "visitors" {
  name         = "visitors"
  billing_mode = contains(keys(local.settings), "provisioned") ? "PROVISIONED" : "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
