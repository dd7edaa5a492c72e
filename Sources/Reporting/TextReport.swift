import Metrics

/// Renders a report as a readable plain-text table.
public enum TextReport {
  /// Stages in the order a visit meets them.
  static let stageOrder = LatencySeries.reported.map(\.rawValue)

  public static func render(_ r: RunReport) -> String {
    typealias F = TextFormat
    var out = ""
    func line(_ s: String = "") { out += s + "\n" }

    if r.mode == "live" {
      // A load test's words: what was hit, when, by which version; throughput and bytes.
      let started = LiveSummary.started(r)
      line("visitorsim live: \(r.scenario)" + (started.isEmpty ? "" : ", " + started))
      line(LiveSummary.measured(r))
      if let workload = LiveSummary.workload(r) { line(workload) }
    } else {
      line("visitorsim \(r.mode): scenario \"\(r.scenario)\", seed \(r.seed)")
      line(
        "Measured \(F.duration(r.simulatedSeconds)) after \(F.duration(r.warmupSeconds)) of warm-up (discarded): \(F.count(r.visits)) visits"
      )
      if let w = workloadSentence(r) { line(w) }
    }
    line()
    if !r.latencyMs.isEmpty && r.latencyMs.values.allSatisfy({ $0.count == 0 }) {
      line("No request completed, so there is no latency to report: see Errors below.")
      line()
    }
    let stages =
      stageOrder.filter { r.latencyMs[$0] != nil } + r.latencyMs.keys.sorted().filter { !stageOrder.contains($0) }
    // Wide enough for the longest stage name (live mode's breakdown has long ones).
    let width = max(15, stages.map(\.count).max() ?? 0)
    line(
      F.pad("Latency (ms)", width + 2, right: false)
        + ["count", "min", "mean", "p50", "p90", "p95", "p99", "p99.9", "max"].map { F.pad($0, 10) }.joined())
    var thin = false
    for name in stages {
      guard let s = r.latencyMs[name] else { continue }
      let cells =
        [F.count(s.count)]
        + ["min", "mean", "p50", "p90", "p95", "p99", "p999", "max"].map { stat in
          guard s.count > 0, let v = s.value(named: stat) else { return "-" }
          thin = thin || isThin(stat, count: s.count)
          return milliseconds(v, stat, count: s.count)
        }
      line("  " + F.pad(name, width, right: false) + cells.map { F.pad($0, 10) }.joined())
    }
    if thin { line("  " + thinFootnote) }
    line()
    if let c = r.cdn {
      line(
        "CDN          \(F.count(c.requests)) requests, \(F.count(c.hits)) edge hits (\(F.percent(c.hitRatio))), \(F.count(c.originFetches)) origin fetches, \(F.fixed(Double(c.bytesOut) / 1e9, 3)) GB out"
      )
    }
    if let d = r.dns {
      line(
        "DNS          \(F.count(d.lookups)) lookups, \(F.count(d.resolverCacheHits)) from resolver caches, \(F.count(d.route53Queries)) Route 53 queries"
      )
    }
    if let a = r.apiGateway {
      line(
        "API Gateway  \(F.count(a.requests)) requests (\(F.count(a.preflights)) preflights), \(F.count(a.throttled)) throttled"
      )
    }
    if let l = r.lambda {
      line(
        "Lambda       \(F.count(l.invocations)) invocations, \(F.count(l.coldStarts)) cold starts (\(F.percent(l.coldStartRatio))), \(F.count(l.throttled)) throttled (\(F.percent(l.throttleRatio))), \(F.count(l.timeouts)) timeouts"
      )
      line(
        "             environments: mean \(F.fixed(l.meanInstances, 3)) alive, mean \(F.fixed(l.meanBusyInstances, 4)) busy, peak \(l.peakConcurrency) busy"
      )
    }
    if let d = r.dynamodb {
      line(
        "DynamoDB     \(F.count(d.writes)) writes, \(F.count(d.throttled)) throttled attempts, \(F.count(d.retries)) retries, \(F.count(d.failed)) failed"
      )
    }
    if let statuses = r.statusCounts, !statuses.isEmpty {
      line("Statuses     " + statuses.keys.sorted().map { "\($0): \(F.count(statuses[$0]!))" }.joined(separator: ", "))
    }
    let stageRows = LiveSummary.stageRows(r)
    if !stageRows.isEmpty {
      let header = LiveSummary.stageHeader
      line(
        F.pad("By stage", width + 2, right: false) + header[1..<5].map { F.pad($0, 12) }.joined() + "  " + header[5])
      for row in stageRows {
        line("  " + F.pad(row[0], width, right: false) + row[1..<5].map { F.pad($0, 12) }.joined() + "  " + row[5])
      }
    }
    // A live run gives each kind with the reason of its first occurrence.
    let kinds = r.errors.byKind.keys.sorted().filter { r.errors.byKind[$0]! > 0 }.map { kind in
      "\(kind) \(F.count(r.errors.byKind[kind]!))" + (r.live?.errorExamples[kind].map { " (\($0))" } ?? "")
    }.joined(separator: ", ")
    line(
      "Errors       \(F.count(r.errors.total)) of \(F.count(r.errors.requests)) requests (\(F.percent(r.errors.rate)))"
        + (kinds.isEmpty ? "" : ": " + kinds))
    if let api = r.errors.counterApi, let site = r.errors.site {
      line(
        "             counter API \(F.count(api.total)) of \(F.count(api.requests)) (\(F.percent(api.rate))), site \(F.count(site.total)) of \(F.count(site.requests)) (\(F.percent(site.rate)))"
      )
    }
    if let checks = r.checks {
      // A check that judged nothing did not pass: it did not run.
      line(
        checks.passes + checks.fails == 0
          ? "Checks       none ran: no response of their stages came back"
          : "Checks       \(F.count(checks.passes)) passed, \(F.count(checks.fails)) failed (\(F.percent(checks.rate)) passed)"
      )
      for c in checks.checks {
        line(
          c.passes + c.fails == 0
            ? "  \(c.check): not run (no \(c.stage) response)"
            : "  \(c.check): \(F.count(c.passes)) passed, \(F.count(c.fails)) failed"
              + (c.firstFailure.map { " (first: \($0))" } ?? ""))
      }
    }
    if let verdicts = r.thresholds {
      line("Thresholds   " + verdicts.map(\.sentence).joined(separator: "; "))
    }
    if let live = r.live {
      line(
        "Requests     \(F.count(live.requestsIssued)) issued, \(F.count(live.requestsCutOff)) cut off at the end, \(F.count(live.keepAliveRetries)) retried on a new connection after a keep-alive close, \(F.count(live.bytesReceived)) bytes received"
      )
    }
    if let confidence = r.confidence, let n = r.replications {
      line()
      line("95% confidence intervals over \(n) replications")
      for name in confidence.keys.sorted() {
        let c = confidence[name]!
        line(
          "  " + F.pad(name, 26, right: false) + F.pad(F.fixed(c.mean, 4), 14) + "  ± " + F.fixed(c.halfWidth, 4)
            + "   [" + F.fixed(c.low, 4) + ", " + F.fixed(c.high, 4) + "]")
      }
    }
    if let cost = r.cost {
      line()
      out += CostTable.render(cost)
    }
    if !r.notes.isEmpty {
      line()
      line("Notes")
      for n in r.notes { line("  - " + n) }
    }
    return out
  }

