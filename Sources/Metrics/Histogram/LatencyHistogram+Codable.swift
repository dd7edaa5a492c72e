/// Sparse serialisation: only non-empty buckets are written, as one string of
/// `index:count` pairs separated by spaces (compact even in pretty-printed JSON), so a saved
/// report can be merged with another one later exactly.
extension LatencyHistogram: Codable {
  enum CodingKeys: String, CodingKey {
    case subBucketBits, count, sumMicros, minMicros, maxMicros, buckets
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let bits = try c.decode(Int.self, forKey: .subBucketBits)
    guard (2...20).contains(bits) else {
      throw DecodingError.dataCorruptedError(
        forKey: .subBucketBits, in: c, debugDescription: "subBucketBits \(bits) is outside 2...20")
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
      counts[i] &+= n
    }
    _count = try c.decode(UInt64.self, forKey: .count)
    _sumMicros = try c.decode(Int64.self, forKey: .sumMicros)
    _minMicros = try c.decode(Int64.self, forKey: .minMicros)
    _maxMicros = try c.decode(Int64.self, forKey: .maxMicros)
    guard counts.reduce(0, &+) == count else {
      throw DecodingError.dataCorruptedError(
        forKey: .count, in: c, debugDescription: "count does not equal the sum of the buckets")
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
