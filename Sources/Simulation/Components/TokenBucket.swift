import Pricing
import ScenarioModel

/// A token bucket: `ratePerSecond` tokens accrue up to `capacity`; each request takes one.
///
/// Used for API Gateway's account throttle (rate and burst), DynamoDB capacity and Lambda's
/// scaling rate. Time is integer nanoseconds; tokens are fractional; a request may take more
/// than one (a DynamoDB write of an item over 1 KB).
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

  /// Takes `count` tokens at `now` if there are that many.
  @inline(__always)
  mutating func take(_ count: Double = 1, at now: Int64) -> Bool {
    refill(at: now)
    guard tokens >= count else { return false }
    tokens -= count
    return true
  }

  /// Whether `count` tokens are there at `now`, without taking them.
  @inline(__always)
  mutating func hasTokens(_ count: Double = 1, at now: Int64) -> Bool {
    refill(at: now)
    return tokens >= count
  }

  @inline(__always)
  private mutating func refill(at now: Int64) {
    if now > last {
      tokens = min(capacity, tokens + Double(now - last) * perNanosecond)
      last = now
    }
  }
}
