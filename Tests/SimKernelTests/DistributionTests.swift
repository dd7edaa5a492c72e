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
    .empiricalPercentiles([.init(quantile: 0, value: 5), .init(quantile: 0.5, value: 20), .init(quantile: 1, value: 100)]),
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
    let s = Distribution.empiricalPercentiles([.init(quantile: 0.5, value: 10), .init(quantile: 0.9, value: 50)]).sampler()
    var xs = (0..<100_000).map { _ in s.sample(using: &rng) }
    xs.sort()
    #expect(xs[10_000] == 10)  // flat below the first point
    #expect(abs(xs[70_000] - 30) < 1)  // halfway between p50 and p90
    #expect(xs[95_000] == 50)  // flat above the last point
  }
}
