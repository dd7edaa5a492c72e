/// One coarse latency histogram per time bucket, for a p99-over-time line (a spike shows).
///
/// Same buckets as a `TimeSeriesRecorder` over the same window; 5 sub-bucket bits give about
/// 3% relative error, and the counts live in one fixed buffer (about 2.4 KB per bucket), so
/// memory depends on the number of buckets, never on the number of values.
public final class BucketedLatency {
  static let subBucketBits = 5
  let perBucket: Int
  let bucketCount: Int
  let startNanoseconds: Int64
  let bucketNanoseconds: Int64
  let counts: UnsafeMutablePointer<UInt32>

  public init(matching series: TimeSeriesRecorder) {
    perBucket =
      LatencyHistogram.index(of: LatencyHistogram.highestTrackableMicros, subBucketBits: Self.subBucketBits) + 1
    bucketCount = series.bucketCount
    startNanoseconds = series.startNanoseconds
    bucketNanoseconds = series.bucketNanoseconds
    counts = .allocate(capacity: perBucket * bucketCount)
    counts.initialize(repeating: 0, count: perBucket * bucketCount)
  }

  deinit { counts.deallocate() }

  /// Records a latency for the bucket holding time `at` (ignored outside the window).
  @inline(__always)
  public func record(micros raw: Int64, at nanoseconds: Int64) {
    let offset = nanoseconds - startNanoseconds
    guard offset >= 0 else { return }
    let bucket = Int(offset / bucketNanoseconds)
    guard bucket < bucketCount else { return }
    let value = min(max(raw, 0), LatencyHistogram.highestTrackableMicros)
    counts[bucket * perBucket + LatencyHistogram.index(of: value, subBucketBits: Self.subBucketBits)] &+= 1
  }

  /// Adds the counts of another over the same buckets.
  public func add(_ other: BucketedLatency) {
    precondition(
      other.bucketCount == bucketCount && other.startNanoseconds == startNanoseconds
        && other.bucketNanoseconds == bucketNanoseconds, "adding latencies over different buckets")
    for i in 0..<(perBucket * bucketCount) { counts[i] &+= other.counts[i] }
  }

  /// The values recorded in each bucket: what each bucket's quantile rests on.
  public var samplesPerBucket: [UInt64] {
    (0..<bucketCount).map { b in
      let base = counts + b * perBucket
      var total: UInt64 = 0
      for i in 0..<perBucket { total += UInt64(base[i]) }
      return total
    }
  }

  /// The `q` quantile of each bucket in milliseconds (0 for an empty bucket).
  public func quantileMs(_ q: Double) -> [Double] {
    let probe = LatencyHistogram(subBucketBits: Self.subBucketBits)
    return (0..<bucketCount).map { b in
      let base = counts + b * perBucket
      var total: UInt64 = 0
      for i in 0..<perBucket { total += UInt64(base[i]) }
      guard total > 0 else { return 0 }
      let rank = max(1, UInt64((q * Double(total)).rounded(.up)))
      var seen: UInt64 = 0
      for i in 0..<perBucket where base[i] != 0 {
        seen += UInt64(base[i])
        if seen >= rank {
          let (low, width) = probe.bucketRange(i)
          return ((Double(low) + Double(width - 1) / 2) / 1000 * 1000).rounded() / 1000
        }
      }
      return 0
    }
  }
}
