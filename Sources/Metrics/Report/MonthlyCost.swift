public struct MonthlyCost: Codable, Sendable, Equatable {
  public var route53: Double
  public var cloudfront: Double
  public var s3: Double
  public var apiGateway: Double
  public var lambda: Double
  public var dynamodb: Double
  public var cloudwatch: Double
  public var total: Double
  /// The part of `total` that does not follow traffic: hosted zone, storage, provisioned
  /// capacity (line items marked `fixed`).
  public var fixed: Double
  /// The part of `total` that follows traffic: `total - fixed`.
  public var usage: Double
  /// One service's amount (ACM's public certificates are free: 0).
  public func amount(_ service: CostService) -> Double {
    switch service {
    case .route53: route53
    case .cloudfront: cloudfront
    case .s3: s3
    case .apiGateway: apiGateway
    case .lambda: lambda
    case .dynamodb: dynamodb
    case .cloudwatch: cloudwatch
    case .acm: 0
    }
  }

  public init(
    route53: Double, cloudfront: Double, s3: Double, apiGateway: Double, lambda: Double,
    dynamodb: Double, cloudwatch: Double, total: Double, fixed: Double, usage: Double
  ) {
    self.route53 = route53
    self.cloudfront = cloudfront
    self.s3 = s3
    self.apiGateway = apiGateway
    self.lambda = lambda
    self.dynamodb = dynamodb
    self.cloudwatch = cloudwatch
    self.total = total
    self.fixed = fixed
    self.usage = usage
  }
}
