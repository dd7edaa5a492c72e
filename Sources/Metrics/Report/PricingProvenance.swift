public struct PricingProvenance: Codable, Sendable, Equatable {
  public var region: String
  public var file: String
  public var asOf: String
  public init(region: String, file: String, asOf: String) {
    self.region = region
    self.file = file
    self.asOf = asOf
  }
}
