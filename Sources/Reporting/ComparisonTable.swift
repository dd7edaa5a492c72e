import Foundation
import Metrics

/// Measured against predicted: the same figures of two reports side by side, with the
/// relative difference (measured − predicted) / predicted, as text or as JSON.
///
/// The headline figures come first and are always listed (a figure a report cannot give is
/// null, never left out): latency percentiles of the counter API and the page load, cold
/// starts, throttles (429s), the edge hit ratio, the error rate and the visits. Then every
/// latency stage both reports have.
public enum ComparisonTable {
  /// Per-stage figures compared after the headline ones.
  static let stageFigures = ["p50", "p90", "p99", "p999", "mean"]

  /// How the measured side of a figure was obtained.
  public enum Source: String, Codable, Sendable {
    /// Observed directly (a latency, a status code, an `X-Cache` header).
    case measured
    /// Inferred from what was observed (cold starts from service times, from outside).
    case estimated
    /// Not observable in this run (cold starts without a cold-start header or logs).
    case notMeasured
  }

  public struct Row: Codable, Sendable, Equatable {
    public var figure: String
    public var measured: Double?
    public var predicted: Double?
    public var relativeDifference: Double?
    public var source: Source

    init(_ figure: String, measured: Double?, predicted: Double?, source: Source = .measured) {
      self.figure = figure
      self.measured = measured
      self.predicted = predicted
      self.source = measured == nil ? .notMeasured : source
      if let m = measured, let p = predicted, p != 0, m.isFinite, p.isFinite {
        // A predicted 5e-324 makes the ratio overflow: no difference rather than inf or NaN.
        let d = (m - p) / p
        relativeDifference = d.isFinite ? d : nil
      }
    }

