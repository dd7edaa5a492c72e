/// Counts per fixed-width time bucket (visits, cold starts, throttles, ...), so that a spike
/// is visible. Memory is proportional to the number of buckets, never to the number of events.
public struct TimeSeries: Codable, Sendable, Equatable {
  /// Width of one bucket, in seconds.
  public var bucketSeconds: Double
  /// Start of the first bucket, in seconds of simulated (or wall) time.
  public var startSeconds: Double
  /// One array per series, each with one count per bucket.
  public var series: [String: [UInt64]]
  /// p99 latency per bucket in milliseconds, by stage (about 3% resolution). Merged reports
  /// keep the larger value of each bucket.
  public var p99Ms: [String: [Double]]

  public init(bucketSeconds: Double, startSeconds: Double, series: [String: [UInt64]], p99Ms: [String: [Double]] = [:])
  {
    self.bucketSeconds = bucketSeconds
    self.startSeconds = startSeconds
    self.series = series
    self.p99Ms = p99Ms
  }

  /// Sum of a series over the buckets that start in [from, to) seconds.
  public func total(_ name: String, from: Double, to: Double) -> UInt64 {
    guard let values = series[name] else { return 0 }
    var sum: UInt64 = 0
    for (i, v) in values.enumerated() {
      let t = startSeconds + Double(i) * bucketSeconds
      if t >= from && t < to { sum += v }
    }
    return sum
  }
}
