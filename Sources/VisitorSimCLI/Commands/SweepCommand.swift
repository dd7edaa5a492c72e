import Foundation
import Metrics
import Pricing
import Reporting
import ScenarioModel
import Simulation
import WhatIf

/// `visitorsim sweep [FILE] --vary PATH=v1,v2,... [--vary ...] [--set ...] [--replications N]
/// [--slo 'FIGURE<=LIMIT']... [--format text|json|csv|html] [--output PATH]`
enum SweepCommand {
  static let spec = CommandSpec(
    name: "sweep", arguments: "[FILE] --vary PATH=v1,v2,...", maxPositionals: 1,
    summary: "the same figures for every combination of values; the cheapest point meeting --slo marked",
    discussion: """
      Runs the scenario at every combination of the --vary values (repeat --vary for a
      cartesian product), in parallel. Ranges: 10..50/5 gives 5 evenly spaced numbers; for
      load, a multiplier on the arrival rate, 1x..1000x is log-spaced (two per decade; /N for N
      points). With --slo, every point is judged over its whole measured window and the
      cheapest one meeting every objective is marked.
      """,
    groups: [
      OptionGroup(
        title: "Sweep",
        options: [
          .option("--vary", "PATH=v1,v2,...", "a scenario field (or load) and its values", repeatable: true),
          .option(
            "--slo", "OBJECTIVE", "an objective every point is judged by, e.g. 'counterApi.p99<=300ms'",
            repeatable: true),
        ]),
      .scenario,
      .replications(default: "1", help: "independent seeds per point, merged"),
      .output(
        formats: [.text, .json, .csv, .html], quiet: true,
        outputHelp: "write to PATH instead of stdout (html: Reports/sweep-NAME.html by default)"),
    ],
    examples: [
      "visitorsim sweep --vary lambda.memoryMB=128,256,512,1024,1769,3008 --slo 'counterApi.p99<=600ms'",
      "visitorsim sweep --vary load=1x..1000x --vary lambda.reservedConcurrency=5,50 --format csv",
    ],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    let varies = try args.values("--vary")
    let objectives = try Objectives.parse(args.values("--slo"), option: "--slo", for: .simulate)
    let sets = try args.values("--set")
    let seed = try args.value("--seed")
    let replications = try Int(positive: args.value("--replications"), option: "--replications", max: 1_000) ?? 1
    let format = try OutputFormat.parse(try args.value("--format"), allowed: [.text, .json, .csv, .html])
    let output = try args.value("--output")
    let path = try args.positionals(max: 1).first
    guard !varies.isEmpty else { throw .usage("sweep needs at least one --vary PATH=v1,v2,...") }
    let json = try ScenarioLoading.text(path: path)
    let overrides = sets + (seed.map { ["seed=\($0)"] } ?? [])
    let base = try ScenarioLoading.load(text: json, path: path, sets: sets, seed: seed)
    let prices = try PriceLoading.load(for: base, scenarioPath: path)
    let report: SweepReport
    let line = ProgressLine.forTerminal(quiet: args.flag("--quiet"))
    var hook: (@Sendable (Int, Int) -> Void)?
    if let line { hook = { done, total in line.show { e in ProgressLine.steps("sweep", done, total, elapsedSeconds: e) } } }
    do {
      defer { line?.finish() }
      let sweep = try Sweep(varying: varies)
      report = try sweep.run(
        json: json, overrides: overrides, prices: prices, replications: replications, objectives: objectives,
        traceSeconds: base.workload.traceSeconds, progress: hook)
    } catch {
      throw .badInput((path.map { "\($0): " } ?? "") + error.description)
    }
    let data: Data
    switch format {
    case .text: data = Data(SweepTable.text(report).utf8)
    case .csv: data = Data(SweepTable.csv(report).utf8)
    case .html: data = Data(SweepHTML.render(report).utf8)
    case .json, .markdown:
      do { data = try JSONReport.render(report) } catch { throw .failure("cannot encode the sweep: \(error)") }
    }
    if output == nil && format == .html {
      try Output.send(
        data, to: "Reports/sweep-\(Files.safeName(report.scenario)).html", console: console, createFolder: true)
    } else {
      try Output.send(data, to: output, console: console)
    }
  }
}
