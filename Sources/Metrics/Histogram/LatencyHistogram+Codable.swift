/// Sparse serialisation: only non-empty buckets are written, as one string of
/// `index:count` pairs separated by spaces (compact even in pretty-printed JSON), so a saved
/// report can be merged with another one later exactly.
extension LatencyHistogram: Codable {
  /// The precision this version writes: a report claiming more is refused.
  public static let writtenSubBucketBits = 11

  enum CodingKeys: String, CodingKey {
    case subBucketBits, count, sumMicros, minMicros, maxMicros, buckets
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let bits = try c.decode(Int.self, forKey: .subBucketBits)
    // This version writes 11 (three significant digits); more would only ask for memory
    // (20 bits is a 2 GB histogram).
    guard (2...Self.writtenSubBucketBits).contains(bits) else {
      throw DecodingError.dataCorruptedError(
        forKey: .subBucketBits, in: c,
        debugDescription: "subBucketBits \(bits) is outside 2 to \(Self.writtenSubBucketBits), what visitorsim writes")
    }
    self.init(subBucketBits: bits)
    let text = try c.decode(String.self, forKey: .buckets)
    let lastIndex = Self.index(of: Self.highestTrackableMicros, subBucketBits: bits)
    for pair in text.split(separator: " ") {
      let parts = pair.split(separator: ":")
      guard parts.count == 2, let i = Int(parts[0]), i >= 0, i <= lastIndex, let n = UInt64(parts[1]) else {
        throw DecodingError.dataCorruptedError(
          forKey: .buckets, in: c, debugDescription: "each bucket must be index:count, got \(pair)")
      }
      if i >= counts.count { grow(to: i) }
      let (sum, overflow) = counts[i].addingReportingOverflow(n)
      guard !overflow else {
        throw DecodingError.dataCorruptedError(forKey: .buckets, in: c, debugDescription: "bucket \(i)'s count overflows")
      }
      counts[i] = sum
    }
    _count = try c.decode(UInt64.self, forKey: .count)
    _sumMicros = try c.decode(Int64.self, forKey: .sumMicros)
    _minMicros = try c.decode(Int64.self, forKey: .minMicros)
    _maxMicros = try c.decode(Int64.self, forKey: .maxMicros)
    var total: UInt64 = 0
    for n in counts {
      let (sum, overflow) = total.addingReportingOverflow(n)
      guard !overflow else {
        throw DecodingError.dataCorruptedError(
          forKey: .count, in: c, debugDescription: "the buckets' counts add up past 2^64")
      }
      total = sum
    }
    guard total == count else {
      throw DecodingError.dataCorruptedError(
        forKey: .count, in: c, debugDescription: "count does not equal the sum of the buckets")
    }
    guard minMicros >= 0, minMicros <= maxMicros || count == 0 else {
      throw DecodingError.dataCorruptedError(
        forKey: .minMicros, in: c, debugDescription: "minMicros must be at least 0 and at most maxMicros")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(subBucketBits, forKey: .subBucketBits)
    try c.encode(count, forKey: .count)
    try c.encode(sumMicros, forKey: .sumMicros)
    try c.encode(minMicros, forKey: .minMicros)
    try c.encode(maxMicros, forKey: .maxMicros)
    try c.encode(nonEmptyBuckets.map { "\($0.index):\($0.count)" }.joined(separator: " "), forKey: .buckets)
  }
}
