import Foundation
import Testing

@testable import SimKernel

@Suite struct DurationStreamTests {
  @Test func portableExpAgreesWithLibmWithinTwoUlps() {
    // Every argument a lognormal latency meets, and the clamped ends.
    var worst = 0.0
    var x = -40.0
    while x <= 40 {
      let expected = Foundation.exp(x)
      worst = max(worst, abs(PortableMath.exp(x) - expected) / expected)
      x += 0.000_73
    }
    #expect(worst < 4.5e-16, "worst relative error \(worst)")
    #expect(PortableMath.exp(0) == 1)
    #expect(abs(PortableMath.exp(-1_000) / Foundation.exp(-708) - 1) < 1e-15, "clamped to e^-708")
    #expect(PortableMath.exp(1_000).isFinite)
  }

  @Test func twoLaneExpIsTheScalarExpLaneByLane() {
    var rng = RandomStream(seed: 3, stream: 1)
    for _ in 0..<10_000 {
      let (a, b) = (rng.unit() * 60 - 30, rng.unit() * 1_600 - 800)
      let pair = PortableMath.exp(SIMD2(a, b), table: PortableMath.table)
      #expect(pair[0].bitPattern == PortableMath.exp(a).bitPattern)
      #expect(pair[1].bitPattern == PortableMath.exp(b).bitPattern)
    }
  }

  static let kinds: [Distribution] = [
    .lognormal(median: 25, p99: 120),
    .exponential(mean: 40),
    .constant(600),
    .empiricalSamples([1, 2, 3.5]),
  ]

  @Test(arguments: kinds)
  func drawingAheadGivesTheOneAtATimeSequence(_ d: Distribution) {
    // Across several block boundaries, the n-th duration is the n-th draw of the same stream.
    let stream = DurationStream(d, unitNanoseconds: 1e6, seed: 9, stream: 4)
    var rng = RandomStream(seed: 9, stream: 4)
    let sampler = d.sampler()
    for i in 0..<(3 * DurationStream.blockSize + 17) {
      let expected = Int64(sampler.sample(using: &rng) * 1e6)
      let got = stream.next()
      if got != expected {
        Issue.record("draw \(i): \(got) ns, one at a time \(expected) ns")
        return
      }
    }
  }

  @Test func unitsAndTheLongestDuration() {
    #expect(DurationStream(.constant(600), unitNanoseconds: 1e9, seed: 1, stream: 1).next() == 600_000_000_000)
    #expect(DurationStream(.constant(2.5), seed: 1, stream: 1).next() == 2_500_000)
    // A draw too long to add to a time is cut, not trapped on.
    #expect(DurationStream(.constant(1e300), seed: 1, stream: 1).next() == DurationStream.longest)
  }
}

@Suite struct DurationStreamEdgeTests {
  /// Draws that would overflow, go negative or be NaN become whole nanoseconds in range.
  @Test(arguments: [
    Distribution.constant(1e300), .normal(mean: 0, standardDeviation: 1e300), .uniform(low: 0, high: 1e308),
  ])
  func drawsStayInRange(_ d: Distribution) {
    let s = DurationStream(d, seed: 1, stream: 1)
    for _ in 0..<1_000 {
      let x = s.next()
      #expect(x >= 0 && x <= DurationStream.longest)
    }
  }
}
