import Foundation
import Metrics
import Pricing
import Reporting
import ScenarioModel
import Simulation
import WhatIf

/// `visitorsim plan [FILE] --slo OBJECTIVE [--slo ...] [--replications N] [--set ...]
/// [--format text|json] [--output PATH]`: the largest traffic multiplier that meets every
/// objective. Exits 2 when even today's load (1x) misses an objective.
enum PlanCommand {
  static let spec = CommandSpec(
    name: "plan", arguments: "[FILE] --slo OBJECTIVE...", maxPositionals: 1,
    summary: "the largest traffic that meets every objective, what breaks first, the bill there",
    discussion: """
      Multiplies the scenario's traffic, bracketing by doubling, then bisecting to 2%. Each load
      runs --replications seeds and passes only if every objective holds at the worse end of its
      95% interval. Exit 2 if even today's load (1x) fails.
      """,
    groups: [
      OptionGroup(
        title: "Plan",
        options: [
          .option(
            "--slo", "OBJECTIVE", "an objective, e.g. 'counterApi.p99<=800ms' or 'errors.rate<=0.1%'", repeatable: true)
        ]),
      .scenario,
      .replications(default: "3", help: "seeds per load"),
      .output(formats: [.text, .json]),
      OptionGroup(
        title: "CI",
        options: [
          .option("--junit", "FILE", "write each objective at today's load (1x) as a JUnit XML test case")
        ]),
    ],
    examples: ["visitorsim plan Scenarios/bot-storm.json --slo 'counterApi.p99<=800ms' --slo 'errors.rate<=0.001'"],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    let sloTexts = try args.values("--slo")
    let sets = try args.values("--set")
    let seed = try args.value("--seed")
    let replications = try Int(positive: args.value("--replications"), option: "--replications", max: 100) ?? 3
    let format = try OutputFormat.parse(try args.value("--format"))
    let output = try args.value("--output")
    let junitPath = try args.value("--junit")
    let path = try args.positionals(max: 1).first
    guard !sloTexts.isEmpty else { throw .usage("plan needs at least one --slo such as 'counterApi.p99<=800ms'") }
    let objectives = try Objectives.parse(sloTexts, option: "--slo", for: .simulate)
    let (scenario, prices) = try ScenarioLoading.loadWithPrices(path: path, sets: sets, seed: seed)
    let result: CapacityPlan.Result
    let started = Date()
    do {
      result = try CapacityPlan(objectives: objectives, replications: replications).run(scenario, prices: prices)
    } catch {
      throw error.path == "--slo" ? .usage(error.description) : .badInput(error.description)
    }
    let data: Data
    switch format {
    case .json, .csv, .html, .markdown:
      do { data = try JSONReport.render(result) } catch { throw .failure("cannot encode the plan: \(error)") }
    case .text:
      data = Data(render(result, scenario: scenario, objectives: objectives, replications: replications).utf8)
    }
    try Output.send(data, to: output, console: console)
    if let junitPath {
      let xml = JUnitReport.render(
        suite: "visitorsim plan objectives at 1x", cases: junitCases(result, objectives: objectives),
        seconds: Date().timeIntervalSince(started))
      try Files.write(Data(xml.utf8), to: junitPath)
      console.err("wrote \(junitPath)")
    }
    if result.multiplier < 1 {
      throw .objectivesMissed(
        "today's load (1x) misses an objective: the largest passing load is \(String(format: "%.3g", result.multiplier))x"
      )
    }
  }

  /// Each objective at today's load, judged as the plan judges it: at the worse end of its
  /// 95% interval.
  static func junitCases(_ r: CapacityPlan.Result, objectives: [Objective]) -> [JUnitReport.Case] {
    let today = r.steps.first { $0.multiplier == 1 }
    return objectives.map { o in
      guard let today, let figure = today.figures[o.text] else {
        return JUnitReport.Case(name: o.text, failure: "not judged at 1x", value: nil)
      }
      let margin = today.margins[o.text] ?? 0
      let judged = o.comparison.isUpperBound ? figure + margin : figure - margin
      let said = String(format: "%.4g ± %.2g at 1x", figure, margin)
      return JUnitReport.Case(name: o.text, failure: o.isMet(by: judged) ? nil : said, value: figure)
    }
  }

  static func render(_ r: CapacityPlan.Result, scenario: Scenario, objectives: [Objective], replications: Int) -> String
  {
    var out =
      "visitorsim plan: scenario \"\(scenario.name)\", base \(String(format: "%.4g", scenario.workload.visitsPerSecond)) visits/s; objectives: \(objectives.map(\.text).joined(separator: ", "))\n"
    out +=
      "Each load: \(replications) replications; a load passes when every objective holds at the worse end of its 95% interval.\n\n"
    out += "  load          visits/s   result  " + objectives.map(\.text).joined(separator: "  ") + "\n"
    for step in r.steps {
      let figures = objectives.map { o in
        String(format: "%.4g ± %.2g", step.figures[o.text] ?? .nan, step.margins[o.text] ?? .nan).padding(
          toLength: max(o.text.count, 16), withPad: " ", startingAt: 0)
      }
      out +=
        "  " + String(format: "%.4gx", step.multiplier).padding(toLength: 12, withPad: " ", startingAt: 0)
        + String(format: "%10.4g", step.visitsPerSecond)
        + "   " + (step.passed ? "pass  " : "FAIL  ") + "  " + figures.joined(separator: "  ") + "\n"
    }
    out +=
      "\nLargest passing load: \(String(format: "%.4g", r.multiplier))x = \(String(format: "%.4g", r.visitsPerSecond)) visits/s (\(String(format: "%.4g", r.visitsPerMonth)) a \(String(format: "%.4g", scenario.pricing.monthSeconds / 3_600))-hour month)"
    if let f = r.failingMultiplier { out += "; fails at \(String(format: "%.4g", f))x" }
    out += "\nBreaks first: \(r.bottleneck)\n"
    if let cost = r.report?.cost {
      out += "\nBill at the largest passing load:\n" + CostTable.render(cost)
    }
    return out
  }
}
