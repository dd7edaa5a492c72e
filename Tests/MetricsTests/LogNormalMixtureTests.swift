import Foundation
import Testing

@testable import Metrics

/// The warm/cold mixture against samples drawn from a known mixture.
@Suite struct LogNormalMixtureTests {
  /// Box-Muller normals from a fixed linear congruential sequence: a sample that is the same
  /// every run.
  struct Normals {
    var state: UInt64
    mutating func unit() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return (Double(state >> 11) + 0.5) / Double(1 << 53)
    }
    mutating func next() -> Double { (-2 * log(unit())).squareRoot() * cos(2 * .pi * unit()) }
  }

  func histogram(warm: Int, cold: Int, seed: UInt64) -> LatencyHistogram {
    var rng = Normals(state: seed)
    let r = LatencyRecorder()
    for _ in 0..<warm { r.record(micros: Int64(30_000 * exp(0.25 * rng.next()))) }
    for _ in 0..<cold { r.record(micros: Int64(330_000 * exp(0.15 * rng.next()))) }
    return r.histogram
  }

  @Test(arguments: [(4_000, 1_000), (5_000, 50), (900, 300)])
  func coldCallsAreCountedWithAnIntervalThatHoldsTheTruth(_ n: (warm: Int, cold: Int)) throws {
    let m = try #require(LogNormalMixture.fit(histogram(warm: n.warm, cold: n.cold, seed: 9)))
    let truth = Double(n.cold)
    #expect(abs(m.slowCalls - truth) <= max(3, 0.03 * truth), "\(m.slowCalls) for \(n.cold)")
    #expect(m.slowInterval.low <= truth + 1 && truth - 1 <= m.slowInterval.high)
    // Medians of the components: 30 ms and 330 ms.
    #expect(abs(exp(m.mean1) - 30) < 1.5 && abs(exp(m.mean2) - 330) < 15)
    #expect(m.splitMs > 60 && m.splitMs < 200)
    #expect(m.confidentSlowCalls <= UInt64(n.cold) + 2 && Double(m.confidentSlowCalls) >= 0.9 * truth)
  }

  @Test func onePopulationIsNotSplit() {
    #expect(LogNormalMixture.fit(histogram(warm: 5_000, cold: 0, seed: 3)) == nil)
  }
}
