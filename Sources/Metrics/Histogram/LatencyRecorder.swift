/// The write side of a `LatencyHistogram` for hot loops: one fixed buffer covering every
/// trackable value, so recording is an index computation and an add, with no copy-on-write
/// check and no growth. `histogram` returns the value type for reports and merging.
///
/// A reference type on purpose: it is owned by one simulation (one thread) and never shared.
/// Memory is fixed (about 256 KB at three significant digits) whatever the number of values.
///
/// - Complexity: `record` is O(1); `histogram` is O(buckets).
public final class LatencyRecorder {
  public let subBucketBits: Int
  @usableFromInline let counts: UnsafeMutablePointer<UInt64>
  @usableFromInline let capacity: Int
  // Unchecked exclusivity: one owner, one thread; dynamic checks on every record cost more
  // than the record itself.
  @exclusivity(unchecked) @usableFromInline var count: UInt64 = 0
  @exclusivity(unchecked) @usableFromInline var sumMicros: Int64 = 0
  @exclusivity(unchecked) @usableFromInline var minMicros: Int64 = .max
  @exclusivity(unchecked) @usableFromInline var maxMicros: Int64 = 0

  public init(subBucketBits: Int = 11) {
    precondition((2...20).contains(subBucketBits), "subBucketBits out of range")
    self.subBucketBits = subBucketBits
    capacity = LatencyHistogram.index(of: LatencyHistogram.highestTrackableMicros, subBucketBits: subBucketBits) + 1
    counts = .allocate(capacity: capacity)
    counts.initialize(repeating: 0, count: capacity)
  }

  deinit { counts.deallocate() }

  /// Records one value in microseconds (negative values count as zero).
  @inlinable @inline(__always)
  public func record(micros raw: Int64) {
    let value = min(max(raw, 0), LatencyHistogram.highestTrackableMicros)
    counts[LatencyHistogram.index(of: value, subBucketBits: subBucketBits)] &+= 1
    count &+= 1
    sumMicros &+= value
    minMicros = min(minMicros, value)
    maxMicros = max(maxMicros, value)
  }

  /// Adds every value `other` recorded (same precision): exact, as recording both here.
  public func add(_ other: LatencyRecorder) {
    precondition(other.subBucketBits == subBucketBits, "adding recorders of different precision")
    guard other.count > 0 else { return }
    for i in 0..<capacity { counts[i] &+= other.counts[i] }
    count &+= other.count
    sumMicros &+= other.sumMicros
    minMicros = min(minMicros, other.minMicros)
    maxMicros = max(maxMicros, other.maxMicros)
  }

  /// Everything recorded so far, as a mergeable histogram.
  public var histogram: LatencyHistogram {
    LatencyHistogram(
      subBucketBits: subBucketBits, counts: Array(UnsafeBufferPointer(start: counts, count: capacity)),
      count: count, sumMicros: sumMicros, minMicros: count == 0 ? 0 : minMicros, maxMicros: maxMicros)
  }
}
