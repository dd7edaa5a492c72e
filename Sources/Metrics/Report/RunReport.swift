/// The one result format of visitorsim, shared by simulated and live runs.
///
/// Everything here is data: renderers turn it into text, JSON, CSV or HTML, and reports from
/// several seeds or several load-generator machines merge into one (histograms add exactly).
/// Sections a mode cannot observe (a live run cannot see Lambda environments) are nil and
/// left out of the JSON.
public struct RunReport: Codable, Sendable, Equatable {
  /// "simulate" or "live".
  public var mode: String
  /// The scenario's `name`.
  public var scenario: String
  public var seed: UInt64
  /// Length of the measured window (after warm-up), in seconds.
  public var simulatedSeconds: Double
  /// Warm-up discarded before the measured window, in seconds.
  public var warmupSeconds: Double
  /// Visits that started inside the measured window.
  public var visits: UInt64
  /// Summary per stage: pageLoad, counterApi, dns, cdn, origin, apiGateway, lambda, dynamodb.
  public var latencyMs: [String: LatencySummary]
  public var cdn: CDNStats?
  public var dns: DNSStats?
  public var apiGateway: APIGatewayStats?
  public var lambda: LambdaStats?
  public var dynamodb: DynamoDBStats?
  public var errors: ErrorStats
  public var timeSeries: TimeSeries?
  public var cost: CostReport?
  /// Responses by HTTP status code (live runs).
  public var statusCounts: [String: UInt64]?
  /// Independent replications merged into this report (nil for a single run).
  public var replications: Int?
  /// 95% confidence intervals of headline figures across replications.
  public var confidence: [String: ConfidenceInterval]?
  /// The full histograms behind `latencyMs`, so reports merge exactly.
  public var histograms: [String: LatencyHistogram]
  /// Caveats the reader must see (scaling, saturation, model limits).
  public var notes: [String]
  /// The identity of each live run this report holds (one random id per run; a merged report
  /// lists them all), so that `merge` can refuse to count one run twice. Nil for simulations.
  public var runIds: [String]?
  /// How a live run's requests ended (nil for simulations).
  public var live: LiveStats?
  /// How a live run was made: workload, targets, connections, start time, version.
  public var liveSettings: LiveSettings?

  public init(
    mode: String, scenario: String, seed: UInt64, simulatedSeconds: Double, warmupSeconds: Double,
    visits: UInt64, histograms: [String: LatencyHistogram], errors: ErrorStats
  ) {
    self.mode = mode
    self.scenario = scenario
    self.seed = seed
    self.simulatedSeconds = simulatedSeconds
    self.warmupSeconds = warmupSeconds
    self.visits = visits
    self.histograms = histograms
    self.latencyMs = histograms.mapValues(LatencySummary.init)
    self.errors = errors
    self.notes = []
  }
}

/// CDN requests (page and assets) and how many the edge answered from cache.
public struct CDNStats: Codable, Sendable, Equatable {
  public var requests: UInt64
  public var hits: UInt64
  public var hitRatio: Double
  /// Requests that went to the S3 origin.
  public var originFetches: UInt64
  /// Bytes the edge sent to browsers.
  public var bytesOut: UInt64
  public init(requests: UInt64, hits: UInt64, originFetches: UInt64, bytesOut: UInt64) {
    self.requests = requests
    self.hits = hits
    self.hitRatio = ratio(hits, requests)
    self.originFetches = originFetches
    self.bytesOut = bytesOut
  }
}

/// DNS lookups made by browsers and how many reached Route 53.
public struct DNSStats: Codable, Sendable, Equatable {
  public var lookups: UInt64
  public var resolverCacheHits: UInt64
  /// Queries that reached Route 53 (resolver cache misses).
  public var route53Queries: UInt64
  public init(lookups: UInt64, resolverCacheHits: UInt64, route53Queries: UInt64) {
    self.lookups = lookups
    self.resolverCacheHits = resolverCacheHits
    self.route53Queries = route53Queries
  }
}

