extension TimeSeries {
  /// The one way to merge series over the same window (replications, shards, loops): counts
  /// add bucket by bucket, p99s keep the larger value; a shorter array counts as zeros, so
  /// nothing is cut off.
  public func overlaid(with other: TimeSeries) -> TimeSeries {
    func combine<T: Numeric>(_ a: [T], _ b: [T], _ f: (T, T) -> T) -> [T] {
      (0..<Swift.max(a.count, b.count)).map { f($0 < a.count ? a[$0] : 0, $0 < b.count ? b[$0] : 0) }
    }
    var merged = self
    for (name, values) in other.series { merged.series[name] = combine(series[name] ?? [], values, +) }
    for (name, values) in other.p99Ms { merged.p99Ms[name] = combine(p99Ms[name] ?? [], values) { Swift.max($0, $1) } }
    return merged
  }

  /// Series of the window that follows this one (time-parallel segments): joined end to end.
  public func followed(by other: TimeSeries) -> TimeSeries {
    var merged = self
    for (name, values) in other.series { merged.series[name, default: []] += values }
    for (name, values) in other.p99Ms { merged.p99Ms[name, default: []] += values }
    return merged
  }
}
