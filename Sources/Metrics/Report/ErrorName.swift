/// Every kind of failed request a report counts, by its name in reports.
public enum ErrorName: String, CaseIterable, Sendable {
  // Simulated (and, where a real site shows them, live): what failed along the path.
  case apiGatewayThrottled, lambdaThrottled, lambdaTimeout, dynamodbThrottled, integrationTimeout, clientTimeout
  case pageTimeout
  // Live: what the connection or the answer did.
  case connect, connectRefused, tls, reset, malformed, timeout, http4xx, http5xx
  /// Live: a 3xx answer (redirects are not followed).
  case redirect
  /// Live: a visit the generator could not start because its queue was full.
  case generatorQueueFull

  /// Whether the simulator counts this kind (the rest are what a live run's connections and
  /// answers do).
  public var isSimulated: Bool {
    switch self {
    case .apiGatewayThrottled, .lambdaThrottled, .lambdaTimeout, .dynamodbThrottled, .integrationTimeout,
      .clientTimeout, .pageTimeout:
      true
    default: false
    }
  }
}
