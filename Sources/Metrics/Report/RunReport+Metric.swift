import Foundation

extension RunReport {
  /// A figure of the report by its JSON path (`counterApi.p99`, `errors.rate`,
  /// `lambda.coldStartRatio`, `cost.monthly.total`), for SLOs, thresholds and sweeps.
  /// Latency stages may be named without `latencyMs.`. Nil when there is no such number.
  public func metric(_ path: String) -> Double? {
    var parts = path.split(separator: ".").map(String.init)
    // `lambda.p99` is the Lambda latency stage; `lambda.coldStartRatio` the Lambda section.
    if parts.count == 2, let stage = latencyMs[parts[0]], stage.value(named: parts[1]) != nil {
      parts.insert("latencyMs", at: 0)
    }
    guard let data = try? JSONEncoder().encode(self),
      var node = try? JSONSerialization.jsonObject(with: data) as Any
    else { return nil }
    for part in parts {
      guard let object = node as? [String: Any], let next = object[part] else { return nil }
      node = next
    }
    return (node as? NSNumber)?.doubleValue
  }

  /// The figures replications report with confidence intervals.
  public static let headlineFigures = [
    "pageLoad.p50", "pageLoad.p99", "counterApi.p50", "counterApi.p99", "lambda.coldStartRatio",
    "lambda.throttleRatio", "lambda.meanInstances", "lambda.meanBusyInstances", "errors.rate", "cost.monthly.total",
  ]
}
