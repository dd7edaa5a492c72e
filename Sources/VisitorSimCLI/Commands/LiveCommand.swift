import Dispatch
import Foundation
import LoadTest
import Metrics
import Pricing
import Reporting
import ScenarioModel
import Simulation
import WhatIf

/// `visitorsim live`: real requests at a deployed site, reported like a simulation.
enum LiveCommand {
  static let spec = CommandSpec(
    name: "live", arguments: "", maxPositionals: 0,
    summary: "real requests at the deployed site, reported in the same format as a simulation",
    discussion: """
      Open model (--rate or --stage; --poisson), a scenario's arrivals with its spikes
      (--scenario, --time-scale), or closed model (--users, --think). Targets other than this
      machine need --yes above 10 visits/s; --max-rate caps the schedule.
      """,
    groups: [
      OptionGroup(
        title: "Targets",
        options: [
          .option("--site", "URL", "the page"),
          .option("--asset", "PATH", "an asset fetched after the page (a path on --site, or a URL)", repeatable: true),
          .option("--api", "URL", "the counter API"),
          .option("--only", "site|api", "send only one part of each visit"),
          .option("--method", "METHOD", "the API request's method", default: "GET"),
          .option(
            "--header", "'NAME: VALUE'",
            "a header on every request; one named Host, User-Agent, Accept, Accept-Encoding or\nContent-Type replaces the default",
            repeatable: true),
          .option("--api-header", "'NAME: VALUE'", "a header on the API request only", repeatable: true),
          .option("--body", "TEXT", "the API request's body (Content-Type: application/json when it is JSON)"),
          .option("--body-type", "TYPE", "the body's Content-Type instead (e.g. application/x-www-form-urlencoded)"),
          .flag("--cors-preflight", "send an OPTIONS preflight before each API call"),
          .flag(
            "--no-follow",
            "do not follow redirects (followed by default, up to 10 hops, to other origins too,\neach hop timed as redirect): count each as an error"
          ),
          .option("--cold-header", "NAME", "a response header the function sets on a cold start"),
          .option(
            "--check", "EXPR", "a check on every response of a stage, e.g. 'counterApi.json.count>0'", repeatable: true),
        ]),
      OptionGroup(
        title: "Load",
        options: [
          .option("--rate", "R/s", "visits per second (open model)", default: "10/s"),
          .option("--stage", "DURATION:R/s", "a stage of a ramping schedule, k6-style", repeatable: true),
          .flag("--poisson", "Poisson arrivals instead of even spacing"),
          .option("--scenario", "FILE", "a scenario's arrivals, spikes and daily cycle included"),
          .option("--time-scale", "K", "play the scenario's schedule K times faster", default: "1"),
          .option("--users", "N", "closed model: N users, each waiting for its visit"),
          .option("--think", "DURATION", "closed model: pause between a user's visits", default: "1s"),
          .option("--duration", "DURATION", "run length", default: "30s"),
          .option("--seed", "N", "seed of the Poisson schedule"),
          .option("--shard", "i/N", "run the i-th of N interleaved shares of the schedule"),
          .option("--max-rate", "R/s", "refuse a schedule peaking above this", default: "2000/s"),
          .option("--max-requests", "N", "stop after N requests"),
          .flag("--yes", "allow more than 10 visits/s at a target other than this machine"),
        ]),
      OptionGroup(
        title: "Connections",
        options: [
          .option("--connections", "N", "connections per origin, shared by the loops", default: "64"),
          .option("--loops", "N", "event loops (threads)", default: "cores"),
          .option("--timeout", "DURATION", "response timeout", default: "10s"),
          .option("--connect-timeout", "DURATION", "TCP connect timeout"),
          .option("--tls-timeout", "DURATION", "TLS handshake timeout"),
          .option("--dns-refresh", "DURATION", "re-resolve names during the run (0: only at the start)"),
          .option(
            "--transport", "native|urlsession", "urlsession for HTTP/2 where it negotiates it (slower)",
            default: "native"),
          .option("--cacert", "FILE", "trust this CA bundle"),
          .flag("--insecure", "do not verify certificates"),
        ]),
      OptionGroup(
        title: "Checks and the model",
        options: [
          .option("--threshold", "OBJECTIVE", "exit 2 when missed, e.g. 'counterApi.p99<=800ms'", repeatable: true),
          .option("--abort-on", "OBJECTIVE", "stop early, e.g. 'errors.rate>0.2'", repeatable: true),
          .option("--predict", "SCENARIO", "simulate what the run did (baseline: the embedded one) and compare"),
          .option("--calibrate", "FILE", "fit the scenario to what was measured and write it to FILE"),
          .option("--junit", "FILE", "write the thresholds as a JUnit XML test report (one test case each)"),
          .flag("--dry-run", "check every argument and print what would be sent, without sending"),
          .option("--cold-split", "MS", "for --calibrate: service time above which a call counts as cold"),
        ]),
      .output(formats: [.text, .json, .html, .markdown], quiet: true),
    ],
    examples: [
      "visitorsim live --site http://127.0.0.1:8080/ --asset style.css --api http://127.0.0.1:8081/count --rate 50/s --duration 1m",
      "visitorsim live --api https://api.example.com/count --stage 30s:5/s --stage 1m:20/s --threshold 'counterApi.p99<=800ms' --yes",
    ],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    let config: LiveConfig
    let thresholds: [Objective]
    let abortOn: [Objective]
    let yes = args.flag("--yes")
    let quiet = args.flag("--quiet")
    let format = try OutputFormat.parse(try args.value("--format"), allowed: [.text, .json, .html, .markdown])
    let output = try args.value("--output")
    let predictPath = try args.value("--predict")
    let calibratePath = try args.value("--calibrate")
    let junitPath = try args.value("--junit")
    let dryRun = args.flag("--dry-run")
    let coldSplit = try CalibrateCommand.coldSplit(&args)
    try Files.distinct([("--output", output), ("--junit", junitPath), ("--calibrate", calibratePath)])
    let maxRate =
      try args.value("--max-rate").map { (t) throws(CLIError) in
        try live { () throws(LiveError) in try LoadShape.parseRate(t, option: "--max-rate") }
      } ?? 2_000
    let scenarioPath = try args.value("--scenario")
    do {
      config = try LiveOptions.config(&args, scenarioPath: scenarioPath)
      try live { () throws(LiveError) in try config.validate() }
      thresholds = try Objectives.parse(args.values("--threshold"), option: "--threshold", for: .live)
      abortOn = try args.values("--abort-on").map(objective)
    }
    _ = try args.positionals(max: 0)
    // A threshold naming a figure a live report cannot have is a typo: say so before sending.
    let template = liveReportTemplate(config)
    for t in thresholds {
      let name = FigureTable.figure(named: t.metric)?.name ?? t.metric
      if name.hasPrefix("checks.") && config.checks.isEmpty {
        throw .usage("--threshold \(t.text): \(name) needs a --check to judge (no check would run)")
      }
      let stage = String(name.prefix { $0 != "." })
      if LatencySeries(rawValue: stage) != nil && !name.contains(".errors.") && template.latencyMs[stage] == nil {
        throw .usage(
          "--threshold \(t.text): a live run of --parts \(config.parts.rawValue) has no \(stage) stage to measure")
      }
      if (name.hasPrefix("counterApi.errors.") && config.parts == .site)
        || (name.hasPrefix("site.errors.") && config.parts == .api)
      {
        throw .usage("--threshold \(t.text): a live run of --parts \(config.parts.rawValue) sends no such requests")
      }
    }
    for a in abortOn where !["errors.rate", "errors.total", "requests"].contains(a.metric) {
      throw .usage(
        "--abort-on: \(a.metric) is not watched while the run goes (use errors.rate, errors.total or requests)")
    }
    if config.shape.peakRate > maxRate {
      throw .usage(
        "the schedule peaks at \(Int(config.shape.peakRate)) visits/s, above --max-rate \(Int(maxRate))/s: raise --max-rate to mean it"
      )
    }
    if dryRun {
      // Everything checked but the names' resolution; nothing sent.
      let loopback = try live { () throws(LiveError) in try LiveRun.dryRun(config, yes: yes) }
      var capped = config
      if !loopback && capped.maxRequests == 0 { capped.maxRequests = 100_000 }
      var said = ["dry run: nothing sent"]
      said.append(
        "targets: " + [config.site?.description, config.api?.description].compactMap { $0 }.joined(separator: ", "))
      said.append(LiveEstimate.text(capped, loopback: loopback))
      said += thresholds.map { "threshold \($0.text): checked against the report after the run" }
      if let output { said.append("report: \(output) (\(format.rawValue))") }
      if let junitPath { said.append("JUnit: \(junitPath)") }
      console.out(said.joined(separator: "\n"))
      return
    }
    let (loopback, origins) = try live { () throws(LiveError) in try LiveRun.preflight(config, yes: yes) }
    var capped = config
    if !loopback && capped.maxRequests == 0 { capped.maxRequests = 100_000 }
    capped.offMachineAllowed = LiveRun.mayLeaveThisMachine(config, yes: yes)
    console.err(LiveEstimate.text(capped, loopback: loopback))

    let stop = StopSignal()
    let interrupt = InterruptWatch(stop: stop)
    let status = ProgressLine.forTerminal(quiet: quiet)
    let name = [config.site?.description, config.api?.description].compactMap { $0 }.joined(separator: " + ")
    var report: RunReport
    let started = Date()
    do {
      defer { status?.finish() }
      report = try live { () throws(LiveError) in
        try LiveRun.execute(capped, origins: origins, name: name, stop: stop) { snap in
          let rate = snap.requests > 0 ? Double(snap.errors) / Double(snap.requests) : 0
          for a in abortOn {
            let value: Double =
              a.metric == "errors.rate"
              ? rate : (a.metric == "errors.total" ? Double(snap.errors) : Double(snap.requests))
            if snap.requests >= 20 && a.isMet(by: value) {
              stop.stop("--abort-on \(a.text) (value \(String(format: "%.4g", value)))")
            }
          }
          status?.show { _ in progressText(snap, config: capped) }
        }
      }
    }
    interrupt.cancel()
    report.liveSettings = LiveSettings(
      capped, version: CLI.version, commandLine: ["live"] + args.original, started: started)
    // Judged before the report is written, so the verdicts are in every format.
    var missed: [String] = []
    var cases: [JUnitReport.Case] = []
    var verdicts: [ThresholdVerdict] = []
    for t in thresholds {
      switch t.judge(report) {
      case .met(let v):
        verdicts.append(ThresholdVerdict(threshold: t.text, value: v, met: true))
        cases.append(.init(name: t.text, failure: nil, value: v))
      case .missed(let v):
        verdicts.append(ThresholdVerdict(threshold: t.text, value: v, met: false))
        missed.append("\(t.text) (\(String(format: "%.4g", v)))")
        cases.append(.init(name: t.text, failure: "measured \(String(format: "%.4g", v))", value: v))
      case .noFigure:
        let why =
          t.metric.hasPrefix("checks.") ? "no check ran, so nothing was checked" : "the report has no figure \(t.metric)"
        verdicts.append(ThresholdVerdict(threshold: t.text, value: nil, met: false, reason: why))
        missed.append("\(t.text): \(why)")
        cases.append(.init(name: t.text, failure: why, value: nil))
      }
    }
    if !verdicts.isEmpty { report.thresholds = verdicts }
    for v in verdicts { console.err("threshold " + v.sentence) }
    if output == nil && format == .html {
      try Output.send(Data(HTMLReport.render(report).utf8), to: "Reports/live.html", console: console, createFolder: true)
    } else {
      try Output.emit(report, format: format, to: output, console: console)
    }
    if let predictPath {
      let comparison = try predict(report, scenarioPath: predictPath)
      // Keep stdout a valid JSON document when the report itself went there.
      if (output == nil || output == "-") && format == .json { console.err(comparison) } else { console.out("\n" + comparison) }
    }
    if let calibratePath {
      let base = predictPath ?? scenarioPath
      try CalibrateCommand.write(
        report, base: base == "baseline" ? nil : base, coldSplitMs: coldSplit, to: calibratePath, console: console)
    }
    if let reason = stop.stopped, reason.hasPrefix("interrupted") {
      throw .interrupted("interrupted: the report covers what was measured until Ctrl-C")
    }
    if let junitPath {
      let xml = JUnitReport.render(suite: "visitorsim live thresholds", cases: cases, seconds: report.simulatedSeconds)
      try Files.write(Data(xml.utf8), to: junitPath)
      console.err("wrote \(junitPath)")
    }
    if !missed.isEmpty { throw .objectivesMissed("thresholds missed: " + missed.joined(separator: ", ")) }
  }

