import Foundation
import Metrics
import Pricing
import Reporting
import ScenarioModel
import Simulation
import SiteLogs
import WhatIf

/// `visitorsim simulate [FILE] [--seed N] [--set PATH=VALUE]... [--format text|json] [--output PATH]`
enum SimulateCommand {
  static let spec = CommandSpec(
    name: "simulate", arguments: "[FILE]", maxPositionals: 1,
    summary: "run a scenario (the embedded baseline when FILE is omitted): latency, cold starts, errors, the bill",
    discussion: """
      Simulates every visit of the scenario: DNS, CloudFront, S3, API Gateway, Lambda and
      DynamoDB, then prices the month. One simulation runs its site and API parts on two cores
      when it has them, with the same report. The same scenario and seed give a byte-identical
      report.
      """,
    groups: [
      .scenario,
      OptionGroup(
        title: "A peak (will the site hold it, and what does it cost?)",
        options: [
          .option(
            "--peak", "RATE",
            "hold this arrival rate exactly (50/s, 3000/m), whatever the daily cycle says; the\nmeasured window becomes the peak, so the bill's Window line is what the peak costs"),
          .option("--for", "DURATION", "how long the peak holds", default: "1h"),
          .option(
            "--at", "TIME",
            "put the peak at TIME on the scenario's clock (e.g. 1d13h) inside the scenario's own\nwindow instead of making it the window"),
        ]),
      OptionGroup(
        title: "Runs",
        options: [
          .option(
            "--replications", "N",
            "run N independent seeds in parallel (seed, seed+1, ...), merge them and give\nheadline figures 95% confidence intervals",
            default: "1"),
          .option(
            "--segments", "N",
            "simulate the window as N consecutive parts in parallel (one long run on N cores;\neach part has its own warm-up)",
            default: "1"),
          .option(
            "--emit-logs", "DIR",
            "also write the run as the site's own logs: DIR/lambda.log (REPORT lines), DIR/cloudfront.log,\nDIR/apigateway.log (the formats scenario from-logs reads; one run only)"
          ),
          .flag("--dry-run", "check the scenario and every option and say what would run, without simulating"),
        ]),
      .output(
        formats: [.text, .json, .html, .markdown], quiet: true,
        outputHelp: "write to PATH instead of stdout (html: Reports/NAME-seedN.html by default)"),
    ],
    examples: [
      "visitorsim simulate",
      "visitorsim simulate Scenarios/hacker-news-spike.json --format html",
      "visitorsim simulate --peak 50/s --for 1h",
      "visitorsim simulate --set workload.arrivals.visitsPerDay=50000 --replications 8",
      "visitorsim simulate --set duration=1d --emit-logs logs/",
    ],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    let sets = try args.values("--set")
    let seed = try args.value("--seed")
    let format = try OutputFormat.parse(try args.value("--format"), allowed: [.text, .json, .html, .markdown])
    let replications = try Int(positive: args.value("--replications"), option: "--replications", max: 10_000) ?? 1
    let segments = try Int(positive: args.value("--segments"), option: "--segments", max: 1_024) ?? 1
    if segments > 1 && replications > 1 { throw .usage("--segments and --replications cannot be combined") }
    let logDirectory = try args.value("--emit-logs")
    if logDirectory != nil && (segments > 1 || replications > 1) {
      throw .usage("--emit-logs writes the logs of one run: not with --replications or --segments")
    }
    let output = try args.value("--output")
    let quiet = args.flag("--quiet")
    let path = try args.positionals(max: 1).first
    var (scenario, prices) = try ScenarioLoading.loadWithPrices(path: path, sets: sets, seed: seed)
    scenario = try peak(scenario, rate: args.value("--peak"), for: args.value("--for"), at: args.value("--at"))
    if args.flag("--dry-run") {
      console.out(
        dryRun(
          scenario, prices: prices, replications: replications, segments: segments, output: output, reportFormat: format
        ))
      return
    }
    let progress = ProgressLine.forTerminal(quiet: quiet)
    var hook: (@Sendable (SimulationProgress) -> Void)?
    if let progress { hook = { progress.update($0) } }
    let report: RunReport
    if let logDirectory {
      let logs: SimulatedLogs
      do { logs = try SimulatedLogs(directory: logDirectory) } catch { throw .cannotWrite(error.description) }
      do {
        report = try SimulationRun.execute(scenario, prices: prices, logs: logs, partsInParallel: true, progress: hook)
      } catch { throw .badInput(error.description) }
      do { try logs.close() } catch { throw .cannotWrite(error.description) }
      console.err(
        "wrote \(logs.lambda.lines) Lambda, \(logs.cloudFront.lines) CloudFront and \(logs.apiGateway.lines) API Gateway log lines to \(logDirectory)"
      )
    } else if segments > 1 {
      do {
        report = try SimulationRun.segmented(
          scenario, prices: prices, segments: segments, partsInParallel: true, progress: hook)
      } catch { throw .badInput(error.description) }
    } else {
      report = try Runner.simulate(
        scenario, prices: prices, replications: replications, partsInParallel: true, progress: hook)
    }
    progress?.finish()
    try Output.emit(report, format: format, to: output, console: console)
  }
}

