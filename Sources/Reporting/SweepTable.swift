import Foundation
import Metrics

/// Renders a sweep as a text table or CSV.
public enum SweepTable {
  public static func text(_ s: SweepReport) -> String {
    var out = "visitorsim sweep: scenario \"\(s.scenario)\", \(s.points.count) points"
    out += s.replications > 1 ? ", \(s.replications) replications each\n" : "\n"
    let judged = !s.objectives.isEmpty
    let header = s.parameters + s.metrics.map(shortName) + (judged ? ["objectives"] : [])
    let rows = s.points.enumerated().map { i, p in
      p.values
        + zip(s.metrics, p.metrics).map { name, v in
          v.map { name.hasPrefix("cost.") ? TextFormat.fixed($0, 2) : cell($0) } ?? "-"
        }
        + (judged ? [verdict(p, cheapest: i == s.cheapestPassing)] : [])
    }
    let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max()! }
    for row in [header] + rows {
      out +=
        "  "
        + row.enumerated().map { c, v in
          TextFormat.pad(v, widths[c], right: c >= s.parameters.count && !(judged && c == row.count - 1))
        }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
    }
    if judged {
      out += "  objectives: \(s.objectives.joined(separator: ", ")) (over each point's whole measured window)\n"
      if let best = s.cheapestPassing {
        out +=
          "  cheapest point meeting every objective: \(zip(s.parameters, s.points[best].values).map { "\($0)=\($1)" }.joined(separator: ", "))\n"
      } else {
        out += "  no point meets every objective\n"
      }
    }
    let notes = Set(s.points.flatMap(\.notes))
    for n in notes.sorted() { out += "  note: \(n)\n" }
    out += "  (latencies in ms, ratios as fractions, cost in USD a month)\n"
    return out
  }

  public static func csv(_ s: SweepReport) -> String {
    let judged = !s.objectives.isEmpty
    var out =
      (s.parameters + s.metrics + (judged ? ["meetsObjectives", "cheapestPassing"] : [])).map(quote).joined(
        separator: ",") + "\n"
    for (i, p) in s.points.enumerated() {
      let marks = judged ? [p.missed.isEmpty ? "true" : "false", i == s.cheapestPassing ? "true" : "false"] : []
      out += (p.values.map(quote) + p.metrics.map { $0.map { String($0) } ?? "" } + marks).joined(separator: ",") + "\n"
    }
    return out
  }

  /// "meets all", "misses counterApi.p99<=300ms", with the cheapest passing point marked.
  static func verdict(_ p: SweepReport.Point, cheapest: Bool) -> String {
    if !p.missed.isEmpty { return "misses " + p.missed.joined(separator: ", ") }
    return cheapest ? "meets all <- cheapest" : "meets all"
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

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var s = self
    while s.hasSuffix(" ") { s.removeLast() }
    return s
  }
}
