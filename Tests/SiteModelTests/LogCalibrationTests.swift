import Foundation
import SimKernel
import Testing

@testable import ScenarioModel
@testable import SiteLogs
@testable import WhatIf

/// The fits that the round trip does not reach: the daily cycle, throttles, small samples.
@Suite struct LogCalibrationTests {
  /// A 404 for an object the page does not have is no asset of the page.
  @Test func errorResponsesAreNotPageAssets() {
    var e = LogEvidence()
    for k in 0..<20 {
      let t = 1_795_168_800 + Double(k) * 60
      e.edge.append(.init(timeSeconds: t, edgeLocation: "IAD", path: "/", bytes: 6000, status: 200, result: .hit, timeTakenMs: 2))
      e.edge.append(
        .init(timeSeconds: t, edgeLocation: "IAD", path: "/app.js", bytes: 9000, status: 200, result: .hit, timeTakenMs: 2))
      e.edge.append(
        .init(timeSeconds: t, edgeLocation: "IAD", path: "/favicon.ico", bytes: 300, status: 404, result: .other("Error"),
          timeTakenMs: 1))
    }
    let c = LogCalibration.fit(e, base: Scenario())
    let assets = c.settings.first { $0.field == "page.assets" }?.json ?? ""
    #expect(assets.contains("app.js") && !assets.contains("favicon"), "\(assets)")
    #expect(c.notes.contains("20 CloudFront requests with status 400 or more are left out of the page's objects"))
  }

  /// Fewer than 100 values: a lognormal whose p99 is stated with its 90% interval, a logged
  /// 0 ms kept as half the log's millisecond. Hand computation (Python, math module): logs of
  /// 0.5, 1, 2, 3, 4 have mean 0.4970 and sd 1.0572; p99 = exp(mean + 2.3263 sd) = 11.73;
  /// standard error sd * sqrt(1/5 + 2.3263^2 / 8) = 1.0572 * 0.9348; interval 3.19 to 43.09.
  @Test func aSmallSampleGivesALognormalWithItsP99Interval() {
    let (json, said) = LogCalibration.distribution(SortedSample([1, 2, 3, 4, 0]))
    #expect(json == #"{"dist":"lognormal","median":1.64,"p99":11.7}"#, "\(json)")
    #expect(said.contains("p99 11.7 ms, 90% interval 3.19-43.1 ms"), "\(said)")
    #expect(said.contains("1 of 0 ms (under the log's resolution) taken as 0.5 ms"), "\(said)")
    // 100 values: the observed percentiles, no extrapolation.
    let (empirical, how) = LogCalibration.distribution(SortedSample((1...100).map(Double.init)))
    #expect(empirical.hasPrefix(#"{"dist":"empirical""#) && how == "empirical percentiles")
  }

  /// Arrivals of rate r(1 + A cos(2 pi (h - peak) / 24)) by thinning a Poisson process.
  func cycle(amplitude: Double, peakHour: Double, perDay: Double, days: Double, seed: UInt64) -> [Double] {
    var rng = RandomStream(seed: seed, stream: 1)
    let top = perDay / 86_400 * (1 + amplitude)
    var t = 1_767_225_600.0
    let end = t + days * 86_400
    var out: [Double] = []
    while true {
      t += -log(rng.openUnit()) / top
      if t >= end { return out }
      let hour = t.truncatingRemainder(dividingBy: 86_400) / 3_600
      let rate = perDay / 86_400 * (1 + amplitude * cos(2 * .pi * (hour - peakHour) / 24))
      if rng.unit() * top < rate { out.append(t) }
    }
  }

  @Test(arguments: [(0.5, 15.0), (0.8, 3.5), (0.3, 22.0)])
  func dailyCycleIsRecovered(_ truth: (amplitude: Double, peak: Double)) {
    let times = cycle(amplitude: truth.amplitude, peakHour: truth.peak, perDay: 5_000, days: 7, seed: 3)
    let (amplitude, peak) = LogCalibration.dailyCycle(times)
    #expect(abs(amplitude - truth.amplitude) < 0.05, "amplitude \(amplitude)")
    var dh = abs(peak - truth.peak)
    dh = min(dh, 24 - dh)
    #expect(dh < 0.5, "peak \(peak)")
  }

  @Test func aFlatDayHasNoCycle() {
    let times = cycle(amplitude: 0, peakHour: 0, perDay: 5_000, days: 3, seed: 4)
    #expect(LogCalibration.dailyCycle(times).amplitude < 0.1)
  }

  @Test func oneSecondTimesAreSpreadWithinTheirSecond() {
    let spread = LogCalibration.spreadWithinSeconds([10, 10, 10, 10, 11, 12.0, 12])
    #expect(spread == [10.125, 10.375, 10.625, 10.875, 11.5, 12.25, 12.75])
  }

  func report(_ stream: String, start: Double, ms: Double, cold: Bool = false) -> LambdaInvocation {
    LambdaInvocation(
      stream: stream, endSeconds: start + (ms + (cold ? 100 : 0)) / 1_000, durationMs: ms, billedDurationMs: ms,
      memorySizeMB: 256, initDurationMs: cold ? 100 : nil)
  }

