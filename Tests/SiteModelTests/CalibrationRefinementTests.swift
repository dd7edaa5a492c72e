import Foundation
import Metrics
import SimKernel
import Testing

@testable import Pricing
@testable import ScenarioModel
@testable import Simulation
@testable import WhatIf

@Suite struct CalibrationRefinementTests {
  /// A run replayed as the load generator sees it: 300 calls, evenly spaced, API only, a
  /// constant 1 ms round trip and no handshakes, nothing warm at the start.
  func replay(handler: Distribution, cold: Distribution) -> Scenario {
    var s = Scenario()
    s.workload.process = .trace
    s.workload.traceSeconds = (0..<300).map { Double($0) * 0.2 }
    s.workload.parts = .api
    s.warmupSeconds = 0
    s.durationSeconds = 60
    s.network.rttMs = .constant(1)
    s.network.handshakeRoundTrips = 0
    s.dns.cachedMs = .constant(0)
    s.dns.lookupMs = .constant(0)
    s.lambda.idleTimeout = .fixed(0.5)
    s.lambda.handlerMs = handler
    s.lambda.coldStartMs = cold
    return s
  }

  /// The measured distribution comes from a simulation with a known handler (median 20 ms, p99
  /// 60 ms); the search starts from a wrong fit (5 ms / 10 ms) and must find the handler again:
  /// medians added up by hand cannot, since the gateway and DynamoDB add their own spread.
  @Test func theSearchRecoversAKnownHandler() throws {
    let truth = replay(handler: .lognormal(median: 20, p99: 60), cold: .lognormal(median: 300, p99: 400))
    let measured = try #require(try SimulationRun.execute(truth, prices: .builtin()).histograms["counterApi"])
    var calibration = Calibration()
    calibration.fits = [
      .init(field: "lambda.handlerMs", medianMs: 5, p99Ms: 10, basis: "a wrong start"),
      .init(field: "lambda.coldStartMs", medianMs: 300, p99Ms: 400, basis: "known"),
    ]
    let start = replay(handler: .lognormal(median: 5, p99: 10), cold: .lognormal(median: 300, p99: 400))
    try CalibrationRefinement.refine(&calibration, replay: start, measured: measured, prices: .builtin())
    let handler = try #require(calibration.fits.first { $0.field == "lambda.handlerMs" })
    #expect(abs(handler.medianMs - 20) / 20 < 0.15, "median \(handler.medianMs)")
    #expect(abs(handler.p99Ms - 60) / 60 < 0.35, "p99 \(handler.p99Ms)")
    #expect(calibration.notes.contains { $0.hasPrefix("refined by simulating the run's own schedule") })
  }
}
