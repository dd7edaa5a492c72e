import Dispatch
import Foundation
import Metrics
import Pricing
import ScenarioModel
import Simulation

/// Runs a scenario at every combination of parameter values (the cartesian product).
///
/// A parameter is a scenario field (`lambda.reservedConcurrency=1,2,5,10`) or `load`, a
/// multiplier on the arrival rate (not on a replayed trace, which keeps its own timing) (`load=1x,10x,100x` or the log-spaced range `1x..1000x`).
/// Ranges: `A..B/N` gives N evenly spaced numbers, `Ax..Bx/N` N log-spaced multipliers
/// (default: two per decade). Points run in parallel, each with its own replications.
public struct Sweep: Sendable {
  public struct Dimension: Sendable, Equatable {
    public var path: String
    public var values: [String]
  }

  public var dimensions: [Dimension]

  /// Parses `--vary` arguments (`PATH=v1,v2,...`).
  public init(varying specs: [String]) throws(ScenarioError) {
    guard !specs.isEmpty else { throw ScenarioError("--vary", "give at least one PATH=v1,v2,...") }
    dimensions = []
    for spec in specs {
      guard let eq = spec.firstIndex(of: "="), eq != spec.startIndex else {
        throw ScenarioError("--vary", "\"\(spec)\" is not PATH=v1,v2,...")
      }
      let path = String(spec[..<eq])
      let items = Self.splitTopLevel(String(spec[spec.index(after: eq)...]))
      var values: [String] = []
      for item in items { values += try Self.expand(item, path: path) }
      guard !values.isEmpty else { throw ScenarioError("--vary \(path)", "no values") }
      dimensions.append(Dimension(path: path, values: values))
    }
    let count = dimensions.reduce(1) { $0 * $1.values.count }
    guard count <= 10_000 else { throw ScenarioError("--vary", "\(count) points is above the maximum 10000") }
  }

  /// Every combination, first dimension slowest.
  public var points: [[String]] {
    dimensions.reduce([[]]) { partial, dim in partial.flatMap { prefix in dim.values.map { prefix + [$0] } } }
  }

  /// The scenario for one point: overrides applied to the document, then the load multiplier.
  public static func scenario(
    json: String, overrides: [String], dimensions: [Dimension], values: [String], traceSeconds: [Double] = []
  ) throws(ScenarioError) -> Scenario {
    var sets = overrides
    var multiplier = 1.0
    for (dim, value) in zip(dimensions, values) {
      if dim.path == "load" {
        multiplier *= try parseMultiplier(value)
      } else {
        sets.append("\(dim.path)=\(value)")
      }
    }
    var s = try Scenario.load(json: json, overrides: sets)
    s.workload.scaleLoad(by: multiplier)
    s.workload.traceSeconds = traceSeconds
    if multiplier != 1 {
      do { try s.validateWork() } catch {
        throw ScenarioError("--vary load", "at \(trimmed(multiplier))x, \(error.description)")
      }
    }
    return s
  }

  /// Runs every point; the report's rows follow `points`.
  ///
  /// - Parameter traceSeconds: the timestamps of a replayed trace (read by the caller).
  /// - Parameter objectives: every point is judged against them (a figure a run lacks counts
  ///   as missed), and the cheapest point meeting them all is marked; their figures and the
  ///   monthly total join the metrics.
  public func run(
    json: String, overrides: [String], prices: PriceTable, replications: Int,
    metrics requested: [String] = SweepReport.defaultMetrics, objectives: [Objective] = [],
    traceSeconds: [Double] = [], progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
  ) throws(ScenarioError) -> SweepReport {
    var metrics = requested
    for figure in objectives.map(\.metric) + (objectives.isEmpty ? [] : ["cost.monthly.total"])
    where !metrics.contains(figure) {
      metrics.append(figure)
    }
    let points = self.points
    // Read every point first, so that a bad value fails before anything runs. A point's
    // scenario is small (a replayed trace is one shared buffer); its report is not, so a sweep
    // keeps one row per point, never a report, and memory stays flat in the number of points.
    var read: [Scenario] = []
    for values in points {
      read.append(
        try Self.scenario(
          json: json, overrides: overrides, dimensions: dimensions, values: values, traceSeconds: traceSeconds))
    }
    let scenarios = read
    let metricNames = metrics
    let results = ResultSlots<Result<SweepReport.Point, ScenarioError>>(count: points.count)
    let finished = ResultSlots<Bool>(count: points.count)
    DispatchQueue.concurrentPerform(iterations: points.count) { i in
      results.set(
        i,
        Result { () throws(ScenarioError) in
          let report = try SimulationRun.execute(scenarios[i], prices: prices, replications: replications)
          let missed = objectives.compactMap { o -> String? in
            switch o.judge(report) {
            case .met: nil
            case .missed: o.text
            case .noFigure: "\(o.text) (the run has no figure \(o.metric))"
            }
          }
          return SweepReport.Point(
            values: points[i], metrics: metricNames.map { report.metric($0) }, notes: report.notes, missed: missed)
        })
      finished.set(i, true)
      progress?(finished.filled, points.count)
    }
    var rows: [SweepReport.Point] = []
    var cheapest: (index: Int, cost: Double)?
    let total = metrics.firstIndex(of: "cost.monthly.total")
    for result in results.values {
      let row = try result.get()
      // With objectives the monthly total is one of the figures (added above): read it there.
      if !objectives.isEmpty, row.missed.isEmpty, let total, let cost = row.metrics[total],
        cost < cheapest?.cost ?? .infinity
      {
        cheapest = (rows.count, cost)
      }
      rows.append(row)
    }
    return SweepReport(
      scenario: scenarios.first?.name ?? "", parameters: dimensions.map(\.path), metrics: metrics,
      replications: replications, points: rows, objectives: objectives.map(\.text), cheapestPassing: cheapest?.index)
  }