  /// Simulates exactly what the live run did (`PredictCommand`) and compares.
  static func predict(_ live: RunReport, scenarioPath: String) throws(CLIError) -> String {
    let predicted = try PredictCommand.simulate(live, scenarioPath: scenarioPath)
    return ComparisonTable.render(measured: live, predicted: predicted)
  }

  /// The progress line: elapsed, requests and their rate, visits against the target rate (open
  /// model), errors, the counter API's p99 when the run calls it, and the generator's lag.
  static func progressText(_ snap: LiveRun.Snapshot, config: LiveConfig) -> String {
    var parts = [
      String(format: "live %.0fs", snap.elapsedSeconds),
      String(
        format: "%llu requests (%.0f/s)", snap.requests, Double(snap.requests) / max(snap.elapsedSeconds, 0.001)),
      "\(snap.visits) visits",
    ]
    if case .open = config.shape {
      parts[2] += String(
        format: " (target %.4g/s)", config.shape.rate(at: snap.elapsedSeconds) / Double(config.shard.count))
    }
    parts.append("\(snap.errors) errors")
    if config.parts != .site { parts.append(String(format: "counterApi p99 %.1f ms", snap.counterApiP99Ms)) }
    parts.append(String(format: "generator lag p99 %.1f ms", snap.generatorLagP99Ms))
    return parts.joined(separator: ", ")
  }

