import Foundation
import ScenarioModel
import SimKernel
import SiteLogs

/// Fits a scenario to the site's own logs (`visitorsim scenario from-logs`).
///
/// The logs say per call what a live run can only guess: which invocation was cold and its
/// init time (REPORT's `Init Duration`), which environment served it (the log stream), each
/// edge request's result and time, the gateway's share of each API call. What is fitted, each
/// with a note naming its evidence and sample size:
/// - Lambda: `memoryMB` (the reports' Memory Size); `coldStartMs` from the Init Durations;
///   `handlerMs` from the warm Durations less the DynamoDB calls as the scenario has them
///   (`PartFit`); `idleTimeoutSeconds` bounded by environment lifetimes; a concurrency limit
///   when the gateway logged 429s.
/// - CloudFront: `cdn.edgeMs` from hits' time-taken, `s3.originMs` from misses less the edge,
///   `cdn.edgeLocations`, object sizes, the share of visits that fetch the assets.
/// - API Gateway: `apiGateway.overheadMs`, response less integration latency.
/// - Arrivals: the visits (page requests; API calls or invocations when there is no CloudFront
///   log) as a trace, and as a base rate and daily cycle.
///
/// A distribution fitted from a sample of at least `empiricalMinimum` values is written as
/// empirical percentiles; from fewer, as a lognormal (log-mean and log-sd); from fewer than
/// `minimumSample`, not at all (the scenario's is kept, and the notes say so).
public struct LogCalibration: Sendable {
  public struct Setting: Sendable, Equatable {
    public var field: String
    /// The value as JSON.
    public var json: String
    /// Its evidence, for the notes.
    public var note: String
  }

  public var settings: [Setting] = []
  /// Figures the logs show that are not scenario fields, and fields kept with the reason.
  public var notes: [String] = []
  /// Visit start times (seconds since the epoch, sorted), and what they were taken from.
  public var visits: [Double] = []
  public var visitSource = ""
  /// Whether the logs show the site part (CloudFront) and the API part (Lambda or API Gateway).
  public var hasSite = false
  public var hasAPI = false

  public static let minimumSample = 5
  public static let empiricalMinimum = 100

  public static func fit(_ evidence: LogEvidence, base: Scenario) -> LogCalibration {
    var c = LogCalibration()
    c.hasSite = !evidence.edge.isEmpty
    c.hasAPI = !evidence.lambda.isEmpty || !evidence.api.isEmpty
    c.fitLambda(evidence, base: base)
    c.fitEdge(evidence.edge, base: base)
    c.fitGateway(evidence.api)
    c.fitArrivals(evidence, base: base)
    return c
  }

  // MARK: Lambda

