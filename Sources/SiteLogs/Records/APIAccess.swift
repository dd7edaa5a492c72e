/// One request in an API Gateway access log (JSON, fields named by the stage's log format).
public struct APIAccess: Sendable, Equatable {
  /// `requestTimeEpoch` (milliseconds) or `requestTime`, in seconds since the epoch.
  public var timeSeconds: Double?
  public var status: Int?
  /// `responseLatency`: from the request's arrival to the response, in milliseconds.
  public var responseLatencyMs: Double?
  /// `integrationLatency`: the integration (the Lambda invocation) alone.
  public var integrationLatencyMs: Double?
  public var route: String?

  public init(
    timeSeconds: Double?, status: Int?, responseLatencyMs: Double?, integrationLatencyMs: Double?, route: String?
  ) {
    self.timeSeconds = timeSeconds
    self.status = status
    self.responseLatencyMs = responseLatencyMs
    self.integrationLatencyMs = integrationLatencyMs
    self.route = route
  }

  /// The gateway's own share: response less integration latency, when both are logged.
  public var overheadMs: Double? {
    guard let r = responseLatencyMs, let i = integrationLatencyMs else { return nil }
    return max(0, r - i)
  }
}
