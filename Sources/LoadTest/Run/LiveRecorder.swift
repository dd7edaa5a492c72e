import Metrics

/// What one event loop measured: latency histograms per stage (from each request's intended
/// start), service time (from the actual send), generator lag, and counts by status and kind.
final class LiveRecorder {
  /// Stages: page, asset, preflight, counterApi (from intended start), pageLoad (visit),
  /// counterApiService and siteService (from the send), edgeHitService and edgeMissService
  /// (site requests by the CDN's X-Cache header), connect (TCP connect: one round trip),
  /// generatorLag (send minus intended start).
  /// One slot per `LatencySeries` (by its ordinal), made on first use.
  var slots = [LatencyRecorder?](repeating: nil, count: LatencySeries.allCases.count)

  /// The series recorded, by their names in reports.
  var latencies: [String: LatencyRecorder] {
    var out: [String: LatencyRecorder] = [:]
    for (s, r) in zip(LatencySeries.allCases, slots) { if let r { out[s.rawValue] = r } }
    return out
  }
  /// Per kind of request (by `Request.Kind.rawValue`): requests ended (a response or an
  /// error), bytes sent and received, and responses by status code (100 to 999, at
  /// `kind * 1000 + status`), counted in place: a string key per response cost a hash and an
  /// allocation per request.
  var endedByKind = [UInt64](repeating: 0, count: Request.Kind.allCases.count)
  var bytesOutByKind = [UInt64](repeating: 0, count: Request.Kind.allCases.count)
  var bytesInByKind = [UInt64](repeating: 0, count: Request.Kind.allCases.count)
  var statusByKind = [UInt64](repeating: 0, count: Request.Kind.allCases.count * 1_000)
  /// Per kind of request: how many ended in an error.
  var erroredByKind = [UInt64](repeating: 0, count: Request.Kind.allCases.count)
  /// Whether the transport says what it sent (the URLSession transport does not).
  var measuresBytesSent = true

  /// Counts one response of `kind` with `status`.
  @inline(__always)
  func countStatus(_ status: Int, kind: Request.Kind) {
    if status >= 0 && status < 1_000 { statusByKind[kind.rawValue &* 1_000 &+ status] &+= 1 }
  }

  /// The counts by status code as the report keys them ("200"), of one kind or of all.
  func statuses(of kind: Request.Kind? = nil) -> [String: UInt64] {
    var out: [String: UInt64] = [:]
    for k in Request.Kind.allCases where kind == nil || kind == k {
      for code in 0..<1_000 where statusByKind[k.rawValue * 1_000 + code] > 0 {
        out[String(code), default: 0] += statusByKind[k.rawValue * 1_000 + code]
      }
    }
    return out
  }

  /// Response bytes received, and request bytes sent (nil when the transport does not say),
  /// of every kind.
  var bytesIn: UInt64 { bytesInByKind.reduce(0, &+) }
  var bytesOut: UInt64? { measuresBytesSent ? bytesOutByKind.reduce(0, &+) : nil }

  /// Each stage's counts, for the stages that had requests.
  var stages: [String: LiveStats.StageCounts] {
    var out: [String: LiveStats.StageCounts] = [:]
    for k in Request.Kind.allCases where endedByKind[k.rawValue] > 0 {
      out[k.stage.rawValue] = LiveStats.StageCounts(
        requests: endedByKind[k.rawValue], bytesSent: measuresBytesSent ? bytesOutByKind[k.rawValue] : nil,
        bytesReceived: bytesInByKind[k.rawValue], statusCounts: statuses(of: k), errors: erroredByKind[k.rawValue])
    }
    return out
  }

  /// The counter API's requests (calls and preflights) and the site's (page and assets),
  /// with their errors.
  var parts: (counterApi: PartErrors, site: PartErrors) {
    func sum(_ kinds: [Request.Kind]) -> PartErrors {
      PartErrors(
        requests: kinds.reduce(0) { $0 + endedByKind[$1.rawValue] },
        total: kinds.reduce(0) { $0 + erroredByKind[$1.rawValue] })
    }
    return (sum([.api, .preflight]), sum([.page, .asset]))
  }

