import Metrics
import Pricing
import ScenarioModel

/// What the components report as the simulation runs: histograms per stage, counters and a
/// time series. Only events of visits that started in the measured window are passed here.
///
/// Memory is fixed: one histogram per stage and one counter array per series.
struct SimulationRecorder {
  // Fixed-buffer recorders, one per stage: recording into a `LatencyHistogram` value costs a
  // copy-on-write check per value (measured at 15% of a whole run).
  let pageLoad = LatencyRecorder()
  let counterApi = LatencyRecorder()
  let dns = LatencyRecorder()
  let cdn = LatencyRecorder()
  let origin = LatencyRecorder()
  let apiGateway = LatencyRecorder()
  let lambda = LatencyRecorder()
  let dynamodb = LatencyRecorder()
  var errors = [UInt64](repeating: 0, count: ErrorKind.allCases.count)
  var series: TimeSeriesRecorder
  /// Visits per whole minute of the window, for the busiest minute (one counter per minute:
  /// 4.6 MB for the longest window the limits allow, never per visit).
  var visitsPerMinute: TimeSeriesRecorder
  /// The browser-observed counter API latency per time bucket, for its p99 over time (kept by
  /// the part that answers the browser).
  let counterApiByBucket: BucketedLatency?

  var visits: UInt64 = 0
  var browserRequests: UInt64 = 0
  var dnsLookups: UInt64 = 0
  var dnsCacheHits: UInt64 = 0
  var cdnRequests: UInt64 = 0
  var cdnHits: UInt64 = 0
  var originFetches: UInt64 = 0
  var cdnBytesOut: UInt64 = 0
  var apiRequests: UInt64 = 0
  var apiPreflights: UInt64 = 0
  var apiThrottled: UInt64 = 0
  var invocations: UInt64 = 0
  var coldStarts: UInt64 = 0
  var lambdaThrottled: UInt64 = 0
  var provisionedInvocations: UInt64 = 0
  var lambdaTimeouts: UInt64 = 0
  var billedDurationMs: UInt64 = 0
  var billedInitMs: UInt64 = 0
  var provisionedBilledDurationMs: UInt64 = 0
  var dynamoWrites: UInt64 = 0
  var dynamoThrottled: UInt64 = 0
  var dynamoRetries: UInt64 = 0
  var dynamoFailed: UInt64 = 0

  /// Time-series columns.
  enum Series: Int, CaseIterable {
    case visits, coldStarts, lambdaThrottles, apiGatewayThrottles, dynamodbThrottles, errors
    var name: String {
      switch self {
      case .visits: CountSeries.visits.rawValue
      case .coldStarts: CountSeries.coldStarts.rawValue
      case .lambdaThrottles: CountSeries.lambdaThrottles.rawValue
      case .apiGatewayThrottles: CountSeries.apiGatewayThrottles.rawValue
      case .dynamodbThrottles: CountSeries.dynamodbThrottles.rawValue
      case .errors: CountSeries.errors.rawValue
      }
    }
  }

  init(windowStart: Int64, windowLength: Int64, latencyOverTime: Bool = false) {
    series = TimeSeriesRecorder(
      names: Series.allCases.map(\.name), startNanoseconds: windowStart, lengthNanoseconds: windowLength)
    counterApiByBucket = latencyOverTime ? BucketedLatency(matching: series) : nil
    visitsPerMinute = TimeSeriesRecorder(
      names: [Series.visits.name], startNanoseconds: windowStart, lengthNanoseconds: windowLength,
      minimumBucketSeconds: 60, maxBuckets: Int(max(1, windowLength / 60_000_000_000 + 1)))
  }

  /// Adds what `other` recorded over the same window (the other part of the same simulation).
  mutating func add(_ other: SimulationRecorder) {
    for stage in Stage.allCases { recorder(stage).add(other.recorder(stage)) }
    for i in errors.indices { errors[i] &+= other.errors[i] }
    series.add(other.series)
    visitsPerMinute.add(other.visitsPerMinute)
    if let mine = counterApiByBucket, let theirs = other.counterApiByBucket { mine.add(theirs) }
    visits &+= other.visits
    browserRequests &+= other.browserRequests
    dnsLookups &+= other.dnsLookups
    dnsCacheHits &+= other.dnsCacheHits
    cdnRequests &+= other.cdnRequests
    cdnHits &+= other.cdnHits
    originFetches &+= other.originFetches
    cdnBytesOut &+= other.cdnBytesOut
    apiRequests &+= other.apiRequests
    apiPreflights &+= other.apiPreflights
    apiThrottled &+= other.apiThrottled
    invocations &+= other.invocations
    coldStarts &+= other.coldStarts
    lambdaThrottled &+= other.lambdaThrottled
    provisionedInvocations &+= other.provisionedInvocations
    lambdaTimeouts &+= other.lambdaTimeouts
    billedDurationMs &+= other.billedDurationMs
    billedInitMs &+= other.billedInitMs
    provisionedBilledDurationMs &+= other.provisionedBilledDurationMs
    dynamoWrites &+= other.dynamoWrites
    dynamoThrottled &+= other.dynamoThrottled
    dynamoRetries &+= other.dynamoRetries
    dynamoFailed &+= other.dynamoFailed
  }

  @inline(__always)
  func latency(_ stage: Stage, nanoseconds: Int64) {
    recorder(stage).record(micros: nanoseconds / 1_000)
  }

  func histogram(_ stage: Stage) -> LatencyHistogram { recorder(stage).histogram }

  @inline(__always)
  func recorder(_ stage: Stage) -> LatencyRecorder {
    switch stage {
    case .pageLoad: pageLoad
    case .counterApi: counterApi
    case .dns: dns
    case .cdn: cdn
    case .origin: origin
    case .apiGateway: apiGateway
    case .lambda: lambda
    case .dynamodb: dynamodb
    }
  }

  @inline(__always)
  mutating func error(_ kind: ErrorKind, at now: Int64) {
    errors[kind.rawValue] &+= 1
    series.add(Series.errors.rawValue, at: now)
  }

  @inline(__always)
  mutating func mark(_ s: Series, at now: Int64) {
    series.add(s.rawValue, at: now)
    if s == .visits { visitsPerMinute.add(0, at: now) }
  }

  /// The busiest whole minute: its visits and its start in nanoseconds.
  var busiestMinute: (visits: UInt64, startNanoseconds: Int64) {
    let counts = visitsPerMinute.timeSeries.series[Series.visits.name] ?? []
    var best = (visits: UInt64(0), index: 0)
    for (i, c) in counts.enumerated() where c > best.visits { best = (c, i) }
    return (best.visits, visitsPerMinute.startNanoseconds + Int64(best.index) * visitsPerMinute.bucketNanoseconds)
  }
}