  /// An empty report with every figure a run of `config` can produce (its stages as empty
  /// histograms), to check thresholds against before the run.
  static func liveReportTemplate(_ config: LiveConfig) -> RunReport {
    var series: [LatencySeries] = [.dns, .connect, .tlsHandshake, .generatorLag, .redirect]
    if config.parts != .api {
      series += [
        .page, .asset, .pageLoad, .siteService, .siteFirstByte, .siteReceive, .edgeHitService, .edgeMissService,
      ]
    }
    if config.parts != .site {
      series += [
        .counterApi, .counterApiService, .counterApiFirstByte, .counterApiReceive, .counterApiColdService,
        .counterApiWarmService, .preflight,
      ]
    }
    let stages = series.map(\.rawValue)
    var r = RunReport(
      mode: "live", scenario: "", seed: 0, simulatedSeconds: 0, warmupSeconds: 0, visits: 0,
      histograms: Dictionary(uniqueKeysWithValues: stages.map { ($0, LatencyHistogram()) }),
      errors: ErrorStats(byKind: [:], requests: 0))
    r.statusCounts = [:]
    r.live = LiveStats(requestsIssued: 0, requestsCutOff: 0, keepAliveRetries: 0, bytesReceived: 0)
    if !config.checks.isEmpty { r.checks = CheckStats(config.checks.map { .init(check: $0.text, stage: $0.stage) }) }
    return r
  }

  static func objective(_ text: String) throws(CLIError) -> Objective {
    do { return try Objective(parsing: text) } catch { throw .usage(error.description) }
  }

  /// Runs a LoadTest step, mapping its errors to exit codes.
  static func live<T>(_ body: () throws(LiveError) -> T) throws(CLIError) -> T {
    do {
      return try body()
    } catch {
      switch error {
      case .usage(let m), .unsafe(let m): throw .usage(m)
      case .failure(let m): throw .failure(m)
      }
    }
  }
}
