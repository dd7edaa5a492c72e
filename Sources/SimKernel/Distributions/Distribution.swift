import Foundation

/// A non-negative random quantity (a latency, a timeout), in whatever unit its owner's name says.
///
/// Parameters are precomputed at construction so that `sample` is a few arithmetic operations.
/// Every sampler is clamped at zero: a latency is never negative.
public enum Distribution: Sendable, Equatable {
  case constant(Double)
  case exponential(mean: Double)
  case uniform(low: Double, high: Double)
  /// Normal, clamped at zero.
  case normal(mean: Double, standardDeviation: Double)
  /// Lognormal given as people know latencies: the median and the 99th percentile.
  case lognormal(median: Double, p99: Double)
  case gamma(shape: Double, scale: Double)
  case weibull(shape: Double, scale: Double)
  /// Uniformly one of the given samples.
  case empiricalSamples([Double])
  /// Piecewise-linear inverse CDF through (quantile in 0...1, value) points, sorted by quantile.
  case empiricalPercentiles([QuantilePoint])

  /// One point of an empirical inverse CDF.
  public struct QuantilePoint: Sendable, Equatable {
    public var quantile: Double
    public var value: Double
    public init(quantile: Double, value: Double) {
      self.quantile = quantile
      self.value = value
    }
  }

  /// z such that Φ(z) = 0.99, for the lognormal's p99 parameterisation.
  public static let z99 = 2.326_347_874_040_840_8

  /// The distribution's mean, in closed form.
  public var mean: Double {
    switch self {
    case .constant(let v): return v
    case .exponential(let m): return m
    case .uniform(let lo, let hi): return (lo + hi) / 2
    case .normal(let m, let sd):
      // Mean of max(0, X): m Φ(m/sd) + sd φ(m/sd).
      guard sd > 0 else { return max(0, m) }
      let z = m / sd
      return m * 0.5 * erfc(-z / 2.0.squareRoot()) + sd * exp(-z * z / 2) / (2 * Double.pi).squareRoot()
    case .lognormal(let median, let p99):
      let sigma = log(p99 / median) / Self.z99
      return median * exp(sigma * sigma / 2)
    case .gamma(let k, let theta): return k * theta
    case .weibull(let k, let lambda): return lambda * tgamma(1 + 1 / k)
    case .empiricalSamples(let xs): return xs.reduce(0, +) / Double(xs.count)
    case .empiricalPercentiles(let points):
      // Integral of the piecewise-linear inverse CDF, flat beyond the first and last points.
      var total = points[0].quantile * points[0].value
      for (a, b) in zip(points, points.dropFirst()) {
        total += (b.quantile - a.quantile) * (a.value + b.value) / 2
      }
      return total + (1 - points[points.count - 1].quantile) * points[points.count - 1].value
    }
  }

  /// Precomputes what `sample` needs.
  public func sampler() -> Sampler { Sampler(self) }
}

extension RandomNumberGenerator {
  /// Uniform in [0, 1).
  @inlinable @inline(__always)
  public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// Uniform in (0, 1]: safe for `log`.
  @inlinable @inline(__always)
  public mutating func openUnit() -> Double { Double((next() >> 11) + 1) * 0x1.0p-53 }

  /// A uniform integer in 0..<bound (Lemire's multiply-shift).
  @inlinable @inline(__always)
  public mutating func index(below bound: Int) -> Int {
    Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
  }

  /// True with probability `p`.
  @inlinable @inline(__always)
  public mutating func chance(_ p: Double) -> Bool { unit() < p }

}
