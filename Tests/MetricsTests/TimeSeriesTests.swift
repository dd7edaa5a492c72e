import Testing

@testable import Metrics

@Suite struct TimeSeriesTests {
  @Test func overlaidSeriesAddAndPadInsteadOfTruncating() {
    let a = TimeSeries(
      bucketSeconds: 1, startSeconds: 0, series: ["visits": [1, 2, 3]], p99Ms: ["counterApi": [5, 9]])
    let b = TimeSeries(
      bucketSeconds: 1, startSeconds: 0, series: ["visits": [10, 20], "errors": [1]], p99Ms: ["counterApi": [7, 1, 4]])
    let m = a.overlaid(with: b)
    #expect(m.series["visits"] == [11, 22, 3])
    #expect(m.series["errors"] == [1])
    #expect(m.p99Ms["counterApi"] == [7, 9, 4])
    let joined = a.followed(by: b)
    #expect(joined.series["visits"] == [1, 2, 3, 10, 20])
  }

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
