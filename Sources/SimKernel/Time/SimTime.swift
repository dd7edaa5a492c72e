/// A point or span of simulated time, in integer nanoseconds.
///
/// The kernel never touches `Date`: scenario milliseconds and seconds are converted at the
/// boundary, and everything inside is exact integer arithmetic, so runs are reproducible.
public struct SimTime: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Nanoseconds since the start of the simulation (or the length of a span).
  public var nanoseconds: Int64

  @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

  public static let zero = SimTime(nanoseconds: 0)
  /// Far enough away to mean "never" without overflowing when a little is added to it.
  public static let distantFuture = SimTime(nanoseconds: Int64.max / 4)

  /// `ms` milliseconds, rounded to the nanosecond; saturating (see `saturating(nanoseconds:)`).
  @inlinable public static func milliseconds(_ ms: Double) -> SimTime {
    SimTime(nanoseconds: saturating(nanoseconds: ms * 1_000_000))
  }
  /// `s` seconds, rounded to the nanosecond; saturating (see `saturating(nanoseconds:)`).
  @inlinable public static func seconds(_ s: Double) -> SimTime {
    SimTime(nanoseconds: saturating(nanoseconds: s * 1_000_000_000))
  }

  /// A number of nanoseconds as a whole count, cut to ±`distantFuture` so that a huge TTL or
  /// timeout means "never" instead of trapping; NaN also becomes `distantFuture`. Every
  /// conversion from a scenario's seconds or milliseconds goes through here.
  @inlinable public static func saturating(nanoseconds x: Double) -> Int64 {
    let limit = Double(distantFuture.nanoseconds)
    guard x < limit else { return distantFuture.nanoseconds }
    guard x > -limit else { return -distantFuture.nanoseconds }
    return Int64(x.rounded())
  }

  @inlinable public var milliseconds: Double { Double(nanoseconds) / 1_000_000 }
  @inlinable public var seconds: Double { Double(nanoseconds) / 1_000_000_000 }
  /// Whole microseconds, the unit latency histograms record.
  @inlinable public var microseconds: Int64 { nanoseconds / 1_000 }

  @inlinable public static func < (a: SimTime, b: SimTime) -> Bool { a.nanoseconds < b.nanoseconds }
  @inlinable public static func + (a: SimTime, b: SimTime) -> SimTime {
    SimTime(nanoseconds: a.nanoseconds &+ b.nanoseconds)
  }
  @inlinable public static func - (a: SimTime, b: SimTime) -> SimTime {
    SimTime(nanoseconds: a.nanoseconds &- b.nanoseconds)
  }
  @inlinable public static func += (a: inout SimTime, b: SimTime) { a.nanoseconds &+= b.nanoseconds }

  public var description: String { "\(seconds)s" }
}