  var errors: [String: UInt64] = [:]
  /// Every counter API call (up to this loop's share of `CounterCallLog.capacity`).
  var counterCalls = CounterCallLog()
  let counterCallLimit: Int
  /// Requests that ended (a response or an error), of every kind.
  var requests: UInt64 { endedByKind.reduce(0, &+) }
  var visits: UInt64 = 0
  /// Requests queued for sending (a retry is not a second one). Every one ends as a response,
  /// an error or a cut-off: requestsIssued = requests + requestsCutOff.
  var requestsIssued: UInt64 = 0
  /// Requests cut off by the end of the run or by --max-requests (not errors, no latency).
  var requestsCutOff: UInt64 = 0
  /// Requests sent again because the server had closed their keep-alive connection.
  var keepAliveRetries: UInt64 = 0
  /// Visits, requests and errors per second (or coarser buckets for long runs).
  var seriesCounts: TimeSeriesRecorder
  let counterApiByBucket: BucketedLatency

  /// Per `--check` (in the order given): passes, fails, and why it failed first.
  var checks: [CheckStats.Check]

  init(lengthNanoseconds: Int64, loops: Int = 1, checks: [CheckStats.Check] = []) {
    counterCallLimit = CounterCallLog.capacity / max(loops, 1)
    self.checks = checks
    seriesCounts = TimeSeriesRecorder(
      names: Self.counts.map(\.rawValue), startNanoseconds: 0,
      lengthNanoseconds: max(lengthNanoseconds, 1_000_000_000),
      minimumBucketSeconds: 1)
    counterApiByBucket = BucketedLatency(matching: seriesCounts)
  }

  func record(_ series: LatencySeries, nanoseconds: Int64) {
    let k = series.ordinal
    let r =
      slots[k]
      ?? {
        let made = LatencyRecorder()
        slots[k] = made
        return made
      }()
    r.record(micros: nanoseconds / 1_000)
  }

  /// Logs one counter API call sent at `sent` (ns since the run started) that ended at `end`.
  func logCounterCall(sent: Int64, end: Int64, status: Int, cold: Bool?) {
    counterCalls.append(
      sentMs: Double(sent) / 1e6, serviceMs: Double(end - sent) / 1e6, status: status, cold: cold,
      limit: counterCallLimit)
  }

  /// Counts check `i` passed (`failure` nil) or failed.
  func check(_ i: Int, failure: String?) {
    guard let failure else {
      checks[i].passes &+= 1
      return
    }
    checks[i].fails &+= 1
    if checks[i].firstFailure == nil { checks[i].firstFailure = failure }
  }

  /// Counts one request of `kind` that ended at `t` (a response or an error).
  func ended(_ kind: Request.Kind, at t: Int64) {
    endedByKind[kind.rawValue] &+= 1
    count(.requests, at: t)
  }

  /// This loop's counts as a report holds them.
  var stats: LiveStats {
    var s = LiveStats(
      requestsIssued: requestsIssued, requestsCutOff: requestsCutOff, keepAliveRetries: keepAliveRetries,
      bytesReceived: bytesIn)
    s.errorExamples = errorExamples
    s.counterCalls = counterCalls
    s.bytesSent = bytesOut
    s.stages = stages
    return s
  }

  /// The first reason seen for each error kind, as an example in the report.
  var errorExamples: [String: String] = [:]

  /// Counts one error of a request of `request` kind (nil: no request, a visit the generator
  /// could not start); `reason` is only worded for the first of its kind.
  func error(_ name: ErrorName, of request: Request.Kind?, at t: Int64, reason: @autoclosure () -> String) {
    if let request { erroredByKind[request.rawValue] &+= 1 }
    let kind = name.rawValue
    errors[kind, default: 0] += 1
    if errorExamples[kind] == nil { errorExamples[kind] = reason() }
    count(.errors, at: t)
  }

  /// The count series a live report holds, in `seriesCounts` order.
  static let counts: [CountSeries] = [.visits, .requests, .errors]

  /// Counts one event of `series` at `t`.
  func count(_ series: CountSeries, at t: Int64) {
    seriesCounts.add(Self.counts.firstIndex(of: series)!, at: t)
  }
}
