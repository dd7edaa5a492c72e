import Foundation
import Metrics
import Pricing
import ScenarioModel
import Simulation

/// Finds the largest multiplier of a scenario's traffic that still meets every objective, and
/// which component gives way first.
///
/// Bracketing doubles the load from 1x until an objective fails (or halves it while 1x fails),
/// then bisection narrows the gap to `tolerance`. Each load runs `replications` seeds; a load
/// passes only if every objective holds with the 95% confidence margin on the bad side, so
/// one lucky seed cannot fake a pass.
public struct CapacityPlan: Sendable {
  public var objectives: [Objective]
  public var replications: Int
  /// Relative width of the final bracket.
  public var tolerance: Double

  public init(objectives: [Objective], replications: Int = 3, tolerance: Double = 0.02) {
    self.objectives = objectives
    self.replications = max(1, replications)
    self.tolerance = tolerance
  }

  /// One evaluated load.
  public struct Step: Codable, Sendable, Equatable {
    public var multiplier: Double
    public var visitsPerSecond: Double
    public var passed: Bool
    /// Each objective's figure at this load (mean over replications) with its margin.
    public var figures: [String: Double]
    public var margins: [String: Double]
  }

  public struct Result: Codable, Sendable, Equatable {
    /// The largest passing multiplier (0 when even the smallest load tried fails).
    public var multiplier: Double
    public var visitsPerSecond: Double
    public var visitsPerMonth: Double
    /// The smallest failing multiplier found.
    public var failingMultiplier: Double?
    /// What gives way first, in words, and its short name.
    public var bottleneck: String
    public var bottleneckComponent: String
    public var steps: [Step]
    /// The report at the largest passing load (with its bill).
    public var report: RunReport?
  }

  public func run(_ base: Scenario, prices: PriceTable, maxMultiplier: Double = 1e6) throws(ScenarioError) -> Result {
    var steps: [Step] = []
    var reports: [Double: RunReport] = [:]
    func evaluate(_ m: Double) throws(ScenarioError) -> Bool {
      var s = base
      s.workload.scaleLoad(by: m)
      let (passed, report, step) = try check(s, multiplier: m, prices: prices)
      steps.append(step)
      reports[m] = report
      return passed
    }
    var low = 0.0
    var high: Double?
    var m = 1.0
    // Never past the load the simulator's work limits accept (`ScenarioLimits`).
    let maxMultiplier = min(maxMultiplier, base.largestLoadMultiplier)
    if try evaluate(m) {
      low = m
      while m < maxMultiplier {
        m = min(m * 2, maxMultiplier)
        if try evaluate(m) {
          low = m
        } else {
          high = m
          break
        }
      }
    } else {
      high = m
      while m > 1e-4 {
        m /= 2
        if try evaluate(m) {
          low = m
          break
        } else {
          high = m
        }
      }
    }
    if var hi = high, low > 0 {
      while (hi - low) / low > tolerance {
        let mid = (low + hi) / 2
        if try evaluate(mid) { low = mid } else { hi = mid }
      }
      high = hi
    }
    let failing = high.flatMap { reports[$0] }
    let passing = low > 0 ? reports[low] : nil
    let (component, words) = Self.bottleneck(passing: passing, failing: failing)
    let rate = base.workload.visitsPerSecond * low
    return Result(
      multiplier: low, visitsPerSecond: rate, visitsPerMonth: rate * base.pricing.monthSeconds, failingMultiplier: high,
      bottleneck: words, bottleneckComponent: component, steps: steps, report: passing)
  }

  /// Runs one load and judges it against every objective.
  func check(_ s: Scenario, multiplier: Double, prices: PriceTable) throws(ScenarioError) -> (Bool, RunReport, Step) {
    let replicas = try SimulationRun.replicas(s, prices: prices, replications: replications)
    let merged = try SimulationRun.combine(replicas, scenario: s, prices: prices)
    var passed = true
    var figures: [String: Double] = [:]
    var margins: [String: Double] = [:]
    for o in objectives {
      let values = replicas.compactMap { o.value(in: $0) }
      guard values.count == replicas.count, !values.isEmpty else {
        throw ScenarioError("--slo", "\"\(o.text)\": the report has no figure \"\(o.metric)\"")
      }
      let ci = ConfidenceInterval(values: values)
      // Judge the figure at the edge of its interval that is worse for the objective.
      let judged = o.comparison.isUpperBound ? ci.high : ci.low
      figures[o.text] = ci.mean
      margins[o.text] = ci.halfWidth
      if !o.isMet(by: judged) { passed = false }
    }
    return (
      passed, merged,
      Step(
        multiplier: multiplier, visitsPerSecond: s.workload.visitsPerSecond, passed: passed, figures: figures,
        margins: margins)
    )
  }

  /// Names what gave way between the last passing and the first failing load: the limit that
  /// refused the largest share of its requests, or, when nothing refused anything, the latency
  /// stage whose p99 grew the most.
  static func bottleneck(passing: RunReport?, failing: RunReport?) -> (String, String) {
    guard let f = failing else { return ("none", "no objective failed up to the largest load tried") }
    var candidates: [(share: Double, component: String, words: String)] = []
    if let a = f.apiGateway, a.requests > 0, a.throttled > 0 {
      candidates.append(
        (
          Double(a.throttled) / Double(a.requests), "apiGateway",
          "API Gateway's account throttle (429 for \(percent(Double(a.throttled) / Double(a.requests))) of requests)"
        ))
    }
    if let l = f.lambda, l.throttled > 0 {
      candidates.append(
        (
          l.throttleRatio, "lambda",
          "Lambda concurrency or scaling rate (\(percent(l.throttleRatio)) of invocations throttled, peak \(l.peakConcurrency) busy)"
        ))
    }
    if let l = f.lambda, l.timeouts > 0 {
      let share = Double(l.timeouts) / Double(max(l.invocations, 1))
      let cause = (f.dynamodb?.throttled ?? 0) > 0 ? " while waiting on DynamoDB retries" : ""
      candidates.append(
        (
          share, (f.dynamodb?.throttled ?? 0) > 0 ? "dynamodb" : "lambda",
          "Lambda timeouts\(cause) (\(percent(share)) of invocations)"
        ))
    }
    if let d = f.dynamodb, d.throttled > 0 {
      let attempts = Double(d.writes + d.throttled)
      candidates.append(
        (
          Double(d.throttled) / attempts, "dynamodb",
          "DynamoDB write capacity: the counter item's partition or the table's provisioned capacity (\(percent(Double(d.throttled) / attempts)) of write attempts throttled)"
        ))
    }
    if let best = candidates.max(by: { $0.share < $1.share }) { return (best.component, best.words) }
    // Nothing refused: latency grew. Name the stage whose p99 grew the most.
    var worst = ("latency", "latency grew with load", 0.0)
    for (stage, s) in f.latencyMs {
      let before = passing?.latencyMs[stage]?.p99 ?? 0
      let growth = s.p99 - before
      if growth > worst.2 {
        worst = (
          stage, "\(stage) latency (p99 \(String(format: "%.1f", before)) -> \(String(format: "%.1f", s.p99)) ms)",
          growth
        )
      }
    }
    return (worst.0, worst.1)
  }

  static func percent(_ x: Double) -> String { String(format: "%.2f%%", x * 100) }
}