  mutating func fitLambda(_ e: LogEvidence, base: Scenario) {
    let reports = e.lambda
    guard !reports.isEmpty else {
      notes.append("no Lambda log: lambda.* kept as the scenario has them")
      return
    }
    let memories = reports.compactMap(\.memorySizeMB)
    if let (memory, n) = Self.mode(memories) {
      set("lambda.memoryMB", "\(memory)", "Memory Size of \(n) of \(reports.count) REPORT lines")
      if base.lambda.measuredAtMemoryMB != nil {
        set("lambda.measuredAtMemoryMB", "null", "the fitted times are as logged at lambda.memoryMB")
      }
      if base.lambda.measuredOnArchitecture != nil {
        set("lambda.measuredOnArchitecture", "null", "the fitted times are as logged on lambda.architecture")
      }
    }
    let inits = SortedSample(reports.compactMap { $0.initDurationMs ?? $0.restoreDurationMs })
    let restores = reports.count { $0.restoreDurationMs != nil }
    if inits.count >= Self.minimumSample {
      let (json, said) = Self.distribution(inits)
      set(
        "lambda.coldStartMs", json,
        "\(said) of the Init Duration of \(inits.count) cold starts"
          + (restores > 0 ? " (\(restores) of them SnapStart restores)" : ""))
    } else {
      notes.append(
        "lambda.coldStartMs kept: \(inits.count) cold starts logged, fewer than \(Self.minimumSample) to fit")
    }
    let warm = SortedSample(reports.filter { !$0.isCold }.map(\.durationMs))
    let calls = base.lambda.dynamodbCallsPerInvocation
    if warm.count < 20 {
      notes.append("lambda.handlerMs kept: \(warm.count) warm invocations logged, fewer than 20 to fit")
    } else if calls == 0 {
      let (json, said) = Self.distribution(warm)
      set("lambda.handlerMs", json, "\(said) of the Duration of \(warm.count) warm invocations")
    } else if let part = PartFit.lognormalPart(total: warm, known: base.dynamodb.updateItemMs, copies: calls) {
      let dynamo = Calibration.quantiles(base.dynamodb.updateItemMs).median
      set(
        "lambda.handlerMs", Self.lognormal(part.median, part.p99),
        "lognormal such that it plus \(calls) UpdateItem call\(calls == 1 ? "" : "s") as the scenario has them (dynamodb.updateItemMs, median \(Self.text(dynamo)) ms) reproduces p10-p99 of the Duration of \(warm.count) warm invocations (logged p50 \(Self.text(warm.quantile(0.5)!)) ms, p99 \(Self.text(warm.quantile(0.99)!)) ms)"
      )
    }
    fitIdleTimeout(reports, base: base)
    let summary = LogSummary(lambda: reports, edge: [], api: e.api)
    notes.append(
      "\(summary.invocations) invocations on \(summary.environments) execution environments (log streams), \(summary.coldStarts) cold; at most \(summary.peakConcurrency) at once"
    )
    if summary.throttled > 0 {
      if summary.peakConcurrency < base.lambda.effectiveConcurrencyLimit {
        set(
          "lambda.reservedConcurrency", "\(summary.peakConcurrency)",
          "\(summary.throttled) throttled (429) API responses logged while at most \(summary.peakConcurrency) invocations ran at once: a limit at that concurrency explains them (an API throttle would too; check the stage's settings)"
        )
      } else {
        notes.append("\(summary.throttled) throttled (429) API responses logged")
      }
    }
  }

