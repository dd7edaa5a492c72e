import Testing

@testable import Metrics

@Suite struct TimeSeriesTests {
  @Test func countsLandInTheirMinute() {
    var r = TimeSeriesRecorder(names: ["a", "b"], startNanoseconds: 1_000, lengthNanoseconds: 600_000_000_000)
    #expect(r.bucketCount == 10)
    r.add(0, at: 1_000)
    r.add(0, at: 1_000 + 59_999_999_999)
    r.add(0, at: 1_000 + 60_000_000_000, 5)
    r.add(1, at: 999)  // before the window: ignored
    r.add(1, at: 1_000 + 600_000_000_000)  // after: ignored
    let ts = r.timeSeries
    #expect(ts.series["a"]![0] == 2)
    #expect(ts.series["a"]![1] == 5)
    #expect(ts.series["b"]!.reduce(0, +) == 0)
    #expect(ts.total("a", from: 0, to: 1e9) == 7)
  }

  @Test func longWindowsKeepAtMost1440Buckets() {
    let month: Int64 = 30 * 86_400 * 1_000_000_000
    let r = TimeSeriesRecorder(names: ["x"], startNanoseconds: 0, lengthNanoseconds: month)
    #expect(r.bucketCount <= 1440)
    #expect(r.bucketNanoseconds % 60_000_000_000 == 0)
  }
}

@Suite struct BucketedLatencyTests {
  @Test func p99PerBucketWithinThreePercent() {
    let series = TimeSeriesRecorder(names: ["x"], startNanoseconds: 0, lengthNanoseconds: 180_000_000_000)
    let b = BucketedLatency(matching: series)
    // Bucket 0: 1..1000 ms; bucket 1: all 50 ms; bucket 2: empty.
    for ms in 1...1_000 { b.record(micros: Int64(ms) * 1_000, at: 10_000_000_000) }
    for _ in 0..<100 { b.record(micros: 50_000, at: 70_000_000_000) }
    b.record(micros: 1, at: -5)  // before the window: ignored
    let p99 = b.quantileMs(0.99)
    #expect(p99.count == 3)
    #expect(abs(p99[0] - 990) / 990 < 0.03)
    #expect(abs(p99[1] - 50) / 50 < 0.03)
    #expect(p99[2] == 0)
  }
}
