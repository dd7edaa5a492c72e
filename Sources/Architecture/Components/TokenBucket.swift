/// A token bucket: `ratePerSecond` tokens accrue up to `capacity`; each request takes one.
///
/// Used for API Gateway's account throttle (rate and burst), DynamoDB capacity and Lambda's
/// scaling rate. Time is integer nanoseconds; tokens are fractional.
struct TokenBucket {
  let perNanosecond: Double
  let capacity: Double
  private(set) var tokens: Double
  private var last: Int64 = 0

  init(ratePerSecond: Double, capacity: Double) {
    perNanosecond = ratePerSecond / 1e9
    self.capacity = capacity
    tokens = capacity
  }

  /// Takes one token at `now` if there is one.
  @inline(__always)
  mutating func take(at now: Int64) -> Bool {
    refill(at: now)
    guard tokens >= 1 else { return false }
    tokens -= 1
    return true
  }

  /// Whether a token is there at `now`, without taking it.
  @inline(__always)
  mutating func hasToken(at now: Int64) -> Bool {
    refill(at: now)
    return tokens >= 1
  }

  @inline(__always)
  private mutating func refill(at now: Int64) {
    if now > last {
      tokens = min(capacity, tokens + Double(now - last) * perNanosecond)
      last = now
    }
  }
}