  /// Samples a percentile needs past it before its value is that percentile rather than the
  /// largest sample seen (or near it).
  static let samplesNeeded: [String: UInt64] = ["p50": 2, "p90": 10, "p95": 20, "p99": 100, "p999": 1_000]

  /// Whether `stat` of a histogram of `count` samples rests on too few to be that percentile.
  static func isThin(_ stat: String, count: UInt64) -> Bool { count < samplesNeeded[stat, default: 0] }

  /// A latency statistic in ms, marked `*` when it rests on too few samples (`isThin`).
  static func milliseconds(_ v: Double, _ stat: String, count: UInt64) -> String {
    TextFormat.fixed(v, 1) + (isThin(stat, count: count) ? "*" : "")
  }

  static let thinFootnote =
    "* rests on too few samples to be that percentile (p99 needs 100, p99.9 1,000): read it as the largest sample seen"

  /// "Traffic: peak arrival rate 50.0 visits/s (at 1d 13h 20m); busiest minute 3,219 visits
  /// (from 1d 14h 2m); mean 2.78 visits/s". Rates under one a second are given per minute
  /// or per hour.
  public static func workloadSentence(_ r: RunReport) -> String? {
    guard let w = r.workload else { return nil }
    typealias F = TextFormat
    var parts: [String] = []
    if let peak = w.peakVisitsPerSecond {
      parts.append("peak arrival rate \(rate(peak))" + (w.peakAtSeconds.map { " (at \(F.duration($0)))" } ?? ""))
    }
    parts.append(
      "busiest minute \(F.count(w.busiestMinuteVisits)) visits (from \(F.duration(w.busiestMinuteStartSeconds)))")
    parts.append("mean \(rate(w.meanVisitsPerSecond))")
    return "Traffic: " + parts.joined(separator: "; ")
  }

  /// A rate for people, in the unit that keeps it readable: "50.0 visits/s", "3.2 visits/min",
  /// "20.4 visits/h"; three significant figures and no exponent.
  public static func rate(_ perSecond: Double) -> String {
    func three(_ x: Double) -> String {
      if x >= 1_000 { return TextFormat.count(Int(x.rounded())) }
      if x >= 100 { return TextFormat.fixed(x, 0) }
      if x >= 10 { return TextFormat.fixed(x, 1) }
      return TextFormat.fixed(x, 2)
    }
    if perSecond == 0 { return "0 visits/s" }
    if perSecond >= 1 { return three(perSecond) + " visits/s" }
    if perSecond * 60 >= 1 { return three(perSecond * 60) + " visits/min" }
    if perSecond * 3_600 >= 0.01 { return three(perSecond * 3_600) + " visits/h" }
    return "under 0.01 visits/h"
  }
}
