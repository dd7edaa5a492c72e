import Foundation
import LoadTest
import Metrics
import Pricing
import Reporting
import ScenarioModel
import WhatIf

/// `visitorsim probe --api URL [--site URL [--asset PATH]...] [--scenario BASE]
/// [--budget-requests N] [--max-duration D] [--max-concurrency K] [--probe-limit] [--output F]`:
/// plans and runs the experiment that reveals the model's parameters from outside, then writes
/// the calibrated scenario (`ProbePlan`, `ProbeRun`).
enum ProbeCommand {
  static let spec = CommandSpec(
    name: "probe", arguments: "", maxPositionals: 0,
    summary: "design and run the experiment that calibrates the model from outside, then write the scenario",
    discussion: """
      A steady run cannot reveal an idle timeout or an init: probe asks directly. Warm calls
      and page loads for the handler and the edge; single calls after quiet gaps that double,
      then bisect, for the idle timeout; bursts of --max-concurrency calls after quiet periods
      for the init; with --probe-limit, growing bursts until 429s for the concurrency limit.
      The plan (phases, requests, time, estimated AWS cost) is printed before anything is sent;
      --dry-run prints only the plan. Every phase is bounded, and the whole run stays within
      --budget-requests and --max-duration. The calibrated scenario's notes say what each value
      rests on; what the run could not reveal is kept from BASE and listed.
      """,
    groups: [
      OptionGroup(title: "Targets", options: LiveCommand.spec.groups[0].options),
      OptionGroup(
        title: "Probe",
        options: [
          .option("--scenario", "BASE", "the scenario to calibrate", default: "the baseline"),
          .option("--budget-requests", "N", "requests the whole probe may send", default: "2000"),
          .option("--max-duration", "DURATION", "how long the whole probe may take", default: "10m"),
          .option("--max-concurrency", "K", "calls at once in a burst", default: "10"),
          .flag("--probe-limit", "also ramp concurrent calls until 429s, for the concurrency limit"),
          .option("--output", "PATH", "write the calibrated scenario here (default: stdout)"),
          .option("--report", "PATH", "also write the probe's measurements as one live report (JSON)"),
          .option("--timeout", "DURATION", "response timeout", default: "10s"),
          .option("--cacert", "FILE", "trust this CA bundle"),
          .flag("--insecure", "do not verify certificates"),
          .flag("--yes", "allow the limit ramp at a target other than this machine"),
          .flag("--quiet", "no progress lines"),
        ]),
      .dryRun,
    ],
    examples: [
      "visitorsim probe --api https://api.example.com/count --dry-run",
      "visitorsim probe --site https://example.com/ --asset style.css --api https://api.example.com/count --output calibrated.json",
    ],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    var config = LiveConfig(shape: .open(stages: [.init(seconds: 1, rate: 1)], poisson: false))
    try LiveOptions.targets(args, into: &config)
    guard config.api != nil else { throw .usage("probe needs --api: the counter API is what it calibrates") }
    let budget = try Int(positive: args.value("--budget-requests"), option: "--budget-requests", max: 1_000_000) ?? 2_000
    let concurrency = try Int(positive: args.value("--max-concurrency"), option: "--max-concurrency", max: 1_000) ?? 10
    var maxSeconds = 600.0
    if let d = try args.value("--max-duration") {
      guard let s = DurationText.seconds(d), s >= 10, s <= 7 * 86_400 else {
        throw .usage("--max-duration: \"\(OneLine.clean(d))\" is not a duration from 10s to 7d")
      }
      maxSeconds = s
    }
    if let t = try args.value("--timeout") {
      guard let s = DurationText.seconds(t), s > 0, s <= 3_600 else {
        throw .usage("--timeout: \"\(OneLine.clean(t))\" is not a duration such as 5s")
      }
      config.responseTimeoutMs = s * 1_000
    }
    config.caFile = try args.value("--cacert")
    config.verifyTLS = !args.flag("--insecure")
    config.loops = 1
    config.connectionsPerOrigin = max(concurrency * 4, 16)
    try LiveCommand.live { () throws(LiveError) in try config.validate() }
    let base = try args.value("--scenario")
    let output = try args.value("--output")
    let reportPath = try args.value("--report")
    try Files.distinct([("--output", output), ("--report", reportPath)])
    let probeLimit = args.flag("--probe-limit")
    let yes = args.flag("--yes")
    let quiet = args.flag("--quiet")
    _ = try args.positionals(max: 0)
    let baseScenario = try ScenarioLoading.load(path: base, sets: [], seed: nil)
    let prices = try PriceLoading.load(for: baseScenario, scenarioPath: base)
    let plan = ProbePlan(
      budgetRequests: budget, maxSeconds: maxSeconds, maxConcurrency: concurrency, probeLimit: probeLimit,
      assets: config.assets.count, hasSite: config.site != nil, hasApi: true)
    if args.flag("--dry-run") {
      _ = try LiveCommand.live { () throws(LiveError) in try LiveRun.dryRun(config, yes: yes) }
      console.out("dry run: nothing sent\n" + plan.text(prices))
      return
    }
    // The ramp hunts for 429s: only at this machine unless --yes, as live's safety rules say.
    let (loopback, origins) = try LiveCommand.live { () throws(LiveError) in
      try LiveRun.preflight(config, yes: true)
    }
    if probeLimit && !loopback && !yes {
      throw .usage("--probe-limit ramps calls until the site refuses them: at a target other than this machine it needs --yes")
    }
    config.offMachineAllowed = yes || loopback
    console.err(plan.text(prices))
    let stop = StopSignal()
    let interrupt = InterruptWatch(stop: stop)
    defer { interrupt.cancel() }
    var runner = ProbeRun(plan: plan, config: config, origins: origins, stop: stop) { line in
      if !quiet { console.err("probe: " + line) }
    }
    let measured = try runner.run()
    if let reportPath {
      do { try Files.write(try JSONReport.render(measured), to: reportPath) } catch let e as CLIError { throw e } catch {
        throw .cannotWrite("\(reportPath): \(error)")
      }
      console.err("wrote \(reportPath)")
    }
    for n in runner.findings { console.err("probe: found: " + n) }
    try CalibrateCommand.write(
      measured, base: base, coldSplitMs: nil, to: output, console: console, extra: runner.settings,
      extraNotes: runner.findings.map { "probe: " + $0 })
    if let reason = stop.stopped, reason.hasPrefix("interrupted") {
      throw .interrupted("interrupted: the scenario is calibrated from what was measured until Ctrl-C")
    }
  }
}
