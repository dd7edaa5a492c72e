import Foundation
import LoadTest
import Metrics
import WhatIf

/// Runs a `ProbePlan` against the site: each phase as short live runs, quiet gaps as waits
/// between them, and every counter call on one clock, so calibration reads one schedule.
struct ProbeRun {
  let plan: ProbePlan
  let config: LiveConfig
  let origins: [ResolvedOrigin]
  let stop: StopSignal
  let say: (String) -> Void

  /// What the run found out, in words, for the user (the scenario's notes say it again).
  var findings: [String] = []
  /// Scenario fields found outside the live report (the edge TTL), with their evidence.
  var settings: [Calibration.Setting] = []
  private var reports: [RunReport] = []
  private var log = CounterCallLog()
  private let started = Date()
  private var requests = 0

  init(plan: ProbePlan, config: LiveConfig, origins: [ResolvedOrigin], stop: StopSignal, say: @escaping (String) -> Void) {
    self.plan = plan
    self.config = config
    self.origins = origins
    self.stop = stop
    self.say = say
  }

  var elapsed: Double { Date().timeIntervalSince(started) }
  var timeLeft: Double { plan.maxSeconds - elapsed }
  var requestsLeft: Int { plan.budgetRequests - requests }

  /// Runs every phase; returns the measurements as one live report whose counter-call log
  /// holds every call on the probe's clock.
  mutating func run() throws(CLIError) -> RunReport {
    try warm()
    try edgeTTL()
    let ladder = try idleLadder()
    try bursts(quietSeconds: ladder)
    if plan.phases.contains(where: { $0.kind == .limitRamp }) { try limitRamp() }
    guard var merged = RunReport.merge(reports, windows: .sequential) else {
      throw .failure("the probe measured nothing")
    }
    var stats = merged.live ?? LiveStats(requestsIssued: 0, requestsCutOff: 0, keepAliveRetries: 0, bytesReceived: 0)
    stats.counterCalls = log
    merged.live = stats
    merged.scenario = "probe"
    merged.liveSettings = nil
    merged.notes.append(
      "visitorsim probe: \(requests) requests over \(DurationText.words(elapsed)) in \(reports.count) short runs; every counter call on the probe's clock")
    return merged
  }

  // MARK: Phases

  private mutating func warm() throws(CLIError) {
    say("1. warm: \(plan.warmCalls) calls \(plan.warmSpacingSeconds) s apart, \(plan.pageLoads) page loads")
    if plan.warmCalls > 0 {
      let rate = 1 / plan.warmSpacingSeconds
      _ = try measure(
        .open(stages: [.init(seconds: Double(plan.warmCalls) / rate, rate: rate)], poisson: false), parts: .api,
        cap: plan.warmCalls)
    }
    if plan.pageLoads > 0 {
      _ = try measure(
        .open(stages: [.init(seconds: Double(plan.pageLoads) / 2, rate: 2)], poisson: false), parts: .site,
        cap: plan.pageLoads * plan.requestsPerPageLoad)
    }
  }

