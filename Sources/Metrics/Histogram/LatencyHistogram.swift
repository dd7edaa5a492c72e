/// A mergeable log-linear latency histogram in the style of HdrHistogram.
///
/// Values are whole microseconds. Below `2^subBucketBits` every value has its own bucket; above,
/// each power of two is split into `2^(subBucketBits-1)` equal buckets, so the relative error of
/// any reported value is below `2^-(subBucketBits-1)`: 11 bits give 0.1% (three significant
/// digits). Memory depends on the largest value recorded, never on how many were recorded, and
/// two histograms of the same precision merge exactly by adding their counts.
///
/// - Complexity: `record` is O(1); `percentile` and `merge` are O(buckets).
public struct LatencyHistogram: Sendable, Equatable {
  /// log2 of the number of exact buckets before the log-linear part starts.
  public let subBucketBits: Int
  @usableFromInline var counts: [UInt64]
  /// Number of values recorded.
  public var count: UInt64 { _count }
  /// Exact sum of the values, in microseconds.
  public var sumMicros: Int64 { _sumMicros }
  /// Exact smallest and largest values (0 when empty).
  public var minMicros: Int64 { _minMicros }
  public var maxMicros: Int64 { _maxMicros }
  @usableFromInline var _count: UInt64 = 0
  @usableFromInline var _sumMicros: Int64 = 0
  @usableFromInline var _minMicros: Int64 = 0
  @usableFromInline var _maxMicros: Int64 = 0

  /// Largest value kept exactly; larger ones are clamped to it (about 12.7 days).
  @inlinable public static var highestTrackableMicros: Int64 { 1 << 40 }

  /// - Parameter subBucketBits: 11 for three significant digits (the default), fewer for
  ///   coarse per-interval histograms.
  public init(subBucketBits: Int = 11) {
    precondition((2...20).contains(subBucketBits), "subBucketBits out of range")
    self.subBucketBits = subBucketBits
    counts = []
  }

  /// The bucket index of a non-negative value.
  @inlinable @inline(__always)
  func index(of value: Int64) -> Int { Self.index(of: value, subBucketBits: subBucketBits) }

  /// The bucket index of a non-negative value at a given precision. Wrapping arithmetic: the
  /// value is at most `highestTrackableMicros`, so nothing can overflow, and the checks cost
  /// a branch each on every recorded value.
  @inlinable @inline(__always)
  static func index(of value: Int64, subBucketBits: Int) -> Int {
    let v = UInt64(truncatingIfNeeded: value)
    let exact = 1 &<< subBucketBits
    if v < UInt64(exact) { return Int(truncatingIfNeeded: v) }
    let shift = (64 &- v.leadingZeroBitCount) &- subBucketBits  // >= 1
    let half = 1 &<< (subBucketBits &- 1)
    return exact &+ (shift &- 1) &* half &+ Int(truncatingIfNeeded: v &>> UInt64(shift)) &- half
  }

  /// Builds a histogram from raw bucket counts and exact statistics (for `LatencyRecorder`).
  init(subBucketBits: Int, counts: [UInt64], count: UInt64, sumMicros: Int64, minMicros: Int64, maxMicros: Int64) {
    self.init(subBucketBits: subBucketBits)
    var used = counts.count
    while used > 0 && counts[used - 1] == 0 { used -= 1 }
    self.counts = Array(counts[0..<used])
    _count = count
    _sumMicros = sumMicros
    _minMicros = minMicros
    _maxMicros = maxMicros
  }

  /// The smallest value that lands in bucket `index`, and the bucket's width.
  func bucketRange(_ index: Int) -> (low: Int64, width: Int64) {
    let exact = 1 << subBucketBits
    if index < exact { return (Int64(index), 1) }
    let half = 1 << (subBucketBits - 1)
    let shift = (index - exact) / half + 1
    let mantissa = (index - exact) % half + half
    return (Int64(mantissa) << Int64(shift), Int64(1) << Int64(shift))
  }

  /// Records one value in microseconds (negative values count as zero).
  @inlinable
  public mutating func record(micros raw: Int64) {
    let value = min(max(raw, 0), Self.highestTrackableMicros)
    let i = index(of: value)
    if i >= counts.count { grow(to: i) }
    counts[i] &+= 1
    if _count == 0 || value < _minMicros { _minMicros = value }
    if value > _maxMicros { _maxMicros = value }
    _count &+= 1
    _sumMicros &+= value
  }

  @usableFromInline mutating func grow(to index: Int) {
    counts.append(contentsOf: repeatElement(0, count: index + 1 - counts.count))
  }

