import Foundation

/// Two lognormal components fitted to a latency histogram by expectation-maximisation on the
/// logarithms of its buckets: the warm calls and the cold ones, told apart by the shape of the
/// data rather than by a fixed threshold.
///
/// A second component is accepted only when it is a distinct mode: at least one call's worth
/// of weight, and its mean at least two standard deviations (of the wider component) above
/// the first's. Otherwise there is one population and `fit` returns nil.
public struct LogNormalMixture: Sendable, Equatable {
  /// Means and standard deviations of ln(milliseconds); component 1 is the faster.
  public var mean1: Double
  public var sd1: Double
  public var mean2: Double
  public var sd2: Double
  /// Share of calls in the slower component.
  public var weight2: Double
  /// Expected calls in the slower component, and its 95% interval from the calls whose
  /// component is uncertain (the sum of their responsibilities' variances).
  public var slowCalls: Double
  public var slowInterval: (low: Double, high: Double)
  /// Calls at least 95% likely to be in the slower component.
  public var confidentSlowCalls: UInt64
  /// The service time (ms) above which a call is more likely slow than fast.
  public var splitMs: Double

  /// How likely a call of `ms` milliseconds is to be in the slower component.
  public func slowProbability(ms: Double) -> Double {
    ms > 0 ? Self.slowShare(log(ms), mean1, sd1, mean2, sd2, weight2) : 0
  }

  /// The slower component's share of the likelihood at x = ln(ms), in logarithms: far from a
  /// narrow component its density underflows to zero.
  static func slowShare(_ x: Double, _ m1: Double, _ s1: Double, _ m2: Double, _ s2: Double, _ w2: Double)
    -> Double
  {
    func logDensity(_ m: Double, _ s: Double) -> Double {
      let z = (x - m) / s
      return -0.5 * z * z - log(s)
    }
    let a = log(1 - w2) + logDensity(m1, s1)
    let b = log(w2) + logDensity(m2, s2)
    return 1 / (1 + exp(a - b))
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.mean1 == b.mean1 && a.sd1 == b.sd1 && a.mean2 == b.mean2 && a.sd2 == b.sd2 && a.weight2 == b.weight2
  }

  /// Fits `histogram` (microseconds); nil when it shows one population (or too few calls).
  public static func fit(_ histogram: LatencyHistogram, iterations: Int = 300) -> LogNormalMixture? {
    let points = histogram.populatedBuckets.filter { $0.midMicros > 0 }.map {
      (x: log($0.midMicros / 1_000), w: Double($0.count))
    }
    let total = points.reduce(0) { $0 + $1.w }
    guard total >= 10, points.count >= 2 else { return nil }
    let p50 = log(histogram.percentileMicros(0.5) / 1_000)
    let p99 = log(histogram.percentileMicros(0.99) / 1_000)
    let lo = points.map(\.x).min()!
    let hi = points.map(\.x).max()!
    guard hi - lo > 0.2 else { return nil }
    var m1 = p50
    var m2 = max(p99, p50 + 0.5 * (hi - p50))
    var s1 = max(0.05, (hi - lo) / 8)
    var s2 = s1
    var w2 = 0.1
    let floor = 0.01
    func responsibility(_ x: Double) -> Double { slowShare(x, m1, s1, m2, s2, w2) }
    var r = [Double](repeating: 0, count: points.count)
    for _ in 0..<iterations {
      for (i, p) in points.enumerated() { r[i] = responsibility(p.x) }
      var n1 = 0.0
      var n2 = 0.0
      var sum1 = 0.0
      var sum2 = 0.0
      for (i, p) in points.enumerated() {
        n1 += p.w * (1 - r[i])
        n2 += p.w * r[i]
        sum1 += p.w * (1 - r[i]) * p.x
        sum2 += p.w * r[i] * p.x
      }
      guard n1 > 1e-9, n2 > 1e-9 else { return nil }
      let new1 = sum1 / n1
      let new2 = sum2 / n2
      var v1 = 0.0
      var v2 = 0.0
      for (i, p) in points.enumerated() {
        v1 += p.w * (1 - r[i]) * (p.x - new1) * (p.x - new1)
        v2 += p.w * r[i] * (p.x - new2) * (p.x - new2)
      }
      let moved = abs(new1 - m1) + abs(new2 - m2) + abs(n2 / total - w2)
      (m1, m2, w2) = (new1, new2, n2 / total)
      s1 = max(floor, (v1 / n1).squareRoot())
      s2 = max(floor, (v2 / n2).squareRoot())
      if moved < 1e-10 { break }
    }
    if m2 < m1 {
      (m1, m2) = (m2, m1)
      (s1, s2) = (s2, s1)
      w2 = 1 - w2
      for i in r.indices { r[i] = 1 - r[i] }
    }
    let slow = w2 * total
    guard slow >= 1, (m2 - m1) >= 2 * max(s1, s2) else { return nil }
    var variance = 0.0
    var confident: Double = 0
    for (i, p) in points.enumerated() {
      variance += p.w * r[i] * (1 - r[i])
      if r[i] >= 0.95 { confident += p.w }
    }
    let margin = 1.96 * variance.squareRoot()
    // Where the two components are equally likely, between their means.
    var a = m1
    var b = m2
    for _ in 0..<60 {
      let mid = (a + b) / 2
      if responsibility(mid) > 0.5 { b = mid } else { a = mid }
    }
    return LogNormalMixture(
      mean1: m1, sd1: s1, mean2: m2, sd2: s2, weight2: w2, slowCalls: slow,
      slowInterval: (max(0, slow - margin), min(total, slow + margin)), confidentSlowCalls: UInt64(confident.rounded()),
      splitMs: exp((a + b) / 2))
  }
}
