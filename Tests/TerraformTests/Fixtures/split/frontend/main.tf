# The front end of a site split across stacks: the bucket, the site's distribution, and a
# second distribution that fronts the API (a path to it without CORS).
resource "aws_s3_bucket" "site" {
  bucket = "resume-site"
}

resource "aws_cloudfront_distribution" "api" {
  enabled = true
  origin {
    domain_name = "abc123.execute-api.us-east-1.amazonaws.com"
    origin_id   = "api"
  }
  default_cache_behavior {
    target_origin_id       = "api"
    viewer_protocol_policy = "https-only"
    allowed_methods        = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
    cached_methods         = ["GET", "HEAD"]
    default_ttl            = 0
    forwarded_values {
      query_string = true
      cookies {
        forward = "none"
      }
    }
  }
}

resource "aws_cloudfront_distribution" "site" {
  enabled             = true
  default_root_object = "index.html"
  price_class         = "PriceClass_100"
  origin {
    domain_name = aws_s3_bucket.site.bucket_regional_domain_name
    origin_id   = "site"
  }
  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    default_ttl            = 3600
    forwarded_values {
      query_string = false
      cookies {
        forward = "none"
      }
    }
  }
}
