/// How a live run's requests ended, beyond latencies and errors.
///
/// Every request a visit queued ends one way: a response (in `latencyMs` and `statusCounts`),
/// an error (`errors.byKind`), or cut off. So `requestsIssued = errors.requests + requestsCutOff`.
public struct LiveStats: Codable, Sendable, Equatable {
  /// Requests the visits queued for sending (a keep-alive retry is not a second one).
  public var requestsIssued: UInt64
  /// Requests still queued or in flight when the run's time was up (its duration plus the
  /// response timeout), or never sent because `--max-requests` was reached: not errors, and
  /// without a latency.
  public var requestsCutOff: UInt64
  /// Requests sent a second time, on a new connection, because the server had closed their
  /// keep-alive connection before any response byte (as browsers retry): not errors.
  public var keepAliveRetries: UInt64
  /// Response bytes received (headers and bodies, after TLS).
  public var bytesReceived: UInt64
  /// For each error kind, the reason of the first such error (`"recv: Connection reset by
  /// peer"`, `"bad status line \"HTTX/9 abc\""`, `"HTTP 503 from ..."`).
  public var errorExamples: [String: String] = [:]
  /// Every counter API call, for calibration (nil in reports of older versions and of the
  /// URLSession transport).
  public var counterCalls: CounterCallLog?
  /// Request bytes sent (heads and bodies, before TLS); nil in reports of older versions and
  /// of the URLSession transport.
  public var bytesSent: UInt64?
  /// The same counts for each stage that sends requests (`page`, `asset`, `preflight`,
  /// `counterApi`), with its status codes; nil in reports of older versions.
  public var stages: [String: StageCounts]?

  /// One stage's requests: those that ended (a response or an error), their bytes each way
  /// (sent: nil for the URLSession transport, which does not say), and the responses by
  /// status code.
  public struct StageCounts: Codable, Sendable, Equatable {
    public var requests: UInt64
    public var bytesSent: UInt64?
    public var bytesReceived: UInt64
    public var statusCounts: [String: UInt64]
    /// Of `requests`, those that ended in an error (nil in reports of older versions).
    public var errors: UInt64?

    public init(
      requests: UInt64, bytesSent: UInt64?, bytesReceived: UInt64, statusCounts: [String: UInt64], errors: UInt64? = nil
    ) {
      self.requests = requests
      self.bytesSent = bytesSent
      self.bytesReceived = bytesReceived
      self.statusCounts = statusCounts
      self.errors = errors
    }

    public func adding(_ o: StageCounts) -> StageCounts {
      StageCounts(
        requests: requests + o.requests, bytesSent: bytesSent.flatMap { a in o.bytesSent.map { a + $0 } },
        bytesReceived: bytesReceived + o.bytesReceived,
        statusCounts: statusCounts.merging(o.statusCounts, uniquingKeysWith: +),
        errors: errors.flatMap { a in o.errors.map { a + $0 } })
    }
  }

  public init(requestsIssued: UInt64, requestsCutOff: UInt64, keepAliveRetries: UInt64, bytesReceived: UInt64) {
    self.requestsIssued = requestsIssued
    self.requestsCutOff = requestsCutOff
    self.keepAliveRetries = keepAliveRetries
    self.bytesReceived = bytesReceived
  }

  /// The counts of two shards or runs together.
  public func adding(_ o: LiveStats) -> LiveStats {
    var sum = LiveStats(
      requestsIssued: requestsIssued + o.requestsIssued, requestsCutOff: requestsCutOff + o.requestsCutOff,
      keepAliveRetries: keepAliveRetries + o.keepAliveRetries, bytesReceived: bytesReceived + o.bytesReceived)
    sum.errorExamples = errorExamples.merging(o.errorExamples) { first, _ in first }
    switch (counterCalls, o.counterCalls) {
    case (let a?, let b?): sum.counterCalls = a.adding(b)
    case (let a, let b): sum.counterCalls = a ?? b
    }
    // Counts one side lacks (a report of an older version) cannot be added up: left out.
    sum.bytesSent = bytesSent.flatMap { a in o.bytesSent.map { a + $0 } }
    sum.stages = stages.flatMap { a in o.stages.map { a.merging($0) { $0.adding($1) } } }
    return sum
  }
}