  /// Adds every value of `other` to this histogram. Exact: the result is what recording both
  /// streams into one histogram would have given.
  ///
  /// Histograms of different precision merge at the coarser one: each finer bucket lies inside
  /// exactly one coarser bucket, so the result is exact at that precision.
  public mutating func merge(_ other: LatencyHistogram) {
    if other.subBucketBits < subBucketBits { self = coarsened(to: other.subBucketBits) }
    let other = other.subBucketBits > subBucketBits ? other.coarsened(to: subBucketBits) : other
    guard other.count > 0 else { return }
    if other.counts.count > counts.count { grow(to: other.counts.count - 1) }
    for (i, c) in other.counts.enumerated() where c != 0 { counts[i] &+= c }
    _minMicros = _count == 0 ? other._minMicros : min(_minMicros, other._minMicros)
    _maxMicros = max(_maxMicros, other._maxMicros)
    _count &+= other._count
    _sumMicros &+= other._sumMicros
  }

  /// The same values at a lower precision (`bits` at most `subBucketBits`): every bucket's
  /// count moves to the coarser bucket that holds its lowest value; count, sum, min and max
  /// stay exact.
  public func coarsened(to bits: Int) -> LatencyHistogram {
    precondition(bits <= subBucketBits && bits >= 2, "coarsening to a finer precision")
    guard bits < subBucketBits else { return self }
    var coarse = [UInt64]()
    for (i, c) in counts.enumerated() where c != 0 {
      let j = Self.index(of: bucketRange(i).low, subBucketBits: bits)
      if j >= coarse.count { coarse.append(contentsOf: repeatElement(0, count: j + 1 - coarse.count)) }
      coarse[j] &+= c
    }
    return LatencyHistogram(
      subBucketBits: bits, counts: coarse, count: _count, sumMicros: _sumMicros, minMicros: _minMicros,
      maxMicros: _maxMicros)
  }

  /// Mean in microseconds (0 when empty).
  public var meanMicros: Double { count == 0 ? 0 : Double(sumMicros) / Double(count) }

  /// The value at quantile `q` (0...1) in microseconds: the middle of the bucket holding the
  /// rank-⌈q·count⌉ value, kept within the exact min and max. 0 when empty.
  public func percentileMicros(_ q: Double) -> Double {
    guard count > 0 else { return 0 }
    if q >= 1 { return Double(maxMicros) }
    let rank = max(1, UInt64((q * Double(count)).rounded(.up)))
    var seen: UInt64 = 0
    for (i, c) in counts.enumerated() where c != 0 {
      seen += c
      if seen >= rank {
        let (low, width) = bucketRange(i)
        let mid = Double(low) + Double(width - 1) / 2
        return min(max(mid, Double(minMicros)), Double(maxMicros))
      }
    }
    return Double(maxMicros)
  }

  /// Fraction of recorded values at or below `micros` (bucket resolution).
  public func fraction(atOrBelow micros: Int64) -> Double {
    guard count > 0 else { return 0 }
    let last = index(of: min(max(micros, 0), Self.highestTrackableMicros))
    var seen: UInt64 = 0
    for i in 0..<min(last + 1, counts.count) { seen += counts[i] }
    return Double(seen) / Double(count)
  }

  /// Non-empty buckets as (the middle of the bucket in microseconds, count), for fits.
  public var populatedBuckets: [(midMicros: Double, count: UInt64)] {
    nonEmptyBuckets.map { b in
      let (low, width) = bucketRange(b.index)
      return (Double(low) + Double(width) / 2, b.count)
    }
  }

  /// Non-empty buckets as (index, count), for serialisation and merging across processes.
  public var nonEmptyBuckets: [(index: Int, count: UInt64)] {
    counts.enumerated().compactMap { $0.element == 0 ? nil : ($0.offset, $0.element) }
  }
}

extension LatencyHistogram {
  /// The cumulative distribution as (upper edge in ms, fraction at or below), at most
  /// `maxPoints` points spread over the recorded range, for plotting.
  public func cumulativeMs(maxPoints: Int = 200) -> [(ms: Double, fraction: Double)] {
    guard count > 0 else { return [] }
    var points: [(Double, Double)] = []
    var seen: UInt64 = 0
    for (i, c) in counts.enumerated() where c != 0 {
      seen += c
      let (low, width) = bucketRange(i)
      points.append((Double(low + width) / 1000, Double(seen) / Double(count)))
    }
    guard points.count > maxPoints else { return points }
    let step = Double(points.count - 1) / Double(maxPoints - 1)
    return (0..<maxPoints).map { points[Int((Double($0) * step).rounded())] }
  }
}
