import Foundation
import Metrics

/// Renders a sweep as a text table or CSV.
public enum SweepTable {
  public static func text(_ s: SweepReport) -> String {
    var out = "visitorsim sweep: scenario \"\(s.scenario)\", \(s.points.count) points"
    out += s.replications > 1 ? ", \(s.replications) replications each\n" : "\n"
    let judged = !s.objectives.isEmpty
    // A service's cost that is the same at every point is said once below, not as a column.
    let constant = constantServiceCosts(s)
    let shown = s.metrics.indices.filter { constant[s.metrics[$0]] == nil }
    let header = s.parameters + shown.map { shortName(s.metrics[$0]) } + (judged ? ["objectives"] : [])
    let rows = s.points.enumerated().map { i, p in
      p.values
        + shown.map { m in
          let name = s.metrics[m]
          return p.metrics[m].map { name.hasPrefix("cost.monthly.") ? TextFormat.money($0) : cell($0) } ?? "-"
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
    if !constant.isEmpty {
      let said = s.metrics.compactMap { m in
        constant[m].map { "\(m.dropFirst("cost.monthly.".count)) \(TextFormat.money($0))" }
      }
      out += "  the same at every point (a month): \(said.joined(separator: ", "))\n"
    }
    let notes = Set(s.points.flatMap(\.notes))
    for n in notes.sorted() { out += "  note: \(n)\n" }
    out += "  (latencies in ms, ratios as fractions, GB-s and cost a month)\n"
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
    if metric == "cost.monthly.total" { return "cost" }
    if metric == "cost.lambdaGBSeconds" { return "GB-s" }
    if metric.hasPrefix("cost.monthly.") { return String(metric.dropFirst("cost.monthly.".count)) + " $" }
    return metric.replacingOccurrences(of: "lambda.", with: "")
  }

  /// Each service's monthly cost that has one value at every point (the total is always shown).
  static func constantServiceCosts(_ s: SweepReport) -> [String: Double] {
    guard s.points.count > 1 else { return [:] }
    var out: [String: Double] = [:]
    for (m, name) in s.metrics.enumerated() where name.hasPrefix("cost.monthly.") && name != "cost.monthly.total" {
      let values = Set(s.points.map { $0.metrics[m] })
      if values.count == 1, let v = values.first, let v { out[name] = v }
    }
    return out
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
