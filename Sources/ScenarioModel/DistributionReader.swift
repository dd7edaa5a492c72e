import SimKernel

/// Reads a latency distribution object such as `{"dist": "lognormal", "median": 20, "p99": 80}`.
/// The unit comes from the field's name (`handlerMs` is in milliseconds). A bare number means
/// a constant.
enum DistributionReader {
  static let kinds = ["constant", "exponential", "uniform", "normal", "lognormal", "gamma", "weibull", "empirical"]

  static func read(_ v: JSONValue, at path: String) throws(ScenarioError) -> Distribution {
    if case .number = v {
      return .constant(try ObjectReader.number(v, at: path, min: 0, max: ScenarioLimits.largestLatencyMs))
    }
    var r = try ObjectReader(v, at: path)
    var kind = ""
    try r.string("dist", into: &kind)
    guard !kind.isEmpty else {
      throw ScenarioError(r.childPath("dist"), "missing: say which distribution (\(kinds.joined(separator: ", ")))")
    }
    func need(_ key: String, _ r: inout ObjectReader, positive: Bool = false) throws(ScenarioError) -> Double {
      guard r.has(key) else { throw ScenarioError(r.childPath(key), "missing: a \(kind) distribution needs it") }
      var x = 0.0
      try r.number(key, into: &x, min: 0, max: ScenarioLimits.largestLatencyMs, exclusiveMin: positive)
      return x
    }
    let d: Distribution
    switch kind {
    case "constant":
      d = .constant(try need("value", &r))
    case "exponential":
      d = .exponential(mean: try need("mean", &r, positive: true))
    case "uniform":
      let lo = try need("min", &r)
      let hi = try need("max", &r)
      guard hi >= lo else { throw ScenarioError(r.childPath("max"), "\(format(hi)) is below min \(format(lo))") }
      d = .uniform(low: lo, high: hi)
    case "normal":
      d = .normal(mean: try need("mean", &r), standardDeviation: try need("stddev", &r))
    case "lognormal":
      let median = try need("median", &r, positive: true)
      let p99 = try need("p99", &r, positive: true)
      guard p99 >= median else {
        throw ScenarioError(r.childPath("p99"), "\(format(p99)) is below the median \(format(median))")
      }
      d = p99 == median ? .constant(median) : .lognormal(median: median, p99: p99)
    case "gamma":
      d = .gamma(shape: try need("shape", &r, positive: true), scale: try need("scale", &r, positive: true))
    case "weibull":
      d = .weibull(shape: try need("shape", &r, positive: true), scale: try need("scale", &r, positive: true))
    case "empirical":
      d = try empirical(&r)
    default:
      throw ScenarioError(r.childPath("dist"), "\"\(kind)\" is not one of \(kinds.joined(separator: ", "))")
    }
    try r.finish()
    return d
  }

  /// `{"dist": "empirical", "samples": [..]}` or `{"dist": "empirical", "percentiles": {"50": 20, "99": 80}}`.
  private static func empirical(_ r: inout ObjectReader) throws(ScenarioError) -> Distribution {
    if let v = r.raw("samples") {
      let path = r.childPath("samples")
      guard case .array(let items) = v, !items.isEmpty else {
        throw ScenarioError(path, "expected a non-empty array of numbers, got \(v.brief)")
      }
      var xs: [Double] = []
      for (i, item) in items.enumerated() {
        xs.append(try ObjectReader.number(item, at: "\(path)[\(i)]", min: 0, max: ScenarioLimits.largestLatencyMs))
      }
      return .empiricalSamples(xs)
    }
    guard let v = r.raw("percentiles") else {
      throw ScenarioError(r.childPath("samples"), "missing: an empirical distribution needs samples or percentiles")
    }
    let path = r.childPath("percentiles")
    guard case .object(let members) = v, !members.isEmpty else {
      throw ScenarioError(path, "expected an object such as {\"50\": 20, \"99\": 80}, got \(v.brief)")
    }
    var points: [Distribution.QuantilePoint] = []
    for m in members {
      guard let q = Double(m.key), q >= 0, q <= 100 else {
        throw ScenarioError("\(path).\(m.key)", "\"\(m.key)\" is not a percentile between 0 and 100")
      }
      let x = try ObjectReader.number(m.value, at: "\(path).\(m.key)", min: 0, max: ScenarioLimits.largestLatencyMs)
      points.append(.init(quantile: q / 100, value: x))
    }
    points.sort { $0.quantile < $1.quantile }
    for (a, b) in zip(points, points.dropFirst()) where b.value < a.value {
      throw ScenarioError(
        path,
        "values must not decrease with the percentile (p\(format(b.quantile * 100)) = \(format(b.value)) < p\(format(a.quantile * 100)) = \(format(a.value)))"
      )
    }
    return .empiricalPercentiles(points)
  }
}
