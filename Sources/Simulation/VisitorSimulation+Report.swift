import Metrics
import Pricing
import ScenarioModel

extension VisitorSimulation {
  /// Turns what the recorder saw into the shared report format.
  func makeReport() -> RunReport {
    // Both parts recorded over the same window; a fresh recorder sums them (the parts' own
    // recorders hold references and stay as they are).
    var r = SimulationRecorder(windowStart: windowStart, windowLength: windowEnd - windowStart, latencyOverTime: true)
    r.add(site.recorder)
    r.add(api.recorder)
    let pool = api.pool
    var histograms: [String: LatencyHistogram] = [:]
    for stage in Stage.allCases { histograms[stage.name] = r.histogram(stage) }
    // Every kind, 0 where none happened, so that `errors.byKind.X<=0` holds when nothing failed.
    var byKind: [String: UInt64] = [:]
    for kind in ErrorKind.allCases { byKind[kind.name] = r.errors[kind.rawValue] }
    let apiFailed = ErrorKind.allCases.filter(\.isCounterApi).reduce(UInt64(0)) { $0 + r.errors[$1.rawValue] }
    let siteFailed = ErrorKind.allCases.filter { !$0.isCounterApi }.reduce(UInt64(0)) { $0 + r.errors[$1.rawValue] }
    let window = Double(windowEnd - windowStart)
    var report = RunReport(
      mode: "simulate", scenario: scenario.name, seed: scenario.seed,
      simulatedSeconds: scenario.durationSeconds, warmupSeconds: scenario.warmupSeconds,
      visits: r.visits, histograms: histograms,
      errors: ErrorStats(
        byKind: byKind, requests: r.browserRequests,
        counterApi: PartErrors(requests: r.apiRequests, total: apiFailed),
        site: PartErrors(requests: r.browserRequests - r.apiRequests, total: siteFailed)))
    let start = scenario.timeOriginSeconds + scenario.warmupSeconds
    let peak = scenario.workload.peakRate(from: start, to: start + scenario.durationSeconds)
    let busiest = r.busiestMinute
    report.workload = WorkloadStats(
      peakVisitsPerSecond: peak?.perSecond, peakAtSeconds: peak?.atSeconds, busiestMinuteVisits: busiest.visits,
      busiestMinuteStartSeconds: scenario.timeOriginSeconds + Double(busiest.startNanoseconds) / 1e9,
      meanVisitsPerSecond: scenario.durationSeconds > 0 ? Double(r.visits) / scenario.durationSeconds : 0)
    report.cdn = CDNStats(
      requests: r.cdnRequests, hits: r.cdnHits, originFetches: r.originFetches, bytesOut: r.cdnBytesOut)
    report.dns = DNSStats(
      lookups: r.dnsLookups, resolverCacheHits: r.dnsCacheHits, route53Queries: r.dnsLookups - r.dnsCacheHits)
    report.apiGateway = APIGatewayStats(requests: r.apiRequests, preflights: r.apiPreflights, throttled: r.apiThrottled)
    report.lambda = LambdaStats(
      invocations: r.invocations, coldStarts: r.coldStarts, throttled: r.lambdaThrottled,
      provisionedInvocations: r.provisionedInvocations, timeouts: r.lambdaTimeouts,
      meanInstances: pool.liveArea / window, meanBusyInstances: pool.busyArea / window,
      peakConcurrency: pool.peakBusy, billedDurationMs: r.billedDurationMs, billedInitMs: r.billedInitMs,
      provisionedBilledDurationMs: r.provisionedBilledDurationMs)
    report.dynamodb = DynamoDBStats(
      writes: r.dynamoWrites, throttled: r.dynamoThrottled, retries: r.dynamoRetries, failed: r.dynamoFailed)
    var series = r.series.timeSeries
    series.p99Ms = [LatencySeries.counterApi.rawValue: r.counterApiByBucket?.quantileMs(0.99) ?? []]
    series.series[CountSeries.counterApiCalls.rawValue] = r.counterApiByBucket?.samplesPerBucket
    report.timeSeries = series
    return report
  }
}
