import Foundation
import Metrics

/// Measured against predicted: the same figures of two reports side by side, with the
/// relative difference (measured − predicted) / predicted.
public enum ComparisonTable {
  /// Stages compared when both reports have them, and the figures compared per stage.
  static let figures = ["p50", "p90", "p99", "p999", "mean"]

  public static func render(measured: RunReport, predicted: RunReport) -> String {
    var out =
      "Measured (\(measured.mode) \"\(measured.scenario)\", \(TextFormat.count(measured.visits)) visits) against predicted (\(predicted.mode) \"\(predicted.scenario)\", \(TextFormat.count(predicted.visits)) visits)\n\n"
    out +=
      "  " + TextFormat.pad("figure", 26, right: false) + TextFormat.pad("measured", 12)
      + TextFormat.pad("predicted", 12) + TextFormat.pad("difference", 12) + "\n"
    for row in rows(measured: measured, predicted: predicted) {
      out +=
        "  " + TextFormat.pad(row.name, 26, right: false) + TextFormat.pad(cell(row.measured), 12)
        + TextFormat.pad(cell(row.predicted), 12)
        + TextFormat.pad(row.difference.map { String(format: "%+.1f%%", $0 * 100) } ?? "-", 12) + "\n"
    }
    out += "  (latencies in ms; difference = (measured - predicted) / predicted)\n"
    return out
  }

  public struct Row: Sendable, Equatable {
    public var name: String
    public var measured: Double
    public var predicted: Double
    public var difference: Double?
  }

  public static func rows(measured m: RunReport, predicted p: RunReport) -> [Row] {
    var rows: [Row] = []
    for stage in TextReport.stageOrder where m.latencyMs[stage] != nil && p.latencyMs[stage] != nil {
      for f in figures {
        let a = m.latencyMs[stage]!.value(named: f)!
        let b = p.latencyMs[stage]!.value(named: f)!
        rows.append(Row(name: "\(stage).\(f)", measured: a, predicted: b, difference: b != 0 ? (a - b) / b : nil))
      }
    }
    let mv = m.simulatedSeconds > 0 ? Double(m.visits) / m.simulatedSeconds : 0
    let pv = p.simulatedSeconds > 0 ? Double(p.visits) / p.simulatedSeconds : 0
    rows.append(Row(name: "visits per second", measured: mv, predicted: pv, difference: pv != 0 ? (mv - pv) / pv : nil))
    rows.append(
      Row(
        name: "errors.rate", measured: m.errors.rate, predicted: p.errors.rate,
        difference: p.errors.rate != 0 ? (m.errors.rate - p.errors.rate) / p.errors.rate : nil))
    // A live run cannot see cold starts; their mark is the slow tail. Compare the share of API
    // calls slower than the prediction's p90 (10% by definition in the prediction).
    if let h = m.histograms["counterApi"], h.count > 0, let predicted = p.latencyMs["counterApi"], predicted.count > 0 {
      let share = 1 - h.fraction(atOrBelow: Int64(predicted.p90 * 1000))
      rows.append(
        Row(name: "counterApi share > pred. p90", measured: share, predicted: 0.10, difference: (share - 0.10) / 0.10))
    }
    if let lp = p.lambda {
      rows.append(
        Row(name: "predicted cold-start ratio", measured: .nan, predicted: lp.coldStartRatio, difference: nil))
    }
    return rows
  }

  static func cell(_ x: Double) -> String {
    if x.isNaN { return "-" }
    if x == 0 { return "0" }
    return abs(x) < 1 ? String(format: "%.4f", x) : String(format: "%.1f", x)
  }
}