extension SimulateCommand {
  /// What `simulate` would do: the scenario, its window and seed, the visits to expect.
  static func dryRun(
    _ s: Scenario, prices: PriceTable, replications: Int, segments: Int, output: String?, reportFormat: OutputFormat
  ) -> String {
    let base = s.workload.visitsPerSecond * (s.warmupSeconds + s.durationSeconds)
    var seeds = "seed \(s.seed)"
    if replications > 1 { seeds += " to \(s.seed &+ UInt64(replications - 1)) (\(replications) replications)" }
    var window = "window: \(format(s.durationSeconds)) s measured after \(format(s.warmupSeconds)) s of warm-up"
    if segments > 1 { window += ", as \(segments) segments" }
    let trace = s.workload.process == .trace ? ", from the trace" : ""
    let visits = String(
      format: "visits: about %.0f at the base rate (%.4g a second)%@; at most %.0f with spikes and the daily cycle",
      base, s.workload.visitsPerSecond, trace, s.expectedVisitsBound)
    let shape =
      "parts: \(s.workload.parts.rawValue); API: \(s.apiGateway.type.rawValue); Lambda \(s.lambda.memoryMB) MB \(s.lambda.architecture.rawValue)"
    var out: [String] = ["dry run: nothing simulated", "scenario: \(s.name), \(seeds)", window, visits, shape]
    out.append("prices: \(prices.region), read \(prices.asOf)")
    out.append("report: " + (output ?? "stdout") + " (\(reportFormat.rawValue))")
    if replications > 1 { out.append("runs: \(replications) replications in parallel") }
    return out.joined(separator: "\n")
  }
}

extension SimulateCommand {
  /// The scenario with `--peak RATE [--for D] [--at T]` applied (unchanged without `--peak`).
  static func peak(_ s: Scenario, rate: String?, for length: String?, at: String?) throws(CLIError) -> Scenario {
    guard let rate else {
      if length != nil || at != nil { throw .usage("--for and --at describe a --peak: give --peak RATE too") }
      return s
    }
    let perSecond = try Rate.parse(rate, option: "--peak")
    var seconds = 3_600.0
    if let length {
      guard let d = DurationText.seconds(length) else {
        throw .usage("--for: \"\(length)\" is not a duration such as 1h or 90m")
      }
      seconds = d
    }
    var start: Double?
    if let at {
      guard let t = DurationText.seconds(at) else { throw .usage("--at: \"\(at)\" is not a time such as 1d13h") }
      start = t
    }
    do { return try s.withPeak(visitsPerSecond: perSecond, seconds: seconds, atSeconds: start) } catch {
      throw error.path.hasPrefix("--") ? .usage(error.description) : .badInput(error.description)
    }
  }
}

/// An arrival rate as people write it: `50/s`, `3000/m`, `100/h` or a bare number per second.
enum Rate {
  static func parse(_ text: String, option: String) throws(CLIError) -> Double {
    var t = text.trimmingCharacters(in: .whitespaces)
    var per = 1.0
    for (suffix, seconds) in [("/s", 1.0), ("/m", 60.0), ("/h", 3_600.0)] where t.hasSuffix(suffix) {
      t.removeLast(suffix.count)
      per = seconds
    }
    guard let r = Double(t), r.isFinite, r > 0 else {
      throw .usage("\(option): \"\(OneLine.clean(text))\" is not a rate such as 50/s")
    }
    return r / per
  }
}

extension Int {
  /// Parses an optional positive whole-number option value.
  init?(positive text: String?, option: String, max: Int) throws(CLIError) {
    guard let text else { return nil }
    guard let n = Int(text), n >= 1, n <= max else {
      throw .usage("\(option): \"\(text)\" is not a whole number from 1 to \(max)")
    }
    self = n
  }
}
