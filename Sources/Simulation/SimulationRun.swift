import Dispatch
import Foundation
import Metrics
import Pricing
import ScenarioModel

/// Runs a scenario once or as independent replications, and prices the result.
///
/// Replication i uses seed `scenario.seed + i` (replication 0 is the single run). Replications
/// run in parallel, one per core, each a separate single-threaded simulation; their reports
/// merge exactly afterwards and headline figures get 95% confidence intervals.
///
/// `partsInParallel`: when the runs leave cores free (twice as many cores as runs), each run
/// puts its site and API parts on two threads (`VisitorSimulation.run(parallel:)`); the report
/// is the same. Callers that already run many scenarios at once (sweeps, plans) leave it off.
public enum SimulationRun {
  /// - Parameter progress: reports replication 0's progress (the others run alongside).
  public static func execute(
    _ scenario: Scenario, prices: PriceTable, replications: Int = 1, partsInParallel: Bool = false,
    progress: (@Sendable (SimulationProgress) -> Void)? = nil
  ) throws(ScenarioError) -> RunReport {
    try combine(
      try replicas(
        scenario, prices: prices, replications: replications, partsInParallel: partsInParallel, progress: progress),
      scenario: scenario, prices: prices)
  }

  /// One run that also writes its logs (`simulate --emit-logs`); the logs are closed after it.
  public static func execute(
    _ scenario: Scenario, prices: PriceTable, logs: SimulatedLogs, partsInParallel: Bool = false,
    progress: (@Sendable (SimulationProgress) -> Void)? = nil
  ) throws(ScenarioError) -> RunReport {
    var sim = VisitorSimulation(scenario, logs: logs)
    var report = sim.run(parallel: partsInParallel && spareCores(runs: 1), progress: progress)
    report.cost = try CostModel.bill(report, scenario: scenario, prices: prices)
    report.attachCostWarning()
    return report
  }

  /// Runs the replications in parallel; each report carries its own bill.
  public static func replicas(
    _ scenario: Scenario, prices: PriceTable, replications: Int, partsInParallel: Bool = false,
    progress: (@Sendable (SimulationProgress) -> Void)? = nil
  ) throws(ScenarioError) -> [RunReport] {
    let n = max(1, replications)
    let twoThreads = partsInParallel && spareCores(runs: n)
    let results = ResultSlots<RunReport>(count: n)
    DispatchQueue.concurrentPerform(iterations: n) { i in
      var sim = VisitorSimulation(seeded(scenario, i))
      results.set(i, sim.run(parallel: twoThreads, progress: i == 0 ? progress : nil))
    }
    var reports = results.values
    for i in reports.indices {
      reports[i].cost = try CostModel.bill(reports[i], scenario: seeded(scenario, i), prices: prices)
    }
    return reports
  }

  /// Merges replications into one report with its bill and confidence intervals.
  public static func combine(_ reports: [RunReport], scenario: Scenario, prices: PriceTable) throws(ScenarioError)
    -> RunReport
  {
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
      "\(n) replications (seeds \(scenario.seed) to \(scenario.seed &+ UInt64(n - 1))), each with \(format(scenario.warmupSeconds)) s of warm-up discarded; histograms and counts are merged, time series add the replications, and headline figures carry 95% confidence intervals across replications"
    )
    merged.attachCostWarning()
    return merged
  }

  /// Simulates the measured window as `segments` consecutive parts in parallel, one per core,
  /// and joins them in order: time-parallel simulation of one long run.
  ///
  /// Segment i measures [warmup + i·D/N, warmup + (i+1)·D/N) of the scenario's clock and
  /// simulates the scenario's warm-up before it, so that caches and Lambda environments are in
  /// their steady state when its window opens (spikes and the daily cycle keep their absolute
  /// times). State that outlives the warm-up (an edge object cached longer ago than the
  /// warm-up) is rebuilt rather than carried over: choose a warm-up at least as long as the
  /// state you care about, or one segment. Segment i uses seed + i.
  public static func segmented(
    _ scenario: Scenario, prices: PriceTable, segments: Int, partsInParallel: Bool = false,
    progress: (@Sendable (SimulationProgress) -> Void)? = nil
  ) throws(ScenarioError) -> RunReport {
    let n = max(1, segments)
    guard n > 1 else {
      return try execute(scenario, prices: prices, partsInParallel: partsInParallel, progress: progress)
    }
    let part = scenario.durationSeconds / Double(n)
    let parts = segmentScenarios(scenario, segments: n)
    let twoThreads = partsInParallel && spareCores(runs: n)
    let results = ResultSlots<RunReport>(count: n)
    DispatchQueue.concurrentPerform(iterations: n) { i in
      var sim = VisitorSimulation(parts[i])
      results.set(i, sim.run(parallel: twoThreads, progress: i == 0 ? progress : nil))
    }
    guard var merged = RunReport.merge(results.values, windows: .sequential) else {
      return try execute(scenario, prices: prices)
    }
    merged.cost = try CostModel.bill(merged, scenario: scenario, prices: prices)
    merged.notes.append(
      "simulated as \(n) consecutive segments of \(format(part)) s in parallel, each after its own \(format(scenario.warmupSeconds)) s warm-up (seeds \(scenario.seed) to \(scenario.seed &+ UInt64(n - 1))); state older than the warm-up is rebuilt at each boundary"
    )
    merged.attachCostWarning()
    return merged
  }

  /// The scenarios of the segments: part i of the window, on the scenario's clock, seed + i.
  public static func segmentScenarios(_ scenario: Scenario, segments n: Int) -> [Scenario] {
    let part = scenario.durationSeconds / Double(n)
    return (0..<n).map { i in
      var s = seeded(scenario, i)
      s.durationSeconds = part
      s.timeOriginSeconds = Double(i) * part
      return s
    }
  }

  /// Whether `runs` simulations at once leave a second core for each.
  public static func spareCores(runs: Int) -> Bool {
    2 * runs <= ProcessInfo.processInfo.activeProcessorCount
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