  /// The idle timeout, bounded by the environments' lifetimes: a stream that served again
  /// after an idle gap g shows the timeout exceeded g; a cold start at t while a stream that
  /// never served again had been idle since e shows it was at most t - e (an idle, live
  /// environment would have taken the call).
  mutating func fitIdleTimeout(_ all: [LambdaInvocation], base: Scenario) {
    // Only reports with a time and a stream tell idle gaps.
    struct Call {
      var start: Double
      var end: Double
      var isCold: Bool
    }
    var byStream: [String: [Call]] = [:]
    for r in all {
      guard let stream = r.stream, let end = r.endSeconds, let start = r.startSeconds else { continue }
      byStream[stream, default: []].append(Call(start: start, end: end, isCold: r.isCold))
    }
    guard !byStream.isEmpty else {
      let why =
        all.allSatisfy { $0.endSeconds == nil }
        ? "the REPORT lines carry no timestamps, so idle gaps cannot be measured"
        : "the logs name no log streams, so environments cannot be told apart"
      notes.append("lambda.idleTimeoutSeconds kept: \(why)")
      return
    }
    var lower: Double?
    var lowerCount = 0
    var lastEnds: [Double] = []
    for stream in byStream.keys.sorted() {
      let calls = (byStream[stream] ?? []).sorted { $0.start < $1.start }
      for (a, b) in zip(calls, calls.dropFirst()) {
        let gap = b.start - a.end
        if gap > (lower ?? 0) {
          lower = gap
        }
        if gap > 0 { lowerCount += 1 }
      }
      if let last = calls.last { lastEnds.append(last.end) }
    }
    let colds = byStream.values.joined().filter(\.isCold).map(\.start).sorted()
    var upper: Double?
    var upperCount = 0
    for end in lastEnds {
      // The first cold start after this environment's last call.
      var lo = 0
      var hi = colds.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if colds[mid] > end { hi = mid } else { lo = mid + 1 }
      }
      guard lo < colds.count else { continue }
      upperCount += 1
      upper = min(upper ?? .infinity, colds[lo] - end)
    }
    let current: Double? = if case .fixed(let s) = base.lambda.idleTimeout { s } else { nil }
    let field = "lambda.idleTimeoutSeconds"
    // Bounds are written rounded outward (an upper bound of 299.76 s is "at most 299 s", never
    // 300), so a bound never claims more than the logs show.
    let lowText = Self.text(l: lower)
    let highText = Self.text(u: upper)
    switch (lower, upper) {
    case (let l?, let u?) where l < u:
      let bounds =
        "between \(lowText) s (the longest idle gap after which one of \(byStream.count) environments served again) and \(highText) s (the shortest idle time of an environment replaced by a cold start, \(upperCount) such)"
      if let current, current >= l && current <= u {
        notes.append("\(field) kept at \(Self.text(current)) s: the logs bound it \(bounds)")
      } else if u <= 1.25 * l {
        // Pinned: the bounds are within 25% of each other.
        set(field, format(Calibration.round((l + u) / 2)), "\(bounds): the midpoint, within \(Self.text((u - l) / 2)) s")
      } else if let current, current < l {
        set(field, lowText, "at least this long: \(bounds); the base's \(Self.text(current)) s is below the lower bound")
      } else {
        set(
          field, highText,
          "at most this long: \(bounds); the base's value is above the upper bound (the bounds are too far apart for a midpoint)")
      }
    case (let l?, let u?):
      set(
        field, "{\"dist\":\"uniform\",\"min\":\(format(Calibration.round(u))),\"max\":\(format(Calibration.round(l)))}",
        "the environments disagree: one served again after \(Self.text(l)) s idle, another was replaced after \(Self.text(u)) s: timeouts vary between them"
      )
    case (let l?, nil):
      if let current, current >= l {
        notes.append(
          "\(field) kept at \(Self.text(current)) s: the logs show it is at least \(lowText) s, and no environment was seen replaced"
        )
      } else {
        set(
          field, lowText,
          "at least \(lowText) s (an environment served again after that idle gap); no upper bound in the logs")
      }
    case (nil, let u?):
      if let current, current <= u {
        notes.append("\(field) kept at \(Self.text(current)) s: the logs show it is at most \(highText) s")
      } else {
        set(
          field, highText,
          "at most \(highText) s (an environment idle that long was replaced by a cold start); no lower bound in the logs"
        )
      }
    case (nil, nil):
      notes.append("\(field) kept: no environment served twice or was replaced in the logs")
    }
  }

  // MARK: CloudFront

  mutating func fitEdge(_ requests: [EdgeRequest], base: Scenario) {
    guard !requests.isEmpty else {
      notes.append("no CloudFront log: cdn.*, s3.* and the page's objects kept")
      return
    }
    // Objects are what the site served: a 404 page or a 5xx is no asset of the page.
    let served = requests.filter { ($0.status ?? 200) < 400 }
    let errors = requests.count - served.count
    if errors > 0 {
      notes.append("\(errors) CloudFront requests with status 400 or more are left out of the page's objects")
    }
    let byPath = Dictionary(grouping: served, by: \.path)
    let page = Self.pagePath(byPath)
    let pageCount = byPath[page]?.count ?? 0
    let locations = Set(requests.compactMap(\.edgeLocation))
    if !locations.isEmpty {
      set("cdn.edgeLocations", "\(locations.count)", "edge locations named in \(requests.count) CloudFront requests")
    }
    if let bytes = Self.medianBytes(byPath[page] ?? []) {
      set("page.htmlBytes", "\(bytes)", "median sc-bytes of \(pageCount) requests for the page \(page)")
    }
    let assetPaths = byPath.keys.filter { $0 != page && byPath[$0]!.count * 100 >= pageCount }.sorted {
      byPath[$0]!.count != byPath[$1]!.count ? byPath[$0]!.count > byPath[$1]!.count : $0 < $1
    }
    // The page's TTL as the default; an asset gets its own when the logs show a different one.
    let pageTTL = ttl(of: page, byPath[page] ?? [], current: base.page.htmlTtlSeconds ?? base.cdn.ttlSeconds)
    if let pageTTL {
      set("cdn.ttlSeconds", format(pageTTL.value), "the page's TTL: \(pageTTL.said)")
      if base.page.htmlTtlSeconds != nil { set("page.htmlTtlSeconds", "null", "the page's TTL is cdn.ttlSeconds") }
    }
    if !assetPaths.isEmpty {
      var items: [String] = []
      var ttlNotes: [String] = []
      for path in assetPaths {
        let name = String(path.drop { $0 == "/" })
        guard let bytes = Self.medianBytes(byPath[path]!) else { continue }
        var item = "{\"name\":\(JSONValue.string(name).rendered()),\"bytes\":\(bytes)"
        let current = base.page.assets.first(where: { $0.name == name })?.ttlSeconds
        if let own = ttl(of: path, byPath[path]!, current: current ?? pageTTL?.value ?? base.cdn.ttlSeconds),
          abs(own.value - (pageTTL?.value ?? base.cdn.ttlSeconds)) > 0.1 * own.value
        {
          item += ",\"ttlSeconds\":\(format(own.value))"
          ttlNotes.append("\(path) \(own.said)")
        } else if let current, pageTTL == nil {
          item += ",\"ttlSeconds\":\(format(current))"
        }
        items.append(item + "}")
      }
      if !ttlNotes.isEmpty { notes.append("asset TTLs: " + ttlNotes.joined(separator: "; ")) }
      set(
        "page.assets", "[" + items.joined(separator: ",") + "]",
        "\(assetPaths.count) objects requested at least once per hundred page requests, with their median sc-bytes")
      let fetched = Double(byPath[assetPaths[0]]!.count) / Double(max(pageCount, 1))
      set(
        "workload.returningVisitorFraction", format(Calibration.round(max(0, 1 - min(1, fetched)))),
        "\(byPath[assetPaths[0]]!.count) requests for \(assetPaths[0]) per \(pageCount) page requests: the rest had it in their browser's cache"
      )
    }
    let hits = SortedSample(requests.filter { $0.result == .hit }.compactMap(\.timeTakenMs))
    let misses = SortedSample(requests.filter { $0.result?.contactsOrigin == true }.compactMap(\.timeTakenMs))
    let summary = LogSummary(lambda: [], edge: requests, api: [])
    if let ratio = summary.hitRatio {
      var perObject: [String] = []
      for path in ([page] + assetPaths).prefix(8) {
        let s = LogSummary(lambda: [], edge: byPath[path] ?? [], api: [])
        if let r = s.hitRatio { perObject.append("\(path) \(Self.text(r))") }
      }
      notes.append(
        "edge hit ratio \(Self.text(ratio)) over \(summary.edgeHits + summary.edgeMisses) requests (per object: \(perObject.joined(separator: ", "))); it follows from the TTLs and the traffic, so it is a check, not a field"
      )
    }
    guard hits.count >= Self.minimumSample else {
      notes.append("cdn.edgeMs and s3.originMs kept: \(hits.count) hits with a time-taken logged")
      return
    }
    let (edgeJSON, said) = Self.distribution(hits)
    set("cdn.edgeMs", edgeJSON, "\(said) of the time-taken of \(hits.count) hits")
    let edgeDistribution = Self.sampleDistribution(hits)
    if misses.count >= Self.minimumSample,
      let origin = PartFit.lognormalPart(total: misses, known: edgeDistribution, copies: 1)
    {
      set(
        "s3.originMs", Self.lognormal(origin.median, origin.p99),
        "lognormal such that it plus the edge time reproduces p10-p99 of the time-taken of \(misses.count) misses")
    } else {
      notes.append("s3.originMs kept: \(misses.count) misses with a time-taken logged")
    }
  }

  /// An object's edge TTL, bounded the way environment lifetimes bound the idle timeout: a hit
  /// at an edge g seconds after that edge's last miss for the object shows the TTL exceeds g;
  /// a miss g seconds after the last one shows it is at most g (the copy had expired, or was
  /// evicted). Times are CloudFront's whole seconds.
  func ttl(of path: String, _ requests: [EdgeRequest], current: Double) -> (value: Double, said: String)? {
    var lower: Double?
    var upper: Double?
    for (_, atEdge) in Dictionary(grouping: requests, by: { $0.edgeLocation ?? "-" }) {
      var lastMiss: Double?
      for r in atEdge.sorted(by: { $0.timeSeconds < $1.timeSeconds }) {
        switch r.result {
        case .hit:
          if let m = lastMiss { lower = max(lower ?? 0, r.timeSeconds - m) }
        case .miss, .refreshHit:
          if let m = lastMiss, r.timeSeconds > m { upper = min(upper ?? .infinity, r.timeSeconds - m) }
          lastMiss = r.timeSeconds
        default: break
        }
      }
    }
    switch (lower, upper) {
    case (let l?, let u?) where l < u:
      return (
        Calibration.round((l + u) / 2),
        "between \(Self.text(l)) s (a hit that long after the edge's last miss) and \(Self.text(u)) s (the shortest time between two misses at one edge): the midpoint"
      )
    case (let l?, let u?):
      return (
        Calibration.round(u),
        "at most \(Self.text(u)) s between two misses at one edge, though a copy \(Self.text(l)) s old was a hit elsewhere (evictions or per-edge differences): the upper bound"
      )
    case (let l?, nil):
      return current >= l
        ? nil : (Calibration.round(l), "at least \(Self.text(l)) s (a hit that long after its edge's last miss)")
    case (nil, let u?):
      return current <= u
        ? nil : (Calibration.round(u), "at most \(Self.text(u)) s (the shortest time between two misses at one edge)")
    case (nil, nil):
      return nil
    }
  }

  /// The page: the most requested `/` or `.html` path, else the most requested path.
  static func pagePath(_ byPath: [String: [EdgeRequest]]) -> String {
    let ranked = byPath.keys.sorted {
      byPath[$0]!.count != byPath[$1]!.count ? byPath[$0]!.count > byPath[$1]!.count : $0 < $1
    }
    return ranked.first { $0.hasSuffix("/") || $0.hasSuffix(".html") || $0.hasSuffix(".htm") } ?? ranked[0]
  }

  static func medianBytes(_ requests: [EdgeRequest]) -> Int? {
    SortedSample(requests.compactMap { $0.bytes.map(Double.init) }).quantile(0.5).map { Int($0.rounded()) }
  }

  // MARK: API Gateway

  mutating func fitGateway(_ api: [APIAccess]) {
    guard !api.isEmpty else {
      notes.append("no API Gateway log: apiGateway.overheadMs kept")
      return
    }
    let overheads = SortedSample(api.filter { ($0.status ?? 0) < 400 }.compactMap(\.overheadMs))
    if overheads.count >= Self.minimumSample {
      let (json, said) = Self.distribution(overheads)
      set(
        "apiGateway.overheadMs", json,
        "\(said) of responseLatency less integrationLatency of \(overheads.count) successful calls (whole milliseconds as logged)"
      )
    } else {
      notes.append("apiGateway.overheadMs kept: \(overheads.count) calls log both latencies")
    }
    var byStatus: [Int: Int] = [:]
    for a in api { byStatus[a.status ?? 0, default: 0] += 1 }
    let statuses = byStatus.keys.sorted().map { "\($0 == 0 ? "-" : String($0)) x\(byStatus[$0]!)" }
    notes.append("\(api.count) API Gateway requests by status: \(statuses.joined(separator: ", "))")
  }

  // MARK: Arrivals

  mutating func fitArrivals(_ e: LogEvidence, base: Scenario) {
    if !e.edge.isEmpty {
      let page = Self.pagePath(Dictionary(grouping: e.edge, by: \.path))
      visits = Self.spreadWithinSeconds(e.edge.filter { $0.path == page }.map(\.timeSeconds))
      visitSource = "CloudFront requests for the page \(page) (their one-second times spread evenly within the second)"
    } else if e.api.contains(where: { $0.timeSeconds != nil }) {
      let calls = e.api.filter { $0.route?.hasPrefix("OPTIONS") != true }.compactMap(\.timeSeconds).sorted()
      let perView = max(1, base.page.apiCallsPerView)
      visits = stride(from: 0, to: calls.count, by: perView).map { calls[$0] }
      visitSource = "API Gateway requests (one visit per \(perView) call\(perView == 1 ? "" : "s"))"
    } else {
      let perView = max(1, base.page.apiCallsPerView)
      let starts = e.lambda.compactMap(\.startSeconds).sorted()
      visits = stride(from: 0, to: starts.count, by: perView).map { starts[$0] }
      visitSource = "Lambda invocations (one visit per \(perView))"
    }
    // The span the logs cover: from their first record to their last, of any kind (three
    // page requests within a second of a file that spans years are three visits in years).
    // CloudFront files that name their hour cover all of it, requests or not.
    let times =
      e.edge.map(\.timeSeconds) + e.api.compactMap(\.timeSeconds) + e.lambda.compactMap(\.endSeconds)
      + e.statedPeriods.flatMap { [$0.start, $0.end] }
    guard let first = times.min(), let last = times.max(), last > first, !visits.isEmpty else {
      notes.append(
        "workload.arrivals.visitsPerDay kept: \(visits.count) visits and no span of time in the logs to divide them by")
      return
    }
    let span = last - first
    let n = visits.count
    let (low, high) = Self.poissonInterval(n)
    let perDay = Double(n) / span * 86_400
    let interval =
      "\(n) visits over \(Self.text(span / 3_600)) h (\(visitSource)): \(Self.text(perDay)) a day, 95% interval \(Self.text(low / span * 86_400)) to \(Self.text(high / span * 86_400))"
    guard n >= Self.fewestVisitsForARate else {
      notes.append(
        "workload.arrivals.visitsPerDay kept: only \(interval); \(Self.fewestVisitsForARate) visits are needed before the logs set a rate"
      )
      return
    }
    set("workload.arrivals.visitsPerDay", format(Calibration.round(perDay, digits: 4)), interval)
    set(
      "workload.arrivals.process", "\"poisson\"", "the fitted rate as a Poisson process (the exact times go to --trace)"
    )
    guard span >= 2 * 86_400 else {
      notes.append(
        "workload.diurnal kept: the logs span \(Self.text(span / 3_600)) h, and a daily cycle needs at least two whole days")
      return
    }
    let (amplitude, peak) = Self.dailyCycle(visits)
    // With no cycle at all, the first harmonic's amplitude of n Poisson visits still comes out
    // about sqrt(2/n) (Rayleigh-distributed): below 3.46/sqrt(n) it is noise at 95%.
    let noise = 3.46 / Double(n).squareRoot()
    guard amplitude > noise else {
      notes.append(
        "workload.diurnal kept: the first harmonic's amplitude \(Self.text(amplitude)) over \(Self.text(span / 86_400)) days is within what \(n) visits with no cycle would show (under \(Self.text(noise)) at 95%)"
      )
      return
    }
    set(
      "workload.diurnal",
      "{\"amplitude\":\(format(Calibration.round(min(1, amplitude)))),\"peakHourUTC\":\(format(Calibration.round(peak)))}",
      "first harmonic of the visits per hour of the day over \(Self.text(span / 86_400)) days (\(n) visits; noise would give under \(Self.text(noise)))"
    )
  }

  /// Fewest visits from which the logs set a rate.
  static let fewestVisitsForARate = 50

  /// A 95% interval for the mean of a Poisson count `n` (Wilson and Hilferty's approximation
  /// of the exact interval; 0 to 3.69 for n = 0).
  static func poissonInterval(_ n: Int) -> (low: Double, high: Double) {
    let z = 1.96
    let x = Double(n)
    let low = n == 0 ? 0 : x * pow(1 - 1 / (9 * x) - z / (3 * x.squareRoot()), 3)
    let y = x + 1
    let high = y * pow(1 - 1 / (9 * y) + z / (3 * y.squareRoot()), 3)
    return (max(0, low), high)
  }

  /// Times logged to the second, spread evenly within their second: k requests logged in
  /// second s are put at s + (i + 0.5) / k.
  static func spreadWithinSeconds(_ times: [Double]) -> [Double] {
    let sorted = times.sorted()
    var out: [Double] = []
    out.reserveCapacity(sorted.count)
    var i = 0
    while i < sorted.count {
      let second = sorted[i].rounded(.down)
      var j = i
      while j < sorted.count && sorted[j].rounded(.down) == second { j += 1 }
      let k = Double(j - i)
      for n in 0..<(j - i) { out.append(second + (Double(n) + 0.5) / k) }
      i = j
    }
    return out
  }

  /// The daily cycle's amplitude and peak hour (UTC): the first harmonic of the rate in each
  /// hour of the day, each hour's rate being its visits over the time the logs cover it.
  static func dailyCycle(_ times: [Double]) -> (amplitude: Double, peakHour: Double) {
    guard let first = times.first, let last = times.last else { return (0, 0) }
    var counts = [Double](repeating: 0, count: 24)
    var exposure = [Double](repeating: 0, count: 24)
    for t in times { counts[Int((t.truncatingRemainder(dividingBy: 86_400)) / 3_600) % 24] += 1 }
    var t = first
    while t < last {
      let hourEnd = ((t / 3_600).rounded(.down) + 1) * 3_600
      let end = min(hourEnd, last)
      exposure[Int(t.truncatingRemainder(dividingBy: 86_400) / 3_600) % 24] += end - t
      t = end
    }
    let rates = (0..<24).map { exposure[$0] > 0 ? counts[$0] / exposure[$0] : 0 }
    let mean = rates.reduce(0, +) / 24
    guard mean > 0 else { return (0, 0) }
    var a = 0.0
    var b = 0.0
    for h in 0..<24 {
      let theta = 2 * Double.pi * (Double(h) + 0.5) / 24
      a += rates[h] * cos(theta)
      b += rates[h] * sin(theta)
    }
    let amplitude = min(1, 2 * (a * a + b * b).squareRoot() / (24 * mean))
    var peak = atan2(b, a) * 24 / (2 * Double.pi)
    if peak < 0 { peak += 24 }
    return (amplitude, peak)
  }

  // MARK: Writing

  mutating func set(_ field: String, _ json: String, _ note: String) {
    settings.removeAll { $0.field == field }
    settings.append(Setting(field: field, json: json, note: note))
  }

  /// The `--set` assignments that apply the fits.
  public var assignments: [String] { settings.map { "\($0.field)=\($0.json)" } }

  /// One note line per fitted field, then the other notes.
  public var noteLines: [String] {
    settings.map { "\($0.field): \($0.note)" } + notes
  }

  /// The base scenario document with the fits applied, the notes in its `notes` field and a
  /// description saying where it came from; read back before it is returned.
  public func document(from baseJSON: String, logs: String) throws(ScenarioError) -> String {
    let said = "Fitted to the site's logs (\(logs)): " + settings.map(\.field).joined(separator: ", ") + "."
    return try ScenarioOverride.derive(
      baseJSON, applying: assignments, rename: { $0 + "-from-logs" }, description: said,
      notes: noteLines.map { "from-logs: " + $0 })
  }

  /// The visits as a trace CSV (`--trace`): ISO 8601 times, one per line, under a header.
  public var traceCSV: String {
    var lines = ["timestamp"]
    lines.reserveCapacity(visits.count + 1)
    for t in visits { lines.append(LogClock.iso(milliseconds: Int64((t * 1_000).rounded()))) }
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: Helpers

  /// Empirical percentiles from a large sample, a lognormal from a small one.
  static func distribution(_ s: SortedSample) -> (json: String, said: String) {
    if s.count >= empiricalMinimum {
      var points: [Double] = [0, 1, 5, 10, 25, 50, 75, 90, 95, 99]
      if s.count >= 1_000 { points.append(99.9) }
      points.append(100)
      let members = points.map { p in "\"\(format(p))\":\(format(Calibration.round(s.quantile(p / 100)!, digits: 4)))" }
      return ("{\"dist\":\"empirical\",\"percentiles\":{\(members.joined(separator: ","))}}", "empirical percentiles")
    }
    // Below 100 values a p99 is not observed but extrapolated: a lognormal, its p99 given with
    // its 90% interval. A logged 0 (under the log's millisecond) is kept as half a millisecond.
    let zeros = s.values.count { $0 <= 0 }
    let kept = zeros == 0 ? s : SortedSample(s.values.map { $0 <= 0 ? resolutionMs / 2 : $0 })
    guard let (mean, sd) = kept.logMoments, sd > 0 else {
      let v = s.quantile(0.5) ?? 0
      return (format(Calibration.round(v)), "the constant median")
    }
    let median = exp(mean)
    let z = 2.326_347_874
    let n = Double(kept.count)
    // Standard error of log-mean + z log-sd (normal theory): sd * sqrt(1/n + z^2 / (2(n-1))).
    let se = sd * (1 / n + z * z / (2 * (n - 1))).squareRoot()
    let p99 = median * exp(z * sd)
    let low = p99 * exp(-1.645 * se)
    let high = p99 * exp(1.645 * se)
    let zeroNote = zeros == 0 ? "" : "; \(zeros) of 0 ms (under the log's resolution) taken as \(text(resolutionMs / 2)) ms"
    return (
      lognormal(median, p99),
      "lognormal (log-mean and log-sd of fewer than \(empiricalMinimum) values: p99 \(text(p99)) ms, 90% interval \(text(low))-\(text(high)) ms\(zeroNote))"
    )
  }

  /// The finest time CloudFront and Lambda logs write: a millisecond.
  static let resolutionMs = 1.0

  /// The sample's distribution as the scenario would read what `distribution` writes.
  static func sampleDistribution(_ s: SortedSample) -> Distribution {
    if s.count >= empiricalMinimum {
      let points = [0.0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1]
      return .empiricalPercentiles(points.map { .init(quantile: $0, value: s.quantile($0)!) })
    }
    let kept = SortedSample(s.values.map { $0 <= 0 ? resolutionMs / 2 : $0 })
    guard let (mean, sd) = kept.logMoments, sd > 0 else { return .constant(s.quantile(0.5) ?? 0) }
    return .lognormal(median: exp(mean), p99: exp(mean + 2.326_347_874 * sd))
  }

  static func lognormal(_ median: Double, _ p99: Double) -> String {
    let m = max(Calibration.round(median), 0.001)
    return "{\"dist\":\"lognormal\",\"median\":\(format(m)),\"p99\":\(format(max(Calibration.round(p99), m)))}"
  }

  static func mode(_ xs: [Int]) -> (value: Int, count: Int)? {
    var counts: [Int: Int] = [:]
    for x in xs { counts[x, default: 0] += 1 }
    return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }.map { ($0.key, $0.value) }
  }

  static func text(_ x: Double) -> String { format(Calibration.round(x)) }

  /// A lower bound rounded up and an upper bound rounded down to 3 significant digits, so
  /// neither claims more than was observed ("" when there is none).
  static func text(l: Double?) -> String { l.map { format(outward($0, up: true)) } ?? "" }
  static func text(u: Double?) -> String { u.map { format(outward($0, up: false)) } ?? "" }

  static func outward(_ x: Double, up: Bool) -> Double {
    guard x > 0, x.isFinite else { return x }
    let scale = pow(10, 2 - floor(log10(x)))
    return (up ? (x * scale).rounded(.up) : (x * scale).rounded(.down)) / scale
  }
}
