public struct LambdaStats: Codable, Sendable, Equatable {
  /// Invocations that ran (throttled ones are not invocations).
  public var invocations: UInt64
  public var coldStarts: UInt64
  public var coldStartRatio: Double
  /// Invocations refused for concurrency or scaling rate.
  public var throttled: UInt64
  public var throttleRatio: Double
  /// Invocations served by a provisioned-concurrency environment.
  public var provisionedInvocations: UInt64
  public var timeouts: UInt64
  /// Time-average of live environments, idle or busy.
  public var meanInstances: Double
  /// Time-average of environments running a request.
  public var meanBusyInstances: Double
  /// Most environments busy at once.
  public var peakConcurrency: Int
  /// Billed milliseconds summed over invocations: handler rounded up to 1 ms, plus init.
  public var billedDurationMs: UInt64
  /// Of which init (cold start) milliseconds.
  public var billedInitMs: UInt64
  /// Billed milliseconds of invocations on provisioned environments (their own, lower rate).
  public var provisionedBilledDurationMs: UInt64

  public init(
    invocations: UInt64, coldStarts: UInt64, throttled: UInt64, provisionedInvocations: UInt64,
    timeouts: UInt64, meanInstances: Double, meanBusyInstances: Double, peakConcurrency: Int,
    billedDurationMs: UInt64, billedInitMs: UInt64, provisionedBilledDurationMs: UInt64
  ) {
    self.invocations = invocations
    self.coldStarts = coldStarts
    self.coldStartRatio = ratio(coldStarts, invocations)
    self.throttled = throttled
    self.throttleRatio = ratio(throttled, invocations + throttled)
    self.provisionedInvocations = provisionedInvocations
    self.timeouts = timeouts
    self.meanInstances = meanInstances
    self.meanBusyInstances = meanBusyInstances
    self.peakConcurrency = peakConcurrency
    self.billedDurationMs = billedDurationMs
    self.billedInitMs = billedInitMs
    self.provisionedBilledDurationMs = provisionedBilledDurationMs
  }
}
