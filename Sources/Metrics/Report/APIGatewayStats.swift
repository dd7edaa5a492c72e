public struct APIGatewayStats: Codable, Sendable, Equatable {
  /// Requests that reached API Gateway, CORS preflights included.
  public var requests: UInt64
  public var preflights: UInt64
  /// Requests refused by the account's token bucket (429).
  public var throttled: UInt64
  public init(requests: UInt64, preflights: UInt64, throttled: UInt64) {
    self.requests = requests
    self.preflights = preflights
    self.throttled = throttled
  }
}