  @Test func throttlesAtAStableConcurrencyBecomeALimit() {
    var e = LogEvidence()
    // Two environments busy together, again and again; the gateway refused others meanwhile.
    for k in 0..<30 {
      let t = Double(k) * 10
      e.lambda.append(report("a", start: t, ms: 500, cold: k == 0))
      e.lambda.append(report("b", start: t + 0.1, ms: 500, cold: k == 0))
      e.api.append(
        APIAccess(timeSeconds: t + 0.2, status: 429, responseLatencyMs: 2, integrationLatencyMs: nil, route: nil))
    }
    let c = LogCalibration.fit(e, base: Scenario())
    #expect(c.settings.first { $0.field == "lambda.reservedConcurrency" }?.json == "2")
    #expect(c.settings.first { $0.field == "lambda.memoryMB" }?.json == "256")
    // Each environment served again after 9.4 s idle and none was replaced: a lower bound only,
    // below the scenario's 600 s, so the timeout is kept and the notes say why.
    #expect(!c.settings.contains { $0.field == "lambda.idleTimeoutSeconds" })
    #expect(c.notes.contains { $0.contains("lambda.idleTimeoutSeconds kept at 600 s") })
    // Two cold starts are too few to fit an init distribution.
    #expect(c.notes.contains { $0.contains("lambda.coldStartMs kept: 2 cold starts") })
  }

  @Test func aSmallSampleIsLognormalAndALargeOneEmpirical() {
    let small = SortedSample((1...50).map { Double($0) })
    #expect(LogCalibration.distribution(small).json.contains("\"lognormal\""))
    let large = SortedSample((1...500).map { Double($0) })
    let json = LogCalibration.distribution(large).json
    #expect(json.contains("\"empirical\"") && json.contains("\"50\":250.5") && json.contains("\"100\":500"))
  }
}

/// Bounds from logs are rounded outward: an upper bound of 299.76 s is "at most 299 s", a lower
/// bound of 58.01 s "at least 58.1 s", so no bound claims more than the logs show.
@Suite struct LogBoundRoundingTests {
  @Test func boundsAreRoundedOutward() {
    #expect(LogCalibration.text(u: 299.76) == "299")
    #expect(LogCalibration.text(l: 58.01) == "58.1")
    #expect(LogCalibration.text(l: 600) == "600" && LogCalibration.text(u: 600) == "600")
    #expect(LogCalibration.text(u: nil) == "")
  }
}

/// Fits that know their sample size (issue 27): a handful of records gives notes with
/// intervals, never a confident rate or daily cycle.
@Suite struct SmallSampleLogTests {
  static func edge(_ t: Double) -> EdgeRequest {
    EdgeRequest(timeSeconds: t, edgeLocation: "IAD", path: "/", bytes: 6_000, status: 200, result: .hit, timeTakenMs: 2)
  }

  @Test(arguments: [2, 3, 5])
  func aFewRecordsLeaveTheRateAndTheCycleAsTheyWere(n: Int) {
    var e = LogEvidence()
    // n page requests within one second, in logs whose other records span 4.6 years.
    e.edge = (0..<n).map { Self.edge(1_700_000_000 + Double($0) * 0.2) }
    e.api = [
      APIAccess(
        timeSeconds: 1_700_000_000 - 4.6 * 365 * 86_400, status: 200, responseLatencyMs: 20, integrationLatencyMs: nil,
        route: nil)
    ]
    let c = LogCalibration.fit(e, base: Scenario())
    #expect(!c.settings.contains { $0.field == "workload.arrivals.visitsPerDay" }, "\(c.settings)")
    #expect(!c.settings.contains { $0.field == "workload.diurnal" })
    let note = c.notes.first { $0.hasPrefix("workload.arrivals.visitsPerDay kept: only \(n) visits over") }
    #expect(note?.contains("95% interval") == true, "\(c.notes)")
  }

  @Test func fiftyVisitsSetARateWithItsInterval() {
    var e = LogEvidence()
    e.edge = (0..<100).map { Self.edge(1_700_000_000 + Double($0) * 864) }  // a day, 100 visits
    let c = LogCalibration.fit(e, base: Scenario())
    let rate = c.settings.first { $0.field == "workload.arrivals.visitsPerDay" }
    #expect(rate != nil, "\(c.notes)")
    #expect(rate?.note.contains("95% interval") == true)
    // One day is not two: the cycle is kept.
    #expect(c.notes.contains { $0.hasPrefix("workload.diurnal kept: the logs span") })
  }

  @Test func thePoissonIntervalMatchesTheExactOne() {
    // Garwood's exact 95% interval for 10 events: 4.795 to 18.39.
    let (low, high) = LogCalibration.poissonInterval(10)
    #expect(abs(low - 4.795) < 0.05 && abs(high - 18.39) < 0.1, "\(low) \(high)")
    #expect(LogCalibration.poissonInterval(0).low == 0)
  }

  /// Uniform visits over three days: an amplitude that noise explains is not a cycle.
  @Test func aCycleMustStandAboveTheNoise() {
    var e = LogEvidence()
    e.edge = (0..<300).map { Self.edge(1_700_000_000 + Double($0) * 864) }
    let c = LogCalibration.fit(e, base: Scenario())
    #expect(!c.settings.contains { $0.field == "workload.diurnal" && $0.json != "null" })
  }
}
