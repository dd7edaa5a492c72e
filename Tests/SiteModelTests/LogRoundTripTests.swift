import Foundation
import Metrics
import SimKernel
import Testing

@testable import Pricing
@testable import ScenarioModel
@testable import Simulation
@testable import SiteLogs
@testable import WhatIf

/// The loop closed: a scenario with known parameters writes its logs (`simulate --emit-logs`),
/// `from-logs` reads them and recovers the parameters, and its replay agrees with the run.
@Suite struct LogRoundTripTests {
  /// Eight days at one visit a minute (Poisson) against a 60 s idle timeout: sparse enough
  /// that about a third of the calls are cold and the timeout shows in the environments'
  /// lifetimes; one asset with a 10-minute TTL so edges both hit and miss.
  static func truth() -> Scenario {
    var s = Scenario()
    s.seed = 11
    s.warmupSeconds = 3_600
    s.durationSeconds = 8 * 86_400
    s.workload.visitsPerSecond = 1.0 / 60
    s.workload.diurnal = nil
    s.lambda.idleTimeout = .fixed(60)
    s.lambda.handlerMs = .lognormal(median: 3, p99: 15)
    s.lambda.coldStartMs = .lognormal(median: 350, p99: 700)
    s.page.assets = [Scenario.Asset(name: "app.js", bytes: 20_000)]
    s.cdn.ttlSeconds = 600
    return s
  }

  struct Run {
    var report: RunReport
    var evidence: LogEvidence
    var fitted: Scenario
    var calibration: LogCalibration
  }

  static let run: Run = {
    let dir = NSTemporaryDirectory() + "roundtrip-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let truth = Self.truth()
    let logs = try! SimulatedLogs(directory: dir)
    let report = try! SimulationRun.execute(truth, prices: .builtin(), logs: logs)
    try! logs.close()
    var evidence = LogEvidence()
    try! evidence.read([dir + "/lambda.log"], as: .lambda)
    try! evidence.read([dir + "/cloudfront.log"], as: .cloudfront)
    try! evidence.read([dir + "/apigateway.log"], as: .apigateway)
    // Fitted onto the embedded baseline, whose Lambda times and idle timeout differ.
    let base = try! BuiltinScenario.baseline()
    let calibration = LogCalibration.fit(evidence, base: base)
    let document = try! calibration.document(from: BuiltinScenario.baselineJSON, logs: "round trip")
    return Run(report: report, evidence: evidence, fitted: try! Scenario.load(json: document), calibration: calibration)
  }()

  static func quantile(_ d: Distribution, _ q: Double) -> Double {
    switch d {
    case .lognormal(let median, let p99):
      return q == 0.5 ? median : q == 0.99 ? p99 : .nan
    case .empiricalPercentiles(let points):
      return points.first { abs($0.quantile - q) < 1e-9 }?.value ?? .nan
    default:
      return .nan
    }
  }

  func within(_ x: Double, _ truth: Double, _ tolerance: Double) -> Bool { abs(x - truth) <= tolerance * truth }

  @Test func lambdaTimesAreRecoveredWithinFivePercent() {
    let fitted = Self.run.fitted.lambda
    let handlerMedian = Self.quantile(fitted.handlerMs, 0.5)
    let handlerP99 = Self.quantile(fitted.handlerMs, 0.99)
    let initMedian = Self.quantile(fitted.coldStartMs, 0.5)
    let initP99 = Self.quantile(fitted.coldStartMs, 0.99)
    #expect(within(handlerMedian, 3, 0.05), "handler median \(handlerMedian)")
    #expect(within(handlerP99, 15, 0.05), "handler p99 \(handlerP99)")
    #expect(within(initMedian, 350, 0.05), "init median \(initMedian)")
    #expect(within(initP99, 700, 0.05), "init p99 \(initP99)")
    #expect(fitted.memoryMB == Self.truth().lambda.memoryMB)
  }

  @Test func idleTimeoutIsRecoveredWithinTenPercent() {
    guard case .fixed(let seconds) = Self.run.fitted.lambda.idleTimeout else {
      Issue.record("idle timeout fitted as a distribution: \(Self.run.fitted.lambda.idleTimeout)")
      return
    }
    #expect(within(seconds, 60, 0.10), "idle timeout \(seconds)")
  }

  @Test func hitRatioAndArrivalRateAreRecovered() {
    let logged = LogSummary(lambda: [], edge: Self.run.evidence.edge, api: [])
    let simulated = Self.run.report.cdn!.hitRatio
    #expect(abs(logged.hitRatio! - simulated) <= 0.01, "logged \(logged.hitRatio!) simulated \(simulated)")
    #expect(within(Self.run.fitted.cdn.ttlSeconds, 600, 0.10), "TTL \(Self.run.fitted.cdn.ttlSeconds)")
    let rate = Self.run.fitted.workload.visitsPerSecond * 86_400
    #expect(within(rate, 1_440, 0.02), "\(rate) visits a day")
    // Every counted invocation was logged, once.
    #expect(UInt64(Self.run.evidence.lambda.count) == Self.run.report.lambda!.invocations)
    #expect(UInt64(Self.run.evidence.lambda.count { $0.isCold }) == Self.run.report.lambda!.coldStarts)
  }

  @Test func replayAgreesWithTheLoggedRun() throws {
    let r = try LogReplay.run(
      Self.run.evidence, calibration: Self.run.calibration, fitted: Self.run.fitted, prices: .builtin())
    #expect(r.simulated.invocations == r.logged.invocations)
    #expect(within(Double(r.simulated.coldStarts), Double(r.logged.coldStarts), 0.05))
    #expect(within(r.simulated.durationMs.quantile(0.5)!, r.logged.durationMs.quantile(0.5)!, 0.05))
    #expect(within(r.simulated.initMs.quantile(0.5)!, r.logged.initMs.quantile(0.5)!, 0.05))
    #expect(abs(r.simulated.hitRatio! - r.logged.hitRatio!) <= 0.02)
    #expect(within(r.simulatedLambdaUSD, r.loggedLambdaUSD, 0.05))
  }

  @Test func notesNameTheEvidenceOfEveryFittedField() {
    let notes = Self.run.fitted.notes
    for setting in Self.run.calibration.settings {
      #expect(notes.contains { $0.hasPrefix("from-logs: \(setting.field): ") }, "\(setting.field)")
    }
    #expect(notes.contains { $0.contains("lambda.coldStartMs") && $0.contains("cold starts") })
  }
}
