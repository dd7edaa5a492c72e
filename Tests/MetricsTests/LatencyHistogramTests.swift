import Foundation
import Testing

@testable import Metrics

@Suite struct LatencyHistogramTests {
  /// Deterministic pseudo-random latencies spanning 1 µs to about 100 s.
  func values(_ n: Int, seed: UInt64) -> [Int64] {
    var state = seed
    return (0..<n).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let u = Double(state >> 11) * 0x1.0p-53
      return Int64(exp(u * 18.4))  // e^18.4 µs ≈ 98 s
    }
  }

  @Test(arguments: [0.5, 0.9, 0.99, 0.999])
  func percentilesHaveThreeSignificantDigits(q: Double) {
    var h = LatencyHistogram()
    let xs = values(100_000, seed: 1)
    for x in xs { h.record(micros: x) }
    let exact = Double(xs.sorted()[Int((q * Double(xs.count)).rounded(.up)) - 1])
    let got = h.percentileMicros(q)
    // Relative error bound 2^-10 (0.098%), plus half a microsecond for the exact region.
    #expect(abs(got - exact) <= exact / 1024 + 0.5, "q=\(q): \(got) vs \(exact)")
  }

  @Test func exactStatistics() {
    var h = LatencyHistogram()
    let xs = values(10_000, seed: 2)
    for x in xs { h.record(micros: x) }
    #expect(h.count == 10_000)
    #expect(h.sumMicros == xs.reduce(0, +))
    #expect(h.minMicros == xs.min())
    #expect(h.maxMicros == xs.max())
    #expect(h.percentileMicros(1) == Double(xs.max()!))
  }

  @Test func mergeEqualsRecordingEverythingInOne() {
    var a = LatencyHistogram()
    var b = LatencyHistogram()
    var all = LatencyHistogram()
    for x in values(5_000, seed: 3) {
      a.record(micros: x)
      all.record(micros: x)
    }
    for x in values(7_000, seed: 4) {
      b.record(micros: x * 3)
      all.record(micros: x * 3)
    }
    var merged = a
    merged.merge(b)
    #expect(merged == all)
    var other = b
    other.merge(a)
    #expect(other == all)
  }

  @Test func memoryDoesNotGrowWithTheNumberOfValues() {
    // Bucket storage depends on the largest value, not on the count.
    var h = LatencyHistogram()
    for x in values(10_000, seed: 5) { h.record(micros: x) }
    let bucketsAfter10k = h.counts.count
    for x in values(1_000_000, seed: 6) { h.record(micros: min(x, 90_000_000)) }
    #expect(h.counts.count <= bucketsAfter10k)
    #expect(bucketsAfter10k < 40_000)
  }

  @Test func codableRoundTripIsExact() throws {
    var h = LatencyHistogram()
    for x in values(3_000, seed: 7) { h.record(micros: x) }
    let data = try JSONEncoder().encode(h)
    let back = try JSONDecoder().decode(LatencyHistogram.self, from: data)
    #expect(back == h)
  }

  @Test func corruptCountsAreRejected() {
    let json = #"{"subBucketBits":11,"count":5,"sumMicros":10,"minMicros":1,"maxMicros":3,"buckets":"1:1 3:1"}"#
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(LatencyHistogram.self, from: Data(json.utf8)) }
  }

  @Test func emptyHistogramReportsZeros() {
    let s = LatencySummary(LatencyHistogram())
    #expect(s.count == 0 && s.p99 == 0 && s.mean == 0 && s.max == 0)
  }

  @Test func summaryIsInMilliseconds() {
    var h = LatencyHistogram()
    for _ in 0..<10 { h.record(micros: 12_345) }
    let s = LatencySummary(h)
    #expect(abs(s.p50 - 12.345) < 0.013)
    #expect(s.max == 12.345)
    #expect(s.mean == 12.345)
  }
}

@Suite struct LatencyRecorderTests {
  @Test func recorderGivesTheSameHistogramAsRecordingDirectly() {
    let r = LatencyRecorder()
    var h = LatencyHistogram()
    var state: UInt64 = 9
    for _ in 0..<50_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let x = Int64(state >> 40) - 1_000  // includes negatives, clamped to 0
      r.record(micros: x)
      h.record(micros: x)
    }
    r.record(micros: Int64.max)  // clamped to the highest trackable value
    h.record(micros: Int64.max)
    #expect(r.histogram == h)
    #expect(LatencyRecorder().histogram == LatencyHistogram())
  }
}

@Suite struct HistogramPrecisionTests {
  /// Merging histograms of different precision gives what recording everything at the
  /// coarser precision gives: exact at that precision, in either order.
  @Test(arguments: [(11, 7), (7, 11), (5, 3)])
  func mergeAcrossPrecisionsIsExactAtTheCoarserOne(bits: (Int, Int)) {
    var a = LatencyHistogram(subBucketBits: bits.0)
    var b = LatencyHistogram(subBucketBits: bits.1)
    var both = LatencyHistogram(subBucketBits: min(bits.0, bits.1))
    var x: Int64 = 7
    for i in 0..<5_000 {
      x = (x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407) & 0xFFFF_FFFF
      let v = Int64(x % 5_000_000)
      if i % 3 == 0 { a.record(micros: v) } else { b.record(micros: v) }
      both.record(micros: v)
    }
    a.merge(b)
    #expect(a == both)
    #expect(a.subBucketBits == min(bits.0, bits.1))
  }

  @Test func decodingRefusesBucketsBeyondTheTrackableRange() throws {
    let json =
      #"{"subBucketBits": 3, "count": 1, "sumMicros": 1, "minMicros": 1, "maxMicros": 1, "buckets": "16000000:1"}"#
    #expect(throws: (any Error).self) { try JSONDecoder().decode(LatencyHistogram.self, from: Data(json.utf8)) }
  }
}
