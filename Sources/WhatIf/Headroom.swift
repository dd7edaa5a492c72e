import Metrics
import ScenarioModel

/// How close each limited resource of the site is to its limit at one load: the use a run
/// measured against the limit the scenario sets, and the first to saturate as load grows.
///
/// Rates are taken at the busiest minute of the window (so a spike counts), concurrency at its
/// peak, timeouts against the p99 that meets them.
public struct Headroom: Codable, Sendable, Equatable {
  public struct Resource: Codable, Sendable, Equatable {
    /// "DynamoDB item's partition (write units/s)".
    public var name: String
    /// The component `plan` names (`dynamodb`, `lambda`, `apiGateway`, `client`).
    public var component: String
    public var use: Double
    public var limit: Double
    public var unit: String
    /// `use / limit`: 1 is saturated.
    public var share: Double { limit > 0 ? use / limit : 0 }
    /// Whether use grows in proportion to load (a rate or a concurrency), so that the load
    /// where it saturates can be estimated as `multiplier / share`.
    public var proportional: Bool
  }

  /// The load multiplier measured.
  public var multiplier: Double
  public var resources: [Resource]

  /// The resource closest to its limit (the first to saturate as load grows).
  public var tightest: Resource? { resources.max { $0.share < $1.share } }

  public static func measure(_ r: RunReport, scenario s: Scenario, multiplier: Double) -> Headroom {
    var out: [Resource] = []
    let busiest = Double(r.workload?.busiestMinuteVisits ?? 0) / 60
    let visitsPerSecond = max(busiest, r.workload?.meanVisitsPerSecond ?? 0)
    let calls = s.workload.parts == .site ? 0 : Double(s.page.apiCallsPerView)
    if calls > 0 {
      let apiRate = visitsPerSecond * calls
      if s.apiGateway.type != .functionUrl {
        let requests = apiRate * (s.page.corsPreflight ? 2 : 1)
        out.append(
          Resource(
            name: "API Gateway's steady rate (requests/s)", component: "apiGateway", use: requests,
            limit: s.apiGateway.rateLimitPerSecond, unit: "requests/s", proportional: true))
        // The bucket's burst is what a second's arrivals above the steady rate may borrow: the
        // busiest minute's requests in one second against it (Poisson seconds vary about it).
        out.append(
          Resource(
            name: "API Gateway's burst (requests in a second)", component: "apiGateway", use: requests,
            limit: s.apiGateway.burst, unit: "requests", proportional: true))
      }
      if let l = r.lambda {
        out.append(
          Resource(
            name: "Lambda concurrency (environments busy at once)", component: "lambda",
            use: Double(l.peakConcurrency), limit: Double(s.lambda.effectiveConcurrencyLimit), unit: "environments",
            proportional: true))
        // New environments per 10 s at the busiest bucket of cold starts (buckets are a minute
        // or more: its average, so a burst within it may be higher).
        if let ts = r.timeSeries, let colds = ts.series[CountSeries.coldStarts.rawValue], let most = colds.max() {
          out.append(
            Resource(
              name: "Lambda scaling (new environments per 10 s)", component: "lambda",
              use: Double(most) * 10 / ts.bucketSeconds, limit: s.lambda.newEnvironmentsPer10Seconds,
              unit: "per 10 s", proportional: false))
        }
      }
      let writes = apiRate * Double(s.lambda.dynamodbCallsPerInvocation) * Double(s.dynamodb.writeUnitsPerWrite)
      out.append(
        Resource(
          name: "DynamoDB item's partition (write units/s)", component: "dynamodb", use: writes,
          limit: s.dynamodb.partitionWriteUnitsPerSecond, unit: "write units/s", proportional: true))
      if s.dynamodb.billingMode == .provisioned {
        out.append(
          Resource(
            name: "DynamoDB table's provisioned write capacity", component: "dynamodb", use: writes,
            limit: s.dynamodb.writeCapacityUnits, unit: "write units/s", proportional: true))
      }
      if let p99 = r.latencyMs[LatencySeries.counterApi.rawValue]?.p99, (r.latencyMs["counterApi"]?.count ?? 0) > 0 {
        out.append(
          Resource(
            name: "the browser's timeout for the counter call (p99)", component: "client", use: p99,
            limit: s.client.apiTimeoutMs, unit: "ms", proportional: false))
      }
      if let p99 = r.latencyMs[LatencySeries.lambda.rawValue]?.p99, (r.latencyMs["lambda"]?.count ?? 0) > 0 {
        out.append(
          Resource(
            name: "the function's timeout (p99 invocation)", component: "lambda", use: p99,
            limit: s.lambda.timeoutSeconds * 1_000, unit: "ms", proportional: false))
      }
    }
    return Headroom(multiplier: multiplier, resources: out)
  }
}
