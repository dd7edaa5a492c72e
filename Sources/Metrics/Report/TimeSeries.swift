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

/// Accumulates counts into a `TimeSeries` with a fixed set of series.
///
/// - Complexity: `add` is O(1); memory is `series × buckets` counters.
public struct TimeSeriesRecorder: Sendable {
  public let names: [String]
  public let bucketNanoseconds: Int64
  public let startNanoseconds: Int64
  public let bucketCount: Int
  @usableFromInline var counts: [UInt64]

  /// Picks a bucket width of at least `minimumBucketSeconds` that keeps the series under
  /// `maxBuckets` buckets over the window.
  public init(
    names: [String], startNanoseconds: Int64, lengthNanoseconds: Int64,
    minimumBucketSeconds: Double = 60, maxBuckets: Int = 1440
  ) {
    self.names = names
    self.startNanoseconds = startNanoseconds
    let minimum = Int64(minimumBucketSeconds * 1e9)
    let needed = (lengthNanoseconds + Int64(maxBuckets) - 1) / Int64(maxBuckets)
    // Round the width up to a whole multiple of the minimum so buckets stay readable.
    let width = max(minimum, ((needed + minimum - 1) / minimum) * minimum)
    bucketNanoseconds = width
    bucketCount = max(1, Int((lengthNanoseconds + width - 1) / width))
    counts = Array(repeating: 0, count: names.count * bucketCount)
  }

  /// Adds `amount` to series number `series` at time `nanoseconds` (ignored outside the window).
  @inlinable public mutating func add(_ series: Int, at nanoseconds: Int64, _ amount: UInt64 = 1) {
    let offset = nanoseconds - startNanoseconds
    guard offset >= 0 else { return }
    let bucket = Int(offset / bucketNanoseconds)
    guard bucket < bucketCount else { return }
    counts[series * bucketCount + bucket] &+= amount
  }

  /// Adds the counts of a recorder with the same series and buckets.
  public mutating func add(_ other: TimeSeriesRecorder) {
    precondition(
      other.names == names && other.bucketCount == bucketCount && other.startNanoseconds == startNanoseconds
        && other.bucketNanoseconds == bucketNanoseconds, "adding time series of different shapes")
    for i in counts.indices { counts[i] &+= other.counts[i] }
  }

  public var timeSeries: TimeSeries {
    var series: [String: [UInt64]] = [:]
    for (s, name) in names.enumerated() {
      series[name] = Array(counts[(s * bucketCount)..<((s + 1) * bucketCount)])
    }
    return TimeSeries(
      bucketSeconds: Double(bucketNanoseconds) / 1e9, startSeconds: Double(startNanoseconds) / 1e9,
      series: series)
  }
}
