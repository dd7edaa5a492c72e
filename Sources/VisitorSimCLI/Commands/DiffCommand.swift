import Foundation
import Metrics
import Pricing
import Reporting
import ScenarioModel
import Simulation

/// `visitorsim diff A B`: two scenarios (simulated with the same seed) or two reports, figure
/// by figure.
enum DiffCommand {
  static let spec = CommandSpec(
    name: "diff", arguments: "A B", maxPositionals: 2,
    summary: "two scenarios (simulated with one seed) or two reports, figure by figure: latency, cold starts, the bill",
    discussion: """
      A and B are scenario files (both simulated with the same seed, A's unless --seed says
      otherwise, so only their differences differ) or JSON reports (from simulate, live or
      predict). Shows every headline figure with both values and the change, then the bill's
      line items that changed. --format markdown gives a pull-request comment: the scenario
      fields that differ first (the causes), then the figures that changed in bold, the
      unchanged ones collapsed. --base-set and --head-set change one side only, so one
      scenario can be diffed against a variant of itself.
      """,
    groups: [
      OptionGroup(
        title: "Runs",
        options: [
          .option("--seed", "N", "the seed both scenarios run with (default: A's)"),
          .option(
            "--set", "PATH=VALUE", "override a field in both scenarios (e.g. --set duration=1d for a quick diff)",
            repeatable: true),
          .option("--base-set", "PATH=VALUE", "override a field in A only (after --set)", repeatable: true),
          .option("--head-set", "PATH=VALUE", "override a field in B only (after --set)", repeatable: true),
        ]),
      OptionGroup(
        title: "Labels",
        options: [
          .option("--base-label", "TEXT", "A's column name (default: A's file name)"),
          .option("--head-label", "TEXT", "B's column name (default: B's file name)"),
        ]),
      .output(formats: [.text, .markdown, .json], quiet: true), .dryRun,
    ],
    examples: [
      "visitorsim diff base.json head.json --format markdown",
      "visitorsim diff Scenarios/baseline.json Scenarios/baseline.json --set duration=1d --head-set lambda.memoryMB=512",
      "visitorsim diff base.json head.json --format markdown --base-label main --head-label 'this PR'",
    ],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    let format = try OutputFormat.parse(try args.value("--format"), allowed: [.text, .markdown, .json])
    let seed = try args.value("--seed")
    let sets = try args.values("--set")
    let baseSets = sets + (try args.values("--base-set"))
    let headSets = sets + (try args.values("--head-set"))
    let baseLabel = try args.value("--base-label")
    let headLabel = try args.value("--head-label")
    let output = try args.value("--output")
    let files = try args.positionals(max: 2)
    guard files.count == 2 else { throw .usage("diff needs two files: diff A B") }
    if args.flag("--dry-run") {
      console.out(
        "dry run: would compare \(files[0]) and \(files[1]) (scenarios simulated with \(seed.map { "seed \($0)" } ?? "A's seed")\(sets.isEmpty ? "" : " and " + sets.joined(separator: ", "))) and write \(format.rawValue) to \(output ?? "stdout")"
      )
      return
    }
    let line = ProgressLine.forTerminal(quiet: args.flag("--quiet"))
    defer { line?.finish() }
    let a = try report(files[0], sets: baseSets, seed: seed, progress: line, prefix: "diff: A: ")
    // B runs with A's seed, so only the scenarios' differences differ.
    let b = try report(
      files[1], sets: headSets, seed: seed ?? a.simulatedSeed.map(String.init), progress: line, prefix: "diff: B: ")
    var diff = ReportDiff(
      a.report, b.report, a: baseLabel ?? label(files[0]), b: headLabel ?? label(files[1]))
    if let ta = a.document, let tb = b.document { diff.inputs = inputs(ta, tb) }
    let data: Data
    switch format {
    case .markdown: data = Data(diff.markdown().utf8)
    case .json:
      do { data = try JSONReport.render(diff) } catch { throw .failure("cannot encode the diff: \(error)") }
    default: data = Data(diff.text().utf8)
    }
    try Output.send(data, to: output, console: console)
  }

  static func label(_ path: String) -> String { (path as NSString).lastPathComponent }

  /// A report read from `path`, or the scenario at `path` simulated (with its bill).
  static func report(
    _ path: String, sets: [String], seed: String?, progress: ProgressLine? = nil, prefix: String = ""
  ) throws(CLIError) -> (
    report: RunReport, simulatedSeed: UInt64?, document: JSONValue?
  ) {
    let text = try Files.readText(path, what: "scenario or report", limit: Files.reportBytes)
    // A report when it says it is one (a run report has a mode), else a scenario.
    if text.contains("\"mode\"") && text.contains("\"histograms\"") {
      let r = try ReportFile.parse(text, file: path)
      if !sets.isEmpty { throw .usage("--set applies to scenarios; \(path) is a report") }
      return (r, nil, nil)
    }
    let scenario = try ScenarioLoading.load(text: text, path: path, sets: sets, seed: seed)
    let prices = try PriceLoading.load(for: scenario, scenarioPath: path)
    var hook: (@Sendable (SimulationProgress) -> Void)?
    if let progress { hook = { progress.update($0, prefix: prefix) } }
    let r = try Runner.simulate(scenario, prices: prices, partsInParallel: true, progress: hook)
    // The document as run (its overrides applied), for the inputs that differ.
    var tree = try? JSONParser.parse(text)
    for s in sets where tree != nil { try? ScenarioOverride.apply(s, to: &tree!) }
    return (r, scenario.seed, tree)
  }

  /// The scenario fields written differently in the two documents, as written (a field one
  /// leaves out is "default"); names, descriptions and notes aside.
  static func inputs(_ a: JSONValue, _ b: JSONValue) -> [ReportDiff.Input] {
    let la = leaves(a, "")
    let lb = leaves(b, "")
    var out: [ReportDiff.Input] = []
    for path in Set(la.keys).union(lb.keys).sorted() where la[path] != lb[path] {
      out.append(ReportDiff.Input(field: path, a: la[path] ?? "default", b: lb[path] ?? "default"))
    }
    return out
  }

  static let notInputs: Set<String> = ["name", "description", "notes", "$schema"]

  /// Dotted paths to values; a distribution, an array or a leaf is one value.
  static func leaves(_ v: JSONValue, _ prefix: String) -> [String: String] {
    guard case .object(let members) = v, v["dist"] == nil else { return [prefix: v.rendered()] }
    var out: [String: String] = [:]
    for m in members where !(prefix.isEmpty && notInputs.contains(m.key)) {
      out.merge(leaves(m.value, prefix.isEmpty ? m.key : prefix + "." + m.key)) { $1 }
    }
    return out
  }
}
