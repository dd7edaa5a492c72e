import Dispatch
import Foundation
import Metrics

/// Runs a scenario once or as independent replications, and prices the result.
///
/// Replication i uses seed `scenario.seed + i` (replication 0 is the single run). Replications
/// run in parallel, one per core, each a separate single-threaded simulation; their reports
/// merge exactly afterwards and headline figures get 95% confidence intervals.
public enum SimulationRun {
  /// - Parameter progress: reports replication 0's progress (the others run alongside).
  public static func execute(
    _ scenario: Scenario, prices: PriceTable, replications: Int = 1,
    progress: (@Sendable (SimulationProgress) -> Void)? = nil
  ) throws(ScenarioError) -> RunReport {
    try combine(
      try replicas(scenario, prices: prices, replications: replications, progress: progress), scenario: scenario,
      prices: prices)
  }

  /// Runs the replications in parallel; each report carries its own bill.
  public static func replicas(
    _ scenario: Scenario, prices: PriceTable, replications: Int,
    progress: (@Sendable (SimulationProgress) -> Void)? = nil
  ) throws(ScenarioError) -> [RunReport] {
    let n = max(1, replications)
    let results = ResultSlots<RunReport>(count: n)
    DispatchQueue.concurrentPerform(iterations: n) { i in
      var sim = VisitorSimulation(seeded(scenario, i))
      results.set(i, sim.run(progress: i == 0 ? progress : nil))
    }
    var reports = results.values
    for i in reports.indices {
      reports[i].cost = try CostModel.bill(reports[i], scenario: seeded(scenario, i), prices: prices)
    }
    return reports
  }

  /// Merges replications into one report with its bill and confidence intervals.
  public static func combine(_ reports: [RunReport], scenario: Scenario, prices: PriceTable) throws(ScenarioError) -> RunReport {
    let n = reports.count
    guard n > 1, var merged = RunReport.merge(reports, windows: .replications) else {
      var single = reports[0]
      single.attachCostWarning()
      return single
    }
    merged.cost = try CostModel.bill(merged, scenario: scenario, prices: prices)
    merged.replications = n
    var confidence: [String: ConfidenceInterval] = [:]
    for figure in RunReport.headlineFigures {
      let values = reports.compactMap { $0.metric(figure) }
      if values.count == n { confidence[figure] = ConfidenceInterval(values: values) }
    }
    merged.confidence = confidence
    merged.notes.append(
      "\(n) replications (seeds \(scenario.seed) to \(scenario.seed &+ UInt64(n - 1))), each with \(format(scenario.warmupSeconds)) s of warm-up discarded; histograms and counts are merged, time series add the replications, and headline figures carry 95% confidence intervals across replications")
    merged.attachCostWarning()
    return merged
  }

  /// Replication i's scenario: seed + i.
  static func seeded(_ scenario: Scenario, _ i: Int) -> Scenario {
    var s = scenario
    s.seed = scenario.seed &+ UInt64(i)
    return s
  }
}

extension RunReport {
  mutating func attachCostWarning() {
    if let warning = cost?.scaling.warning, !notes.contains("cost: " + warning) { notes.append("cost: " + warning) }
  }
}

/// Slots that parallel workers fill, one each.
final class ResultSlots<T>: @unchecked Sendable {
  // @unchecked: every worker writes only its own slot, under the lock; values are read after
  // all workers have finished (concurrentPerform returns only then).
  private let lock = NSLock()
  private var slots: [T?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ i: Int, _ value: T) {
    lock.lock()
    slots[i] = value
    lock.unlock()
  }

  var values: [T] {
    lock.lock()
    defer { lock.unlock() }
    return slots.map { $0! }
  }
}