  /// The page alone after gaps since its last miss: doubling while it hits, then bisection
  /// between the longest gap that hit and the shortest that missed. A hit g after the last
  /// miss shows the TTL exceeds g; a miss shows it does not (or the copy was evicted).
  private mutating func edgeTTL() throws(CLIError) {
    guard plan.ttlCalls > 0 else { return }
    let phaseEnd = elapsed + (plan.phases.first { $0.kind == .edgeTTL }?.seconds ?? 0)
    say("2. edge TTL: the page alone after gaps since its last miss, up to \(Self.gapText(plan.ttlLongestGapSeconds))")
    var lastMiss: Double?
    var hits: [Double] = []
    var misses: [Double] = []
    var unknown = 0
    var calls = 0
    var gap = plan.firstGapSeconds
    while calls < plan.ttlCalls, stop.stopped == nil, requestsLeft > 0 {
      if calls > 0 {
        // Before the first miss, a hit's age is unknown: wait as the ladder would, so the
        // cached copy expires rather than being asked for again at once.
        guard elapsed + gap < phaseEnd else { break }
        try wait(gap)
      }
      let at = elapsed
      let r = try measure(.closed(users: 1, thinkSeconds: 3_600, durationSeconds: 0.05), parts: .site, cap: 1)
      calls += 1
      let hit = (r.latencyMs[LatencySeries.edgeHitService.rawValue]?.count ?? 0) > 0
      let miss = (r.latencyMs[LatencySeries.edgeMissService.rawValue]?.count ?? 0) > 0
      guard hit || miss else {
        unknown += 1
        if unknown >= 2 { break }
        continue
      }
      if lastMiss == nil && miss { gap = plan.firstGapSeconds / 2 }
      if let m = lastMiss {
        let since = at - m
        if hit { hits.append(since) } else { misses.append(since) }
        say(String(format: "edge TTL: %@ after %@ since the last miss", hit ? "hit" : "miss", Self.gapText(since)))
      }
      if miss { lastMiss = at }
      guard lastMiss != nil else {
        // A hit of unknown age: wait longer each time until a miss starts the clock.
        gap = min(gap * 2, plan.ttlLongestGapSeconds)
        continue
      }
      let h = hits.max()
      let m = misses.min()
      if m == nil {
        guard gap * 2 <= plan.ttlLongestGapSeconds else { break }
        gap *= 2
      } else if let h, let m, h < m, m > 1.25 * h {
        gap = (h * m).squareRoot()
      } else if let m, h == nil {
        gap = m / 2
      } else {
        break
      }
    }
    let field = "cdn.ttlSeconds"
    switch (hits.max(), misses.min()) {
    case (_, _) where unknown > 0 && hits.isEmpty && misses.isEmpty:
      findings.append("edge TTL: the page's responses carry no X-Cache header, so hits and misses cannot be told: \(field) kept")
    case (let h?, let m?) where h < m && m <= 1.25 * h:
      let mid = (h + m) / 2
      settings.append(
        Calibration.Setting(
          field: field, value: Calibration.round(mid),
          basis:
            "edge TTL probe: a hit \(Self.gapText(h)) after the page's last miss, a miss after \(Self.gapText(m)) (\(hits.count) hits, \(misses.count) misses): the midpoint, within \(Self.gapText((m - h) / 2))"
        ))
      findings.append("edge TTL: between \(Self.gapText(h)) and \(Self.gapText(m)) (\(calls) page requests)")
    case (let h, let m?):
      findings.append(
        "edge TTL: at most \(Self.gapText(m))\(h.map { ", at least \(Self.gapText($0))" } ?? "") (\(calls) page requests; the bounds are too far apart to set \(field), kept)")
    case (let h?, nil):
      findings.append(
        "edge TTL: longer than \(Self.gapText(h)), the longest gap tried (\(calls) page requests; raise --max-duration to look further): \(field) kept")
    default:
      findings.append("edge TTL: no miss was seen to time from (\(calls) page requests): \(field) kept")
    }
  }

  /// The service time above which a call is taken as cold while the ladder runs: halfway
  /// between the warm calls' p99 and the probe's first call (always cold: no environment
  /// existed); nil when the first call was not clearly slower.
  private func coldThresholdMs() -> Double? {
    let warm = log.serviceMs.dropFirst().filter { $0 > 0 }.sorted()
    guard let first = log.serviceMs.first, warm.count >= 5 else { return nil }
    let p99 = warm[min(warm.count - 1, Int(Double(warm.count) * 0.99))]
    guard first > 2 * p99 else { return nil }
    return (first + p99) / 2
  }

  /// Single calls after quiet gaps: doubling until one is cold, then bisecting, then repeats
  /// on both sides. Returns the quiet period after which every environment has expired (the
  /// shortest cold gap), or nil.
  private mutating func idleLadder() throws(CLIError) -> Double? {
    guard let threshold = coldThresholdMs() else {
      findings.append(
        "the first call was not clearly slower than the warm ones: cold calls cannot be told by their time; the idle ladder and the bursts were skipped (give the function's cold-start header with --cold-header if it sets one)"
      )
      return nil
    }
    say(String(format: "3. idle ladder: a call slower than %.0f ms is taken as cold", threshold))
    // The phases before may have let every environment expire: one call first, so the
    // ladder's first gap is timed from a warm environment's last call.
    _ = try oneCall()
    let ladderEnd = elapsed + (plan.phases.first { $0.kind == .idleLadder }?.seconds ?? 0)
    var warmGaps: [Double] = []
    var coldGaps: [Double] = []
    var gap = plan.firstGapSeconds
    var calls = 0
    while calls < plan.ladderCalls, stop.stopped == nil, elapsed + gap < ladderEnd, requestsLeft > 0 {
      try wait(gap)
      guard let service = try oneCall() else { break }
      calls += 1
      let cold = service >= threshold
      if cold { coldGaps.append(gap) } else { warmGaps.append(gap) }
      say(
        String(
          format: "idle ladder: after %@ quiet: %@ (%.0f ms); %@ left", Self.gapText(gap), cold ? "cold" : "warm",
          service, DurationText.words(max(0, ladderEnd - elapsed))))
      let w = warmGaps.max()
      let c = coldGaps.min()
      if c == nil {
        guard gap * 2 <= plan.longestGapSeconds else { break }
        gap *= 2
      } else if let w, let c, w < c, c > 1.25 * w {
        gap = (w * c).squareRoot()
      } else if let w, let c, w < c {
        // Pinned within 25%: repeat both sides until each has the calls evidence needs.
        let warmSide = warmGaps.filter { $0 <= w }.count
        let coldSide = coldGaps.filter { $0 >= c }.count
        if warmSide >= CallSchedule.minimumCallsPerSide && coldSide >= CallSchedule.minimumCallsPerSide { break }
        gap = warmSide <= coldSide ? w : c
      } else if w == nil, let c {
        gap = c / 2
      } else {
        findings.append("the idle ladder's calls disagree (a warm call after a longer gap than a cold one)")
        break
      }
    }
    if let c = coldGaps.min() {
      let w = warmGaps.filter { $0 < c }.max()
      findings.append(
        "idle timeout: warm after \(w.map { Self.gapText($0) } ?? "no gap tried") quiet, cold after \(Self.gapText(c)) (\(calls) ladder calls, gaps as the probe waited them; the scenario's notes give the server-side bounds)"
      )
      return c
    }
    findings.append(
      "idle timeout: every call was warm, after gaps up to \(warmGaps.max().map { DurationText.words($0) } ?? "-"): it is longer (raise --max-duration to look further)"
    )
    return nil
  }

