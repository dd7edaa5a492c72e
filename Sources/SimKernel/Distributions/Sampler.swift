import Foundation

/// A distribution with its parameters precomputed for fast sampling.
public struct Sampler: Sendable {
  @usableFromInline enum Kind: Sendable {
    case constant, exponential, uniform, normal, lognormal, gamma, weibull, samples, percentiles
  }
  @usableFromInline let kind: Kind
  @usableFromInline let a: Double
  @usableFromInline let b: Double
  @usableFromInline let c: Double
  @usableFromInline let table: [Double]
  @usableFromInline let quantiles: [Double]
  @usableFromInline let zig = Ziggurat.tables
  public let distribution: Distribution

  public init(_ d: Distribution) {
    distribution = d
    var table: [Double] = []
    var quantiles: [Double] = []
    switch d {
    case .constant(let v): (kind, a, b, c) = (.constant, v, 0, 0)
    case .exponential(let m): (kind, a, b, c) = (.exponential, m, 0, 0)
    case .uniform(let lo, let hi): (kind, a, b, c) = (.uniform, lo, hi - lo, 0)
    case .normal(let m, let sd): (kind, a, b, c) = (.normal, m, sd, 0)
    case .lognormal(let median, let p99):
      (kind, a, b, c) = (.lognormal, log(median), log(p99 / median) / Distribution.z99, 0)
    case .gamma(let k, let theta):
      // Marsaglia-Tsang needs shape >= 1; smaller shapes are boosted and corrected by U^(1/k).
      let boosted = k < 1 ? k + 1 : k
      let d3 = boosted - 1.0 / 3.0
      (kind, a, b, c) = (.gamma, d3, 1 / (9 * d3).squareRoot(), theta)
      table = [k]
    case .weibull(let k, let lambda): (kind, a, b, c) = (.weibull, 1 / k, lambda, 0)
    case .empiricalSamples(let xs):
      (kind, a, b, c) = (.samples, 0, 0, 0)
      table = xs
    case .empiricalPercentiles(let points):
      (kind, a, b, c) = (.percentiles, 0, 0, 0)
      table = points.map(\.value)
      quantiles = points.map(\.quantile)
    }
    self.table = table
    self.quantiles = quantiles
  }

  /// One draw, never negative.
  @inlinable @inline(__always)
  public func sample(using rng: inout some RandomNumberGenerator) -> Double {
    switch kind {
    case .constant:
      return a
    case .exponential:
      return -a * log(rng.openUnit())
    case .uniform:
      return a + b * rng.unit()
    case .normal:
      return max(0, a + b * rng.standardNormal(zig))
    case .lognormal:
      return PortableMath.exp(a + b * rng.standardNormal(zig))
    case .gamma:
      return sampleGamma(using: &rng)
    case .weibull:
      return b * pow(-log(rng.openUnit()), a)
    case .samples:
      return table[rng.index(below: table.count)]
    case .percentiles:
      return inverseCDF(rng.unit())
    }
  }

  @usableFromInline
  func sampleGamma(using rng: inout some RandomNumberGenerator) -> Double {
    let shape = table[0]
    while true {
      var x = 0.0
      var v = 0.0
      repeat {
        x = rng.standardNormal()
        v = 1 + b * x
      } while v <= 0
      v = v * v * v
      let u = rng.openUnit()
      if log(u) < 0.5 * x * x + a - a * v + a * log(v) {
        var result = a * v * c
        if shape < 1 { result *= pow(rng.openUnit(), 1 / shape) }
        return result
      }
    }
  }

  @usableFromInline
  func inverseCDF(_ u: Double) -> Double {
    if u <= quantiles[0] { return table[0] }
    for i in 1..<quantiles.count where u <= quantiles[i] {
      let span = quantiles[i] - quantiles[i - 1]
      let f = span > 0 ? (u - quantiles[i - 1]) / span : 1
      return table[i - 1] + f * (table[i] - table[i - 1])
    }
    return table[table.count - 1]
  }
}
