/* The classic serverless resume site: CloudFront in front of S3, an HTTP API calling a
   Python Lambda that bumps a DynamoDB counter. */
locals {
  name        = "resume-${var.env}"
  rate_limit  = lookup(var.throttle, var.env, 10)
  burst_limit = coalesce(null, local.rate_limit * 2)
  site_dir    = "${path.module}/site"
}

module "counter" {
  source      = "./modules/counter"
  memory_size = var.memory_mb
  table_name  = aws_dynamodb_table.visitors.name
}

resource "aws_dynamodb_table" "visitors" {
  name         = "${local.name}-visitors"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_apigatewayv2_api" "api" {
  name          = "${local.name}-api"
  protocol_type = "HTTP"
  cors_configuration {
    allow_origins = ["https://example.com"]
    allow_methods = ["GET", "POST"]
  }
}

resource "aws_apigatewayv2_integration" "counter" {
  api_id                 = aws_apigatewayv2_api.api.id
  integration_type       = "AWS_PROXY"
  integration_uri        = module.counter.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "count" {
  api_id    = aws_apigatewayv2_api.api.id
  route_key = "POST /count"
  target    = "integrations/${aws_apigatewayv2_integration.counter.id}"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.api.id
  name        = "$default"
  auto_deploy = true
  default_route_settings {
    throttling_rate_limit  = local.rate_limit
    throttling_burst_limit = try(local.burst_limit, 100)
  }
}

resource "aws_s3_object" "site" {
  for_each     = fileset(local.site_dir, "**")
  bucket       = "resume-site"
  key          = each.value
  source       = "${local.site_dir}/${each.value}"
  content_type = lookup({ html = "text/html", css = "text/css", js = "application/javascript" }, element(split(".", each.value), 1), "binary/octet-stream")
}

resource "aws_cloudfront_distribution" "site" {
  enabled             = true
  default_root_object = "index.html"
  price_class         = "PriceClass_100"
  origin {
    domain_name = "resume-site.s3-website-us-east-1.amazonaws.com"
    origin_id   = "s3"
  }
  default_cache_behavior {
    target_origin_id       = "s3"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = data.aws_cloudfront_cache_policy.optimized.id
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

data "aws_cloudfront_cache_policy" "optimized" {
  name = "Managed-CachingOptimized"
}

resource "aws_sns_topic" "alerts" {
  name = "${local.name}-alerts"
}