  /// Bursts of `maxConcurrency` calls at once, each after a quiet period past the idle
  /// timeout, so that every call starts an environment.
  private mutating func bursts(quietSeconds: Double?) throws(CLIError) {
    guard plan.bursts > 0 else { return }
    guard let quiet = quietSeconds else {
      findings.append("bursts skipped: no quiet gap was seen to expire every environment, so a burst would not be cold")
      return
    }
    say("4. bursts: \(plan.bursts) of \(plan.maxConcurrency) calls, each after \(Self.gapText(quiet * 1.2)) quiet")
    var colds = 0
    for i in 0..<plan.bursts {
      guard stop.stopped == nil, elapsed + quiet * 1.2 < plan.maxSeconds, requestsLeft >= plan.maxConcurrency else {
        break
      }
      try wait(quiet * 1.2)
      let r = try measure(
        .closed(users: plan.maxConcurrency, thinkSeconds: 3_600, durationSeconds: 0.05), parts: .api,
        cap: plan.maxConcurrency)
      colds += plan.maxConcurrency - Int(r.errors.counterApi?.total ?? 0)
      say("burst \(i + 1): \(plan.maxConcurrency) calls at once; \(DurationText.words(max(0, timeLeft))) left")
      if colds >= ProbePlan.coldStartsWanted { break }
    }
  }

  /// Bursts of growing size until 429s come back (the concurrency limit).
  private mutating func limitRamp() throws(CLIError) {
    var size = plan.maxConcurrency
    say("5. limit ramp: bursts from \(size) calls until 429s come back")
    while stop.stopped == nil, requestsLeft >= size, timeLeft > 1 {
      let r = try measure(
        .closed(users: size, thinkSeconds: 3_600, durationSeconds: 0.05), parts: .api, cap: size)
      let throttled = r.live?.stages?["counterApi"]?.statusCounts["429"] ?? 0
      say("limit ramp: \(size) at once: \(throttled) refused with 429")
      if throttled > 0 {
        findings.append("concurrency: \(size) calls at once met \(throttled) 429s")
        return
      }
      size *= 2
    }
    findings.append("concurrency: no 429 up to \(size / 2) calls at once")
  }

  // MARK: Runs

  /// One call on its own; its service time, or nil when it got no answer.
  private mutating func oneCall() throws(CLIError) -> Double? {
    let before = log.count
    _ = try measure(.closed(users: 1, thinkSeconds: 3_600, durationSeconds: 0.05), parts: .api, cap: 1)
    guard log.count > before, log.status[log.count - 1] != 0 else { return nil }
    return log.serviceMs[log.count - 1]
  }

  /// One short live run; its counter calls join the probe's log on the probe's clock.
  private mutating func measure(_ shape: LoadShape, parts: LiveConfig.Parts, cap: Int) throws(CLIError) -> RunReport {
    var c = config
    c.shape = shape
    c.parts = parts
    c.maxRequests = cap
    let offsetMs = elapsed * 1_000
    let r = try LiveCommand.live { () throws(LiveError) in
      try LiveRun.execute(c, origins: origins, name: "probe", stop: stop)
    }
    requests += Int(r.errors.requests + (r.live?.requestsCutOff ?? 0))
    if let calls = r.live?.counterCalls {
      var shifted = CounterCallLog()
      for k in 0..<calls.count {
        shifted.append(
          sentMs: calls.sentMs[k] + offsetMs, serviceMs: calls.serviceMs[k], status: calls.status[k],
          cold: calls.cold[k] < 0 ? nil : calls.cold[k] == 1, limit: CounterCallLog.capacity)
      }
      log = log.adding(shifted)
    }
    reports.append(r)
    return r
  }

  /// A gap as people read it: "1.41 s" under a minute, "12 min" beyond.
  static func gapText(_ seconds: Double) -> String {
    seconds < 60 ? String(format: "%.3g s", seconds) : DurationText.words(seconds)
  }

  /// Waits `seconds`, in small steps so Ctrl-C ends the wait.
  private func wait(_ seconds: Double) throws(CLIError) {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end, stop.stopped == nil { usleep(useconds_t(min(100_000, max(1_000, end.timeIntervalSinceNow * 1e6)))) }
  }
}
