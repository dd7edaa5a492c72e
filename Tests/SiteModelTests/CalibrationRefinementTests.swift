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
    s.workload.diurnal = nil
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
    try CalibrationRefinement.refine(
      &calibration, replay: start, measured: [.counterApi: measured], prices: .builtin())
    let handler = try #require(calibration.fits.first { $0.field == "lambda.handlerMs" })
    #expect(abs(handler.medianMs - 20) / 20 < 0.15, "median \(handler.medianMs)")
    #expect(abs(handler.p99Ms - 60) / 60 < 0.35, "p99 \(handler.p99Ms)")
    #expect(
      calibration.notes.contains { $0.hasPrefix("lambda.handlerMs and lambda.coldStartMs refined by simulating") })
  }

  /// The site the same way: a page and one asset every 0.5 s through one edge with a 2 s TTL
  /// (about a quarter of the requests miss), a known edge (2 ms, p99 6 ms) and origin (30 ms,
  /// p99 80 ms). From the closed form's kind of start (the origin as miss median less hit
  /// median, with too narrow a tail) the search finds both again from the page and asset
  /// visits' load times alone; the handler's search has nothing to do here and is not run.
  @Test func theSearchRecoversAKnownEdgeAndOrigin() throws {
    func site(edge: Distribution, origin: Distribution) -> Scenario {
      var s = replay(handler: .constant(1), cold: .constant(1))
      s.workload.traceSeconds = (0..<300).map { Double($0) * 0.5 }
      s.workload.parts = .site
      s.workload.returningVisitorFraction = 0
      s.durationSeconds = 150
      s.page.assets = [.init(name: "style.css", bytes: 2_000, ttlSeconds: nil)]
      s.page.apiCallsPerView = 0
      s.cdn.edgeLocations = 1
      s.cdn.ttlSeconds = 2
      s.network.bandwidthMbps = ScenarioLimits.bandwidthMbps.upperBound
      s.cdn.edgeMs = edge
      s.s3.originMs = origin
      return s
    }
    let truth = try SimulationRun.execute(
      site(edge: .lognormal(median: 2, p99: 6), origin: .lognormal(median: 30, p99: 80)), prices: .builtin())
    let pageLoad = try #require(truth[series: .pageLoad])
    var calibration = Calibration()
    calibration.fits = [
      .init(field: "cdn.edgeMs", medianMs: 1, p99Ms: 2, basis: "a wrong start"),
      .init(field: "s3.originMs", medianMs: 20, p99Ms: 25, basis: "a wrong start"),
    ]
    try CalibrationRefinement.refine(
      &calibration, replay: site(edge: .lognormal(median: 1, p99: 2), origin: .lognormal(median: 20, p99: 25)),
      measured: [.pageLoad: pageLoad], prices: .builtin())
    let edge = try #require(calibration.fits.first { $0.field == "cdn.edgeMs" })
    let origin = try #require(calibration.fits.first { $0.field == "s3.originMs" })
    #expect(abs(edge.medianMs - 2) / 2 < 0.15, "edge median \(edge.medianMs)")
    #expect(abs(origin.medianMs - 30) / 30 < 0.15, "origin median \(origin.medianMs)")
    #expect(abs(origin.p99Ms - 80) / 80 < 0.35, "origin p99 \(origin.p99Ms)")
    #expect(calibration.notes.count == 1 && calibration.notes[0].hasPrefix("cdn.edgeMs and s3.originMs refined"))
  }
}
