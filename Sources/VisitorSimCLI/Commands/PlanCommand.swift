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
      95% interval. By default each load is a steady window (no daily cycle or spikes) long
      enough for the objectives: 100 samples past each percentile (10,000 calls for a p99),
      10,000 requests for a rate. A headroom table shows each limited resource against its
      limit at 1x and at the largest passing load, and which saturates first. Exit 2 if even
      today's load (1x) fails.
      """,
    groups: [
      OptionGroup(
        title: "Plan",
        options: [
          .option(
            "--slo", "OBJECTIVE", "an objective, e.g. 'counterApi.p99<=800ms' or 'errors.rate<=0.1%'", repeatable: true),
          .option(
            "--window", "steady|scenario",
            "steady: each load a steady window sized for the objectives; scenario: the scenario's own\nwindow (daily cycle, spikes) scaled",
            default: "steady"),
        ]),
      .scenario,
      .replications(default: "3", help: "seeds per load"),
      .output(formats: [.text, .json, .markdown], quiet: true),
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
    let format = try OutputFormat.parse(try args.value("--format"), allowed: [.text, .json, .markdown])
    let output = try args.value("--output")
    let junitPath = try args.value("--junit")
    let path = try args.positionals(max: 1).first
    try Files.distinct([("--output", output), ("--junit", junitPath)])
    guard !sloTexts.isEmpty else { throw .usage("plan needs at least one --slo such as 'counterApi.p99<=800ms'") }
    let objectives = try Objectives.parse(sloTexts, option: "--slo", for: .simulate)
    let windowText = try args.value("--window") ?? "steady"
    guard let window = CapacityPlan.Window(rawValue: windowText) else {
      throw .usage("--window: \"\(OneLine.clean(windowText))\" is not steady or scenario")
    }
    let (scenario, prices) = try ScenarioLoading.loadWithPrices(path: path, sets: sets, seed: seed)
    let result: CapacityPlan.Result
    let started = Date()
    let progress = ProgressLine.forTerminal(quiet: args.flag("--quiet"))
    var hook: (@Sendable (CapacityPlan.Step, Int) -> Void)?
    if let progress {
      hook = { step, tried in
        let verdict = step.passed ? "passed" : "failed"
        let load = CapacityPlan.number(step.multiplier)
        let rate = TextReport.rate(step.visitsPerSecond)
        progress.show { _ in "plan: \(tried) loads tried; \(load)x (\(rate)) \(verdict)" }
      }
    }
    do {
      let plan = CapacityPlan(objectives: objectives, replications: replications, window: window, progress: hook)
      result = try plan.run(scenario, prices: prices)
    } catch {
      throw error.path == "--slo" ? .usage(error.description) : .badInput(error.description)
    }
    progress?.finish()
    let data: Data
    switch format {
    case .markdown:
      data = Data(markdown(result, scenario: scenario, objectives: objectives).utf8)
    case .json, .csv, .html:
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
        "today's load (1x) misses an objective: the largest passing load is \(CapacityPlan.number(result.multiplier))x"
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
      let said = "\(CapacityPlan.number(figure)) ± \(CapacityPlan.number(margin)) at 1x"
      return JUnitReport.Case(name: o.text, failure: o.isMet(by: judged) ? nil : said, value: figure)
    }
  }

  static func render(_ r: CapacityPlan.Result, scenario: Scenario, objectives: [Objective], replications: Int) -> String
  {
    let n = CapacityPlan.number
    var out =
      "visitorsim plan: scenario \"\(scenario.name)\", today \(TextReport.rate(scenario.workload.visitsPerSecond)); objectives: \(objectives.map(\.text).joined(separator: ", "))\n"
    out += "Each load: \(replications) replications; a load passes when every objective holds at the worse end of its 95% interval.\n"
    switch r.window ?? .scenario {
    case .steady:
      out +=
        "Each load is a steady window (no daily cycle or spikes; --window scenario keeps them), long enough for 100 samples past each percentile.\n"
    case .scenario:
      out += "Each load is the scenario's own window, scaled.\n"
    }
    if let fails = r.todayFails { out += "\nNOTE: \(fails)\n" }
    out += "\n  load          visits/s     window   result  " + objectives.map(\.text).joined(separator: "  ") + "\n"
    for step in r.steps {
      let figures = objectives.map { o in
        var cell = "\(n(step.figures[o.text] ?? .nan)) ± \(n(step.margins[o.text] ?? .nan))"
        if let samples = step.samples?[o.text] { cell += " (n=\(samples))" }
        return cell.padding(toLength: max(o.text.count, 24), withPad: " ", startingAt: 0)
      }
      out +=
        "  " + "\(n(step.multiplier))x".padding(toLength: 12, withPad: " ", startingAt: 0)
        + n(step.visitsPerSecond).leftPadded(10) + (step.windowSeconds.map { ProgressLine.span($0) } ?? "").leftPadded(11)
        + "   " + (step.passed ? "pass  " : "FAIL  ") + "  " + figures.joined(separator: "  ") + "\n"
    }
    out +=
      "\nLargest passing load: \(n(r.multiplier))x = \(TextReport.rate(r.visitsPerSecond)) (\(n(r.visitsPerMonth)) visits a \(n(scenario.pricing.monthSeconds / 3_600))-hour month)"
    if let f = r.failingMultiplier { out += "; fails at \(n(f))x" }
    out += "\nWhat failed there: \(r.bottleneck)\n"
    if let first = r.saturatesFirst { out += "Saturates first: \(first)\n" }
    if let today = r.headroomToday {
      out += "\nHeadroom (use against limit)\n"
      let nameWidth = max(50, today.resources.map(\.name.count).max() ?? 0)
      out += "  " + "resource".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "at 1x".leftPadded(22)
      if r.headroomAtLargest != nil { out += "at \(n(r.multiplier))x".leftPadded(24) }
      out += "  limit\n"
      for (i, res) in today.resources.enumerated() {
        func cell(_ x: Headroom.Resource?) -> String {
          guard let x else { return "-" }
          return "\(n(x.use)) (\(CapacityPlan.percentText(x.share)))"
        }
        let largest = r.headroomAtLargest?.resources.first { $0.name == res.name }
        out += "  " + res.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + cell(res).leftPadded(22)
        if r.headroomAtLargest != nil { out += cell(largest).leftPadded(24) }
        out += "  \(n(res.limit)) \(res.unit)\n"
        _ = i
      }
      out +=
        "  (rates at the busiest minute; concurrency at its peak; scaling at the busiest bucket's average; timeouts against the p99)\n"
    }
    if let cost = r.report?.cost {
      out += "\nBill at the largest passing load:\n" + CostTable.render(cost)
    }
    return out
  }

  /// The plan for a pull-request comment: the answer first, then the headroom table, then the
  /// loads tried in a collapsed block.
  static func markdown(_ r: CapacityPlan.Result, scenario: Scenario, objectives: [Objective]) -> String {
    let n = CapacityPlan.number
    var out = "### visitorsim plan: \(scenario.name)\n\n"
    out += "Objectives: " + objectives.map { "`\($0.text)`" }.joined(separator: ", ") + "\n\n"
    if let fails = r.todayFails { out += "> **Today's load fails.** \(fails)\n\n" }
    out +=
      "**Largest passing load: \(n(r.multiplier))x** (\(TextReport.rate(r.visitsPerSecond)))"
      + (r.failingMultiplier.map { "; fails at \(n($0))x" } ?? "") + "\n\n"
    out += "- What failed there: \(r.bottleneck)\n"
    if let first = r.saturatesFirst { out += "- Saturates first: \(first)\n" }
    if let cost = r.report?.cost { out += "- Bill at that load: \(CostTable.windowSentence(cost) ?? "") \n" }
    out += "\n"
    if let today = r.headroomToday {
      out += "| resource | at 1x | at \(n(r.multiplier))x | limit |\n|---|---:|---:|---:|\n"
      for res in today.resources {
        let largest = r.headroomAtLargest?.resources.first { $0.name == res.name }
        let cell: (Headroom.Resource?) -> String = { x in
          x.map { "\(n($0.use)) (\(CapacityPlan.percentText($0.share)))" } ?? "-"
        }
        out += "| \(res.name) | \(cell(res)) | \(cell(largest)) | \(n(res.limit)) \(res.unit) |\n"
      }
      out += "\n"
    }
    out += "<details><summary>\(r.steps.count) loads tried</summary>\n\n"
    out += "| load | visits/s | result | " + objectives.map { "`\($0.text)`" }.joined(separator: " | ") + " |\n"
    out += "|---:|---:|---|" + objectives.map { _ in "---:|" }.joined() + "\n"
    for step in r.steps {
      let cells = objectives.map { o in
        "\(n(step.figures[o.text] ?? .nan)) ± \(n(step.margins[o.text] ?? .nan))"
          + (step.samples?[o.text].map { " (n=\($0))" } ?? "")
      }
      out +=
        "| \(n(step.multiplier))x | \(n(step.visitsPerSecond)) | \(step.passed ? "pass" : "**fail**") | "
        + cells.joined(separator: " | ") + " |\n"
    }
    return out + "\n</details>\n"
  }

}

extension String {
  func leftPadded(_ width: Int) -> String {
    count >= width ? " " + self : String(repeating: " ", count: width - count) + self
  }
}
