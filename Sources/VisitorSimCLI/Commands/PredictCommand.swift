import Foundation
import LoadTest
import Metrics
import Pricing
import Reporting
import ScenarioModel
import Simulation
import WhatIf

/// `visitorsim predict LIVE.json [SCENARIO] [--seed N] [--replications N] [--format text|json|html]
/// [--output PATH]`: simulates exactly what a live run did, with the scenario's model of the site.
///
/// The same intended visit starts (rebuilt from the run's recorded workload), the same parts and
/// number of assets, no warm-up and nothing warm at the start, and the load generator's own
/// network instead of internet visitors': its measured connection round trip (the median
/// `connect` time), names resolved once, kept-alive connections (no handshakes), no browser
/// cache, one edge location, no bandwidth limit. `live --predict` does the same in one step.
enum PredictCommand {
  static let spec = CommandSpec(
    name: "predict", arguments: "LIVE.json [SCENARIO]", maxPositionals: 2,
    summary: "simulate exactly what a live run did with the scenario's model",
    discussion: """
      Replays the run's own intended visit starts, parts and assets over the load generator's
      network, with nothing warm at the start. Compare the result with the live report.
      """,
    groups: [
      OptionGroup(
        title: "Runs",
        options: [
          OptionGroup.scenario.options[1],
          .option("--replications", "N", "independent seeds, merged", default: "1"),
        ]),
      .output(formats: [.text, .json, .html, .markdown], quiet: true),
    ],
    examples: ["visitorsim predict live.json calibrated.json --format json --output predicted.json"],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  /// Most visits a replayed schedule may hold (their start times are kept in memory: 160 MB).
  static let maxReplayedVisits = 20_000_000.0

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    let seed = try args.value("--seed")
    let format = try OutputFormat.parse(try args.value("--format"), allowed: [.text, .json, .html, .markdown])
    let replications = try Int(positive: args.value("--replications"), option: "--replications", max: 1_000) ?? 1
    let output = try args.value("--output")
    let files = try args.positionals(max: 2)
    guard let livePath = files.first else { throw .usage("predict needs a live report: predict LIVE.json [SCENARIO]") }
    let live = try ReportFile.read(livePath)
    let line = ProgressLine.forTerminal(quiet: args.flag("--quiet"))
    let report = try simulate(
      live, scenarioPath: files.count > 1 ? files[1] : nil, seed: seed, replications: replications, progress: line)
    line?.finish()
    try Output.emit(report, format: format, to: output, console: console)
  }

  /// The simulation of the live run `live` with the scenario at `scenarioPath` (nil or
  /// "baseline": the embedded baseline).
  static func simulate(
    _ live: RunReport, scenarioPath: String?, seed: String? = nil, replications: Int = 1,
    progress: ProgressLine? = nil
  ) throws(CLIError) -> RunReport {
    let path = scenarioPath == "baseline" ? nil : scenarioPath
    let (base, prices) = try ScenarioLoading.loadWithPrices(path: path, sets: [], seed: seed)
    let scenario = try self.scenario(replaying: live, on: base)
    var hook: (@Sendable (SimulationProgress) -> Void)?
    if let progress { hook = { progress.update($0, prefix: "predict: ") } }
    var report = try Runner.simulate(scenario, prices: prices, replications: replications, progress: hook)
    report.notes.append(
      "predicts the live run of \(live.liveSettings?.startedAtUTC ?? "?"): its \(scenario.workload.traceSeconds.count) intended visit starts, the load generator's network (round trip \(format(live.roundTripMs)) ms, no handshakes on kept-alive connections, no DNS, no browser cache, one edge), nothing warm at the start"
    )
    return report
  }

  /// `base` made to replay what the live run did.
  static func scenario(replaying live: RunReport, on base: Scenario) throws(CLIError) -> Scenario {
    guard live.mode == "live" else { throw .badInput("predict: the report is not a live run's (mode \(live.mode))") }
    guard let settings = live.liveSettings else {
      throw .badInput("predict: the live report does not say how it was run (made by an older visitorsim)")
    }
    if let why = settings.scheduleProblem(maxVisits: maxReplayedVisits) {
      throw .badInput("predict: liveSettings: \(why)")
    }
    guard let starts = settings.intendedStarts() else {
      throw .usage(
        "predict: a closed-model run's visit starts depend on its responses; predict replays open-model runs")
    }
    guard !starts.isEmpty else { throw .badInput("predict: the live run's schedule has no visits") }
    var s = base
    s.workload.process = .trace
    s.workload.traceFile = nil
    s.workload.traceSeconds = starts
    s.workload.spikes = []
    s.workload.diurnal = nil
    s.workload.returningVisitorFraction = 0
    s.workload.parts = Scenario.Workload.Parts(rawValue: settings.parts) ?? .all
    s.warmupSeconds = 0
    s.durationSeconds = max(settings.durationSeconds, 0.001)
    // The load generator's network: its own round trip, names resolved once, connections kept
    // alive, a link that is not the bottleneck, one edge.
    if let rtt = live.roundTripMs { s.network.rttMs = .constant(rtt) }
    s.network.handshakeRoundTrips = 0
    s.network.bandwidthMbps = ScenarioLimits.bandwidthMbps.upperBound
    s.dns.cachedMs = .constant(0)
    s.dns.lookupMs = .constant(0)
    s.cdn.edgeLocations = 1
    // The same number of assets (their sizes stay the scenario's).
    let n = settings.assets.count
    if n < s.page.assets.count {
      s.page.assets = Array(s.page.assets.prefix(n))
    } else if n > s.page.assets.count {
      let bytes = s.page.assets.isEmpty ? 10_000 : s.page.assets.map(\.bytes).reduce(0, +) / s.page.assets.count
      for i in s.page.assets.count..<n { s.page.assets.append(.init(name: "asset\(i)", bytes: bytes, ttlSeconds: nil)) }
    }
    s.page.apiCallsPerView = settings.api == nil ? 0 : 1
    s.page.corsPreflight = settings.corsPreflight
    s.client.apiTimeoutMs = settings.responseTimeoutMs
    do { try s.validate() } catch { throw .badInput("predict: \(error.description)") }
    return s
  }

  private static func format(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "the scenario's" }
}
