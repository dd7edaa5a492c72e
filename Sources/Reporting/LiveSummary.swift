import Metrics

/// What a live report says beyond latencies, in the words and cells every format shows: the
/// run's head (what ran, when, how) and its counts by stage.
enum LiveSummary {
  typealias F = TextFormat

  /// `started 2026-11-26T05:13:46.991Z by visitorsim 0.1.0`, or "" for a report without
  /// settings.
  static func started(_ r: RunReport) -> String {
    r.liveSettings.map { "started \($0.startedAtUTC) by visitorsim \($0.version)" } ?? ""
  }

  /// The same as a sentence of its own (`Started ... 0.1.0. `), or "".
  static func startedSentence(_ r: RunReport) -> String {
    let said = started(r)
    return said.isEmpty ? "" : said.prefix(1).uppercased() + said.dropFirst() + ". "
  }

  /// Throughput and bytes: `Measured for 5s: 100 visits (20.1/s), 300 requests (60.3/s), 31.2
  /// KB sent, 80.4 KB received (16.1 KB/s)`: bytes in the unit their size calls for.
  static func measured(_ r: RunReport) -> String {
    let seconds = max(r.simulatedSeconds, 1e-9)
    var said =
      "Measured for \(F.duration(r.simulatedSeconds)): \(F.count(r.visits)) visits (\(F.fixed(Double(r.visits) / seconds, 1))/s), \(F.count(r.errors.requests)) requests (\(F.fixed(Double(r.errors.requests) / seconds, 1))/s)"
    if let sent = r.live?.bytesSent { said += ", \(NumberText.bytes(Double(sent))) sent" }
    if let bytes = r.live?.bytesReceived {
      said += ", \(NumberText.bytes(Double(bytes))) received (\(NumberText.bytes(Double(bytes) / seconds))/s)"
    }
    return said
  }

  /// `Workload: open model: 20 visits/s for 5 s, evenly spaced; 2 event loops, ...; 2 cores`,
  /// nil for a report without settings.
  static func workload(_ r: RunReport) -> String? {
    guard let s = r.liveSettings else { return nil }
    let timeouts =
      "timeouts: connect \(F.duration(s.connectTimeoutMs / 1e3)), response \(F.duration(s.responseTimeoutMs / 1e3))"
    let machine = s.cores.map { "; \($0) cores" } ?? ""
    return
      "Workload: \(schedule(s)); \(s.loops) event loops, up to \(s.connectionsPerOrigin) connections per origin each; \(timeouts)\(machine)"
  }

  /// The schedule in words: `open model: 50 visits/s for 2 s, evenly spaced` or `closed
  /// model: 50 users, no think time, for 5 s`, with the stages of a ramp.
  static func schedule(_ s: LiveSettings) -> String {
    func n(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
    if s.model == "closed" {
      let think = s.thinkSeconds.map { $0 > 0 ? "\(n($0)) s of think time" : "no think time" } ?? "no think time"
      return "closed model: \(s.users ?? 0) users, \(think), for \(n(s.durationSeconds)) s"
    }
    let spacing = s.poisson ? "Poisson starts (seed \(s.seed))" : "evenly spaced"
    let shape =
      s.stages.count == 1
      ? "\(n(s.stages[0].rate)) visits/s for \(n(s.stages[0].seconds)) s"
      : "stages " + s.stages.map { "\(n($0.seconds)) s to \(n($0.rate))/s" }.joined(separator: ", ")
    let shard = s.shardCount > 1 ? ", shard \(s.shardIndex + 1) of \(s.shardCount)" : ""
    return "open model: \(shape), \(spacing)\(shard)"
  }

  static let stageHeader = ["stage", "requests", "per s", "bytes sent", "received", "statuses"]

  /// One row per stage that sent requests, in the order of the latency table: its requests
  /// that ended (a response or an error), their rate over the run, bytes each way, statuses.
  static func stageRows(_ r: RunReport) -> [[String]] {
    guard let byStage = r.live?.stages else { return [] }
    let seconds = max(r.simulatedSeconds, 1e-9)
    let order = TextReport.stageOrder + byStage.keys.sorted().filter { !TextReport.stageOrder.contains($0) }
    return order.compactMap { name in
      guard let c = byStage[name] else { return nil }
      let statuses = c.statusCounts.keys.sorted().map { "\($0): \(F.count(c.statusCounts[$0]!))" }
      return [
        name, F.count(c.requests), F.fixed(Double(c.requests) / seconds, 1), c.bytesSent.map { F.count($0) } ?? "-",
        F.count(c.bytesReceived), statuses.isEmpty ? "-" : statuses.joined(separator: ", "),
      ]
    }
  }
}
