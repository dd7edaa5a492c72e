import Foundation
import Metrics
import Reporting

/// `visitorsim compare MEASURED.json PREDICTED.json [--format text|json] [--output PATH]`: a
/// live run against a simulation (or any two reports), figure by figure.
enum CompareCommand {
  static let spec = CommandSpec(
    name: "compare", arguments: "MEASURED.json PREDICTED.json", maxPositionals: 2,
    summary: "a live run against a simulation, figure by figure, with relative differences",
    discussion: """
      A figure a run cannot observe is shown as not measured (null in JSON). Reports whose
      workloads differ (visits per second, parts, measured time) are refused, naming what
      differs, unless --force.
      """,
    groups: [
      OptionGroup(
        title: "Compare", options: [.flag("--force", "compare reports whose workloads differ (said in the output)")]),
      .output(formats: [.text, .json]),
    ],
    examples: ["visitorsim compare live.json predicted.json --format json"],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    let format = try OutputFormat.parse(try args.value("--format"), allowed: [.text, .json])
    let output = try args.value("--output")
    let files = try args.positionals(max: 2)
    guard files.count == 2 else { throw .usage("compare needs two reports: MEASURED.json PREDICTED.json") }
    var reports: [RunReport] = []
    for f in files {
      reports.append(try ReportFile.read(f))
    }
    let differences = reports[0].workloadDifferences(from: reports[1])
    if !differences.isEmpty && !args.flag("--force") {
      throw .badInput(
        "\(files[0]) and \(files[1]) ran different workloads (\(differences.joined(separator: "; "))): a comparison would mislead; --force compares them anyway"
      )
    }
    if !differences.isEmpty {
      console.err("warning: the workloads differ (\(differences.joined(separator: "; "))); compared anyway (--force)")
    }
    let data: Data
    if format == .json {
      do { data = try ComparisonTable.json(measured: reports[0], predicted: reports[1]) } catch {
        throw .failure("cannot encode the comparison: \(error)")
      }
    } else {
      data = Data(ComparisonTable.render(measured: reports[0], predicted: reports[1]).utf8)
    }
    try Output.send(data, to: output, console: console)
  }
}
