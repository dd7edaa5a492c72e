import Foundation
import Testing

@testable import SimKernel

@Suite struct DistributionTests {
  /// Sample mean of `n` draws.
  func sampleMean(_ d: Distribution, n: Int = 200_000, seed: UInt64 = 11) -> (mean: Double, min: Double) {
    var rng = RandomStream(seed: seed, stream: 5)
    let s = d.sampler()
    var sum = 0.0
    var lo = Double.infinity
    for _ in 0..<n {
      let x = s.sample(using: &rng)
      sum += x
      lo = min(lo, x)
    }
    return (sum / Double(n), lo)
  }

  static let cases: [Distribution] = [
    .constant(5),
    .exponential(mean: 1990),
    .uniform(low: 10, high: 30),
    .normal(mean: 20, standardDeviation: 5),
    .normal(mean: 2, standardDeviation: 5),  // clamped at zero: mean from the closed form of max(0, X)
    .lognormal(median: 20, p99: 80),
    .gamma(shape: 2.5, scale: 4),
    .gamma(shape: 0.5, scale: 10),
    .weibull(shape: 1.5, scale: 100),
    .empiricalSamples([1, 2, 3, 10]),
    .empiricalPercentiles([
      .init(quantile: 0, value: 5), .init(quantile: 0.5, value: 20), .init(quantile: 1, value: 100),
    ]),
  ]

  @Test(arguments: cases)
  func sampleMeanMatchesClosedForm(_ d: Distribution) {
    // 200k draws: 2% relative tolerance is over 5 standard errors for every case here
    // (the widest, the lognormal with sigma 0.6, has relative standard error about 0.15%).
    let (mean, lo) = sampleMean(d)
    #expect(lo >= 0)
    #expect(abs(mean - d.mean) <= 0.02 * d.mean + 1e-9, "sample mean \(mean) vs closed form \(d.mean)")
  }

  @Test func lognormalHitsItsMedianAndP99() {
    var rng = RandomStream(seed: 3, stream: 1)
    let s = Distribution.lognormal(median: 20, p99: 80).sampler()
    var xs = (0..<100_000).map { _ in s.sample(using: &rng) }
    xs.sort()
    #expect(abs(xs[50_000] - 20) < 0.5)
    #expect(abs(xs[99_000] - 80) < 4)
  }

  @Test func empiricalPercentilesInterpolate() {
    var rng = RandomStream(seed: 3, stream: 1)
    let s = Distribution.empiricalPercentiles([.init(quantile: 0.5, value: 10), .init(quantile: 0.9, value: 50)])
      .sampler()
    var xs = (0..<100_000).map { _ in s.sample(using: &rng) }
    xs.sort()
    #expect(xs[10_000] == 10)  // flat below the first point
    #expect(abs(xs[70_000] - 30) < 1)  // halfway between p50 and p90
    #expect(xs[95_000] == 50)  // flat above the last point
  }
}

@Suite struct ZigguratTests {
  @Test func standardNormalMomentsAndTails() {
    // 1M draws: mean 0 ± 0.005, variance 1 ± 0.01, and tail frequencies against Φ:
    // P(Z > 1) = 0.158655, P(|Z| > 2.326348) = 0.02, P(Z > 3.442620) = 2.8811e-4 (the
    // ziggurat's own tail region), each within 5 standard errors.
    var rng = RandomStream(seed: 2, stream: 9)
    let n = 1_000_000
    var sum = 0.0
    var sumSq = 0.0
    var above1 = 0
    var beyond99 = 0
    var tail = 0
    for _ in 0..<n {
      let z = rng.standardNormal()
      sum += z
      sumSq += z * z
      if z > 1 { above1 += 1 }
      if abs(z) > 2.326_348 { beyond99 += 1 }
      if z > 3.442_620 { tail += 1 }
    }
    let mean = sum / Double(n)
    #expect(abs(mean) < 0.005)
    #expect(abs(sumSq / Double(n) - mean * mean - 1) < 0.01)
    func close(_ count: Int, _ p: Double) -> Bool {
      abs(Double(count) - p * Double(n)) < 5 * (p * (1 - p) * Double(n)).squareRoot()
    }
    #expect(close(above1, 0.158_655))
    #expect(close(beyond99, 0.02))
    #expect(close(tail, 2.8811e-4))
  }
}
