import Foundation
import Metrics

/// Renders a sweep as a text table or CSV.
public enum SweepTable {
  public static func text(_ s: SweepReport) -> String {
    var out = "visitorsim sweep: scenario \"\(s.scenario)\", \(s.points.count) points"
    out += s.replications > 1 ? ", \(s.replications) replications each\n" : "\n"
    let header = s.parameters + s.metrics.map(shortName)
    let rows = s.points.map { p in
      p.values
        + zip(s.metrics, p.metrics).map { name, v in
          v.map { name.hasPrefix("cost.") ? TextFormat.fixed($0, 2) : cell($0) } ?? "-"
        }
    }
    let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max()! }
    for row in [header] + rows {
      out +=
        "  "
        + row.enumerated().map { c, v in TextFormat.pad(v, widths[c], right: c >= s.parameters.count) }.joined(
          separator: "  ") + "\n"
    }
    let notes = Set(s.points.flatMap(\.notes))
    for n in notes.sorted() { out += "  note: \(n)\n" }
    out += "  (latencies in ms, ratios as fractions, cost in USD a month)\n"
    return out
  }

  public static func csv(_ s: SweepReport) -> String {
    var out = (s.parameters + s.metrics).map(quote).joined(separator: ",") + "\n"
    for p in s.points {
      out += (p.values.map(quote) + p.metrics.map { $0.map { String($0) } ?? "" }).joined(separator: ",") + "\n"
    }
    return out
  }

  static func shortName(_ metric: String) -> String {
    metric.replacingOccurrences(of: "lambda.", with: "").replacingOccurrences(of: "cost.monthly.total", with: "cost")
  }

  static func cell(_ x: Double) -> String {
    if x == 0 { return "0" }
    if abs(x) < 1 { return TextFormat.fixed(x, 5) }
    return TextFormat.fixed(x, abs(x) < 100 ? 2 : 1)
  }

  static func quote(_ s: String) -> String {
    s.contains(",") || s.contains("\"") || s.contains("\n")
      ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
  }
}
