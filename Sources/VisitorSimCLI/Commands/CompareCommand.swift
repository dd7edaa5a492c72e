import Foundation
import Metrics
import Reporting

/// `visitorsim compare MEASURED.json PREDICTED.json`: a live run against a simulation (or any
/// two reports), figure by figure.
enum CompareCommand {
  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    let files = try args.positionals(max: 2)
    guard files.count == 2 else { throw .usage("compare needs two reports: MEASURED.json PREDICTED.json") }
    var reports: [RunReport] = []
    for f in files {
      let text = try Files.readText(f, what: "report", limit: Files.reportBytes)
      do { reports.append(try JSONReport.parse(Data(text.utf8))) } catch {
        throw .badInput("\(f): not a visitorsim JSON report (\(error))")
      }
    }
    console.out(ComparisonTable.render(measured: reports[0], predicted: reports[1]))
  }
}
