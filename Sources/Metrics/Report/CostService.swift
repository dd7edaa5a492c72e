/// Every service a bill has lines for, in the order bills print them. A pricing file's
/// `service` must be one of these.
public enum CostService: String, CaseIterable, Sendable {
  case route53, cloudfront, s3, apiGateway, lambda, dynamodb, cloudwatch, acm
}