public struct APIGatewayStats: Codable, Sendable, Equatable {
  /// Requests that reached API Gateway, CORS preflights included.
  public var requests: UInt64
  public var preflights: UInt64
  /// Requests refused by the account's token bucket (429).
  public var throttled: UInt64
  public init(requests: UInt64, preflights: UInt64, throttled: UInt64) {
    self.requests = requests
    self.preflights = preflights
    self.throttled = throttled
  }
}

public struct LambdaStats: Codable, Sendable, Equatable {
  /// Invocations that ran (throttled ones are not invocations).
  public var invocations: UInt64
  public var coldStarts: UInt64
  public var coldStartRatio: Double
  /// Invocations refused for concurrency or scaling rate.
  public var throttled: UInt64
  public var throttleRatio: Double
  /// Invocations served by a provisioned-concurrency environment.
  public var provisionedInvocations: UInt64
  public var timeouts: UInt64
  /// Time-average of live environments, idle or busy.
  public var meanInstances: Double
  /// Time-average of environments running a request.
  public var meanBusyInstances: Double
  /// Most environments busy at once.
  public var peakConcurrency: Int
  /// Billed milliseconds summed over invocations: handler rounded up to 1 ms, plus init.
  public var billedDurationMs: UInt64
  /// Of which init (cold start) milliseconds.
  public var billedInitMs: UInt64
  /// Billed milliseconds of invocations on provisioned environments (their own, lower rate).
  public var provisionedBilledDurationMs: UInt64

  public init(
    invocations: UInt64, coldStarts: UInt64, throttled: UInt64, provisionedInvocations: UInt64,
    timeouts: UInt64, meanInstances: Double, meanBusyInstances: Double, peakConcurrency: Int,
    billedDurationMs: UInt64, billedInitMs: UInt64, provisionedBilledDurationMs: UInt64
  ) {
    self.invocations = invocations
    self.coldStarts = coldStarts
    self.coldStartRatio = ratio(coldStarts, invocations)
    self.throttled = throttled
    self.throttleRatio = ratio(throttled, invocations + throttled)
    self.provisionedInvocations = provisionedInvocations
    self.timeouts = timeouts
    self.meanInstances = meanInstances
    self.meanBusyInstances = meanBusyInstances
    self.peakConcurrency = peakConcurrency
    self.billedDurationMs = billedDurationMs
    self.billedInitMs = billedInitMs
    self.provisionedBilledDurationMs = provisionedBilledDurationMs
  }
}

public struct DynamoDBStats: Codable, Sendable, Equatable {
  /// Successful UpdateItem calls (one write unit each: the counter item is under 1 KB).
  public var writes: UInt64
  /// Attempts refused for capacity.
  public var throttled: UInt64
  /// Attempts the SDK made again after a throttle.
  public var retries: UInt64
  /// Calls that failed after the SDK's last attempt.
  public var failed: UInt64
  public init(writes: UInt64, throttled: UInt64, retries: UInt64, failed: UInt64) {
    self.writes = writes
    self.throttled = throttled
    self.retries = retries
    self.failed = failed
  }
}

/// Failed browser requests. `rate` is failed requests over all requests the browsers made
/// (page, assets, API calls, preflights), as k6's `http_req_failed`.
public struct ErrorStats: Codable, Sendable, Equatable {
  public var total: UInt64
  public var requests: UInt64
  public var rate: Double
  public var byKind: [String: UInt64]
  public init(byKind: [String: UInt64], requests: UInt64) {
    self.byKind = byKind
    self.total = byKind.values.reduce(0, +)
    self.requests = requests
    self.rate = ratio(total, requests)
  }
}

/// A ratio that is 0 rather than NaN when nothing was counted.
@inlinable public func ratio(_ part: UInt64, _ whole: UInt64) -> Double {
  whole == 0 ? 0 : Double(part) / Double(whole)
}