    // Nil figures are written as JSON null, so every row has the same keys.
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(figure, forKey: .figure)
      try c.encode(measured, forKey: .measured)
      try c.encode(predicted, forKey: .predicted)
      try c.encode(relativeDifference, forKey: .relativeDifference)
      try c.encode(source, forKey: .source)
    }
  }

  /// `{"figures": [...]}`: the shape outside checks rely on.
  public struct Document: Codable, Sendable, Equatable {
    public var figures: [Row]
  }

  public static func render(measured: RunReport, predicted: RunReport) -> String {
    var out =
      "Measured (\(measured.mode) \"\(measured.scenario)\", \(TextFormat.count(measured.visits)) visits) against predicted (\(predicted.mode) \"\(predicted.scenario)\", \(TextFormat.count(predicted.visits)) visits)\n\n"
    out +=
      "  " + TextFormat.pad("figure", 26, right: false) + TextFormat.pad("measured", 12)
      + TextFormat.pad("predicted", 12) + TextFormat.pad("difference", 12) + "  source\n"
    for row in rows(measured: measured, predicted: predicted) {
      out +=
        "  " + TextFormat.pad(row.figure, 26, right: false) + TextFormat.pad(cell(row.measured), 12)
        + TextFormat.pad(cell(row.predicted), 12)
        + TextFormat.pad(row.relativeDifference.map { String(format: "%+.1f%%", $0 * 100) } ?? "-", 12)
        + (row.source == .measured ? "" : "  \(row.source.rawValue)") + "\n"
    }
    out += "  (latencies in ms; difference = (measured - predicted) / predicted)\n"
    return out
  }

  /// The same rows as JSON (`--format json`).
  public static func json(measured: RunReport, predicted: RunReport) throws -> Data {
    try JSONReport.encoder.encode(Document(figures: rows(measured: measured, predicted: predicted))) + Data("\n".utf8)
  }

  public static func rows(measured m: RunReport, predicted p: RunReport) -> [Row] {
    var rows: [Row] = []
    // A stage with no sample has no percentile (not 0).
    func latency(_ r: RunReport, _ stage: String, _ f: String) -> Double? {
      guard let s = r.latencyMs[stage], s.count > 0 else { return nil }
      return s.value(named: f)
    }
    for stage in [LatencySeries.counterApi, .pageLoad].map(\.rawValue) {
      for f in ["p50", "p90", "p99"] {
        rows.append(Row("\(stage).\(f)", measured: latency(m, stage, f), predicted: latency(p, stage, f)))
      }
    }
    let cold = coldStarts(m)
    rows.append(
      Row(
        "lambda.coldStarts", measured: cold.count, predicted: p.lambda.map { Double($0.coldStarts) },
        source: cold.source))
    rows.append(
      Row("lambda.coldStartRatio", measured: cold.ratio, predicted: p.lambda?.coldStartRatio, source: cold.source))
    rows.append(Row("throttled", measured: throttled(m), predicted: throttled(p)))
    rows.append(Row("cdn.hitRatio", measured: hitRatio(m), predicted: hitRatio(p)))
    rows.append(Row("errors.rate", measured: m.errors.rate, predicted: p.errors.rate))
    rows.append(Row("visits", measured: Double(m.visits), predicted: Double(p.visits)))
    let mv = m.simulatedSeconds > 0 ? Double(m.visits) / m.simulatedSeconds : 0
    let pv = p.simulatedSeconds > 0 ? Double(p.visits) / p.simulatedSeconds : 0
    rows.append(Row("visits per second", measured: mv, predicted: pv))
    let listed = Set(rows.map(\.figure))
    // A live run's dns stage is its look-ups before the run, not one per visit: not compared.
    let live = m.mode == "live" || p.mode == "live"
    for stage in TextReport.stageOrder
    where (m.latencyMs[stage]?.count ?? 0) > 0 && (p.latencyMs[stage]?.count ?? 0) > 0
      && !(live && stage == LatencySeries.dns.rawValue)
    {
      for f in stageFigures where !listed.contains("\(stage).\(f)") {
        rows.append(Row("\(stage).\(f)", measured: latency(m, stage, f), predicted: latency(p, stage, f)))
      }
    }
    return rows
  }

  /// Cold starts: counted by a simulation; in a live run, counted from the function's own
  /// cold-start header (`live --cold-header`) when it sent one, else estimated from the calls'
  /// schedule and service times (`CallSchedule`), else (an older report) not observable.
  static func coldStarts(_ r: RunReport) -> (count: Double?, ratio: Double?, source: Source) {
    if let l = r.lambda { return (Double(l.coldStarts), l.coldStartRatio, .measured) }
    let cold = Double(r[series: .counterApiColdService]?.count ?? 0)
    let marked = cold + Double(r[series: .counterApiWarmService]?.count ?? 0)
    if marked > 0 { return (cold, cold / marked, .measured) }
    if let log = r.live?.counterCalls, let schedule = CallSchedule(log, roundTripMs: r.roundTripMs ?? 0) {
      let held = Double(schedule.calls.count(where: \.occupies))
      let n = schedule.coldEstimate.count.rounded()
      return (n, n / held, .estimated)
    }
    return (nil, nil, .notMeasured)
  }

  /// 429 responses: seen by the client in a live run; API Gateway plus Lambda throttles in a
  /// simulation.
  static func throttled(_ r: RunReport) -> Double? {
    if r.mode == "live" { return Double(r.statusCounts?["429"] ?? 0) }
    guard r.apiGateway != nil || r.lambda != nil else { return nil }
    return Double((r.apiGateway?.throttled ?? 0) + (r.lambda?.throttled ?? 0))
  }

  /// The edge hit ratio: a simulation's CDN section; a live run's site responses by their
  /// `X-Cache` header (nil when no response carried one).
  static func hitRatio(_ r: RunReport) -> Double? {
    if r.mode == "live" {
      let hits = Double(r.histograms["edgeHitService"]?.count ?? 0)
      let misses = Double(r.histograms["edgeMissService"]?.count ?? 0)
      return hits + misses > 0 ? hits / (hits + misses) : nil
    }
    guard let cdn = r.cdn, cdn.requests > 0 else { return nil }
    return cdn.hitRatio
  }

  static func cell(_ x: Double?) -> String {
    guard let x, x.isFinite else { return "-" }
    if x == 0 { return "0" }
    if x == x.rounded() && abs(x) < 1e15 { return TextFormat.count(Int(x)) }
    return abs(x) < 1 ? String(format: "%.4f", x) : String(format: "%.1f", x)
  }
}
