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