  // MARK: Parsing values

  /// Splits on commas that are not inside brackets, braces or quotes (so JSON values work).
  static func splitTopLevel(_ text: String) -> [String] {
    var parts: [String] = []
    var current = ""
    var depth = 0
    var inString = false
    var escaped = false
    for c in text {
      if inString {
        current.append(c)
        if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
        continue
      }
      switch c {
      case "\"": inString = true
      case "[", "{": depth += 1
      case "]", "}": depth -= 1
      case "," where depth == 0:
        parts.append(current)
        current = ""
        continue
      default: break
      }
      current.append(c)
    }
    parts.append(current)
    return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// Expands a range item (`1x..1000x/7`, `10..50/5`) or returns the item as is.
  static func expand(_ item: String, path: String) throws(ScenarioError) -> [String] {
    guard let dots = item.range(of: "..") else {
      if path == "load" { _ = try parseMultiplier(item) }
      return [item]
    }
    var upper = String(item[dots.upperBound...])
    var count: Int?
    if let slash = upper.firstIndex(of: "/") {
      guard let n = Int(upper[upper.index(after: slash)...]), n >= 2, n <= 1_000 else {
        throw ScenarioError("--vary \(path)", "\"\(item)\": the number of points after / must be 2 to 1000")
      }
      count = n
      upper = String(upper[..<slash])
    }
    let lowerText = String(item[..<dots.lowerBound])
    if lowerText.hasSuffix("x") || upper.hasSuffix("x") {
      let lo = try parseMultiplier(lowerText)
      let hi = try parseMultiplier(upper)
      guard lo > 0, hi > lo else {
        throw ScenarioError("--vary \(path)", "\"\(item)\" must go from a smaller to a larger multiplier")
      }
      let n = count ?? max(2, Int((2 * log10(hi / lo)).rounded()) + 1)
      return (0..<n).map { k in
        let m = lo * pow(hi / lo, Double(k) / Double(n - 1))
        return "\(trimmed(m))x"
      }
    }
    guard let lo = Double(lowerText), let hi = Double(upper), hi > lo else {
      throw ScenarioError("--vary \(path)", "\"\(item)\" is not a range such as 10..50/5 or 1x..1000x")
    }
    let n = count ?? 5
    return (0..<n).map { k in trimmed(lo + (hi - lo) * Double(k) / Double(n - 1)) }
  }

  static func parseMultiplier(_ text: String) throws(ScenarioError) -> Double {
    let t = text.hasSuffix("x") ? String(text.dropLast()) : text
    guard let m = Double(t), m.isFinite, m >= 1e-6, m <= 1e9 else {
      throw ScenarioError("--vary load", "\"\(text)\" is not a multiplier from 0.000001x to 1000000000x such as 10x")
    }
    return m
  }

  /// A number with at most 4 significant decimals and no trailing zeros.
  static func trimmed(_ x: Double) -> String {
    if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
    var s = String(format: "%.4g", x)
    if s.contains("e") { s = String(x) }
    return s
  }
}
