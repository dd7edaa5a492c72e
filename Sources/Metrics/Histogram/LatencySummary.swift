/// The headline figures of one latency histogram, in milliseconds rounded to the microsecond.
public struct LatencySummary: Codable, Sendable, Equatable {
  public var count: UInt64
  /// The fastest sample (absent in reports written before it was added).
  public var min: Double?
  public var mean: Double
  public var p50: Double
  public var p90: Double
  public var p95: Double
  public var p99: Double
  public var p999: Double
  public var max: Double

  public init(_ h: LatencyHistogram) {
    func ms(_ micros: Double) -> Double { (micros).rounded() / 1000 }
    count = h.count
    min = ms(Double(h.minMicros))
    mean = ms(h.meanMicros)
    p50 = ms(h.percentileMicros(0.50))
    p90 = ms(h.percentileMicros(0.90))
    p95 = ms(h.percentileMicros(0.95))
    p99 = ms(h.percentileMicros(0.99))
    p999 = ms(h.percentileMicros(0.999))
    max = ms(Double(h.maxMicros))
  }

  /// Looks a figure up by its JSON name (`p99`, `mean`, ...), for thresholds and SLOs.
  public func value(named name: String) -> Double? {
    switch name {
    case "count": Double(count)
    case "min": min
    case "mean": mean
    case "p50": p50
    case "p90": p90
    case "p95": p95
    case "p99": p99
    case "p999": p999
    case "max": max
    default: nil
    }
  }
}
