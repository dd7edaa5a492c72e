import Foundation
import Metrics
import Reporting

/// `visitorsim merge A.json B.json ... [--format text|json|html] [--output PATH]`: combines the
/// reports of live shards (run at the same time) exactly: histograms and counts add.
enum MergeCommand {
  static let spec = CommandSpec(
    name: "merge", arguments: "A.json [B.json ...]", maxPositionals: 10_000,
    summary: "live shards' (or any) reports merged exactly: histograms and counts add",
    discussion:
      "A run counted twice (the same run id in two files) is refused. One file is rendered again in another format (a JSON report as Markdown or HTML).",
    groups: [.output(formats: [.text, .json, .html, .markdown]), .dryRun],
    examples: [
      "visitorsim merge shard1.json shard2.json --format json --output all.json",
      "visitorsim merge live.json --format markdown >> \"$GITHUB_STEP_SUMMARY\"",
    ],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    let format = try OutputFormat.parse(try args.value("--format"), allowed: [.text, .json, .html, .markdown])
    let output = try args.value("--output")
    let files = try args.positionals(max: 10_000)
    guard !files.isEmpty else { throw .usage("merge needs report files") }
    if args.flag("--dry-run") {
      console.out(
        "dry run: would read \(files.count) report\(files.count == 1 ? "" : "s") (\(files.joined(separator: ", "))) and write \(format.rawValue) to \(output ?? "stdout")"
      )
      return
    }
    var reports: [RunReport] = []
    for f in files {
      reports.append(try ReportFile.read(f))
    }
    guard Set(reports.map(\.mode)).count == 1 else {
      throw .badInput("merge: the reports mix modes (\(Set(reports.map(\.mode)).sorted().joined(separator: ", ")))")
    }
    var seen: [String: String] = [:]
    for (f, r) in zip(files, reports) {
      for id in r.runIds ?? [] {
        if let first = seen[id] {
          throw .badInput("merge: \(f) holds run \(id), which \(first) already holds: one run counted twice")
        }
        seen[id] = f
      }
    }
    let windows: RunReport.MergeWindows = reports[0].mode == "live" ? .concurrent : .replications
    guard var merged = RunReport.merge(reports, windows: windows) else { throw .usage("nothing to merge") }
    merged.notes.removeAll { $0.hasPrefix("shard ") }
    if files.count > 1 { merged.notes.append("merged from \(files.count) reports") }
    try Output.emit(merged, format: format, to: output, console: console)
  }
}
