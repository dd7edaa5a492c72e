public struct DynamoDBStats: Codable, Sendable, Equatable {
  /// Successful UpdateItem calls (one write unit each: the counter item is under 1 KB).
  public var writes: UInt64
  /// Attempts refused for capacity.
  public var throttled: UInt64
  /// Attempts the SDK made again after a throttle.
  public var retries: UInt64
  /// Calls that failed after the SDK's last attempt.
  public var failed: UInt64
  public init(writes: UInt64, throttled: UInt64, retries: UInt64, failed: UInt64) {
    self.writes = writes
    self.throttled = throttled
    self.retries = retries
    self.failed = failed
  }
}
