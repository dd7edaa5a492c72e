import Foundation
import Metrics
import SimKernel
import Testing

@testable import Pricing
@testable import ScenarioModel
@testable import Simulation
@testable import WhatIf

/// Calibration from live reports whose histograms are made by hand, so every fitted figure
/// can be worked out in the comments.
@Suite struct CalibrationTests {
  static func histogram(_ values: [(ms: Double, times: Int)]) -> LatencyHistogram {
    let r = LatencyRecorder()
    for (ms, times) in values { for _ in 0..<times { r.record(micros: Int64(ms * 1_000)) } }
    return r.histogram
  }

  static func live(_ histograms: [String: LatencyHistogram]) -> RunReport {
    RunReport(
      mode: "live", scenario: "test", seed: 0, simulatedSeconds: 60, warmupSeconds: 0, visits: 100,
      histograms: histograms, errors: ErrorStats(byKind: [:], requests: 100))
  }

  func fit(_ c: Calibration, _ field: String) -> Calibration.Fit? { c.fits.first { $0.field == field } }

  /// Histogram buckets hold 3 significant digits: fitted medians are within 0.5% (or 0.1 ms).
  func near(_ x: Double?, _ expected: Double) -> Bool {
    guard let x else { return false }
    return abs(x - expected) <= max(0.005 * expected, 0.1)
  }

  @Test func warmColdEdgeAndOriginComeApart() {
    // Round trip 1 ms (connect). Counter calls: 70 warm at 41 ms, 30 cold at 441 ms; a
    // two-component mixture of two narrow peaks splits them where both are equally likely,
    // about the geometric middle: sqrt(41 × 441) = 134.5 ms. Warm server time 41 - 1 = 40 ms, less the baseline's gateway
    // (median 4) and DynamoDB (median 8): handler 28 ms. Cold: 441 - 41 = 400 ms.
    // Site: hits at 11 ms, so edge 11 - 1 = 10 ms; misses at 61 ms, so origin 61 - 11 = 50 ms.
    let c = Calibration.fit(
      Self.live([
        "connect": Self.histogram([(1, 5)]),
        "counterApiService": Self.histogram([(41, 70), (441, 30)]),
        "edgeHitService": Self.histogram([(11, 50)]),
        "edgeMissService": Self.histogram([(61, 5)]),
      ]), base: Scenario())
    #expect(near(c.coldSplitMs, 134.5))
    #expect(near(fit(c, "lambda.handlerMs")?.medianMs, 28))
    #expect(near(fit(c, "lambda.coldStartMs")?.medianMs, 400))
    #expect(near(fit(c, "cdn.edgeMs")?.medianMs, 10))
    #expect(near(fit(c, "s3.originMs")?.medianMs, 50))
    #expect(
      c.notes.contains {
        $0.contains("30 counter calls were cold by the cold split 134.") && $0.contains("lognormal mixture")
          && $0.contains("30 cold, 95% interval 30 to 30")
      })
    #expect(c.fits.allSatisfy { $0.p99Ms > $0.medianMs })
  }

  @Test func aColdSplitCanBeGiven() {
    // Split at 500 ms instead of the mixture's 134 ms: the 441 ms calls count as warm.
    let live = Self.live(["counterApiService": Self.histogram([(41, 90), (441, 10)])])
    let c = Calibration.fit(live, base: Scenario(), coldSplitMs: 500)
    #expect(fit(c, "lambda.coldStartMs") == nil)
    #expect(c.notes.contains { $0.contains("0 cold counter calls by the cold split 500.0 ms") })
    // All 100 calls warm: the median is 41 ms, no connect time: handler 41 - 12 = 29 ms.
    #expect(near(fit(c, "lambda.handlerMs")?.medianMs, 29))
  }

  @Test func aServerFasterThanTheModelScalesTheGatewayAndTable() throws {
    // 5 ms of server time against 4 + 8 = 12 ms modelled: both scale by 0.9 × 5 / 12 = 0.375,
    // the handler keeps 0.5 ms, and the three medians add up to the 5 ms measured.
    let c = Calibration.fit(Self.live(["counterApiService": Self.histogram([(5, 100)])]), base: Scenario())
    let gateway = try #require(fit(c, "apiGateway.overheadMs"))
    let dynamo = try #require(fit(c, "dynamodb.updateItemMs"))
    let handler = try #require(fit(c, "lambda.handlerMs"))
    #expect(near(gateway.medianMs, 1.5))
    #expect(near(dynamo.medianMs, 3))
    #expect(near(gateway.medianMs + dynamo.medianMs + handler.medianMs, 5))
    #expect(c.notes.contains { $0.contains("scaled by 0.375") })
  }

  /// One population (a single lognormal's spread): no call is taken as cold, where a fixed
  /// split at 2 × median + 50 ms took its slow tail for cold starts.
  @Test func oneSpreadPopulationHasNoColdCalls() {
    var values: [(ms: Double, times: Int)] = []
    for k in 0..<40 { values.append((20 * exp(Double(k - 20) * 0.06), 5 + (20 - abs(k - 20)) * 3)) }
    let c = Calibration.fit(Self.live(["counterApiService": Self.histogram(values)]), base: Scenario())
    #expect(fit(c, "lambda.coldStartMs") == nil)
    #expect(c.coldSplitMs == nil)
    #expect(c.notes.contains { $0.contains("finds one population") })
  }

  /// Fewer than 20 cold calls are noise, not an init distribution: the scenario's is kept.
  @Test func aFewColdCallsKeepTheScenariosInit() {
    let c = Calibration.fit(
      Self.live(["counterApiService": Self.histogram([(41, 90), (441, 10)])]), base: Scenario())
    #expect(fit(c, "lambda.coldStartMs") == nil)
    #expect(c.notes.contains { $0.contains("10 cold counter calls by the cold split") && $0.contains("kept") })
  }

  /// With the function's cold-start header, cold and warm calls are known, not guessed: a cold
  /// call barely slower than a warm one still counts.
  @Test func aColdStartHeaderSplitsCallsExactly() {
    let c = Calibration.fit(
      Self.live([
        "counterApiService": Self.histogram([(41, 70), (61, 30)]),
        "counterApiWarmService": Self.histogram([(41, 70)]),
        "counterApiColdService": Self.histogram([(61, 30)]),
      ]), base: Scenario())
    #expect(near(fit(c, "lambda.coldStartMs")?.medianMs, 20))
    #expect(near(fit(c, "lambda.handlerMs")?.medianMs, 29))
    #expect(c.notes.contains { $0.contains("30 counter calls were cold by the function's cold-start header") })
  }

  @Test func tooFewSamplesKeepTheScenario() {
    let c = Calibration.fit(Self.live(["counterApiService": Self.histogram([(41, 5)])]), base: Scenario())
    #expect(c.fits.isEmpty)
    #expect(c.notes.contains { $0.contains("lambda.handlerMs and lambda.coldStartMs kept") })
    #expect(c.notes.contains { $0.contains("cdn.edgeMs and s3.originMs kept") })
  }

  @Test func renderedJSONParsesBackToItself() throws {
    let tree = JSONValue.object([
      JSONMember(key: "quote\"d", value: .string("back\\slash\nnew line\u{1}\ttab é")),
      JSONMember(
        key: "list", value: .array([.number(1.5, literal: "1.5"), .bool(true), .null, .array([]), .object([])])),
    ])
    #expect(try JSONParser.parse(tree.rendered()) == tree)
  }

  @Test func theDocumentKeepsTheBaseAndLoads() throws {
    let base = #"{"name": "mine", "lambda": {"memoryMB": 512, "handlerMs": {"dist": "constant", "value": 3}}}"#
    let c = Calibration.fit(
      Self.live(["counterApiService": Self.histogram([(41, 90), (441, 10)])]), base: try Scenario.load(json: base))
    let text = try c.document(from: base, liveName: "https://example.com/count")
    let s = try Scenario.load(json: text)
    #expect(s.name == "mine-calibrated")
    #expect(s.lambda.memoryMB == 512)
    #expect(s.description.contains("https://example.com/count"))
    guard case .lognormal(let median, let p99) = s.lambda.handlerMs else {
      Issue.record("handlerMs is \(s.lambda.handlerMs), not lognormal")
      return
    }
    // The base's handler was a constant 3 ms: 41 - 4 - 8 = 29 ms is what the fit gives.
    #expect(near(median, 29))
    #expect(p99 > median)
  }

  @Test func fittedTimesAreAtTheScenariosOwnMemory() throws {
    // The base says its times were measured at 1,024 MB but runs at 128 MB; a live run
    // measures the function as it runs, so the calibrated scenario forgets the other size.
    let base = #"{"lambda": {"memoryMB": 128, "measuredAtMemoryMB": 1024, "measuredOnArchitecture": "arm64"}}"#
    let c = Calibration.fit(
      Self.live(["counterApiService": Self.histogram([(41, 90), (441, 10)])]), base: try Scenario.load(json: base))
    let s = try Scenario.load(json: try c.document(from: base, liveName: "run"))
    #expect(s.lambda.measuredAtMemoryMB == nil && s.lambda.measuredOnArchitecture == nil)
    #expect(s.lambda.handlerTimeScale == 1)
  }
}

/// No fact without evidence (issue 25): calibration on evenly spaced calls does not write an
/// idle timeout it never saw.
@Suite struct CalibrationEvidenceTests {
  /// 270 calls at 3/s, three slow warm ones among them (as a real SDK's first call): the
  /// calibrated scenario keeps the base's idle timeout and says the run bounds it from below
  /// only; it never writes a midpoint of two nearly equal gaps.
  @Test func evenlySpacedCallsDoNotClaimAnIdleTimeout() {
    var log = CounterCallLog()
    let slow: Set<Int> = [50, 120, 200]
    for k in 0..<270 {
      let service = k == 0 ? 400 : (slow.contains(k) ? 95 + Double(k % 7) : 12 + Double(k % 5))
      log.append(sentMs: Double(k) * 333.3 + (slow.contains(k) ? 15 : 0), serviceMs: service, status: 200, cold: nil, limit: .max)
    }
    var live = RunReport(
      mode: "live", scenario: "even", seed: 0, simulatedSeconds: 90, warmupSeconds: 0, visits: 270,
      histograms: [:], errors: ErrorStats(byKind: [:], requests: 270))
    var stats = LiveStats(requestsIssued: 270, requestsCutOff: 0, keepAliveRetries: 0, bytesReceived: 0)
    stats.counterCalls = log
    live.live = stats
    let c = Calibration.fit(live, base: Scenario())
    #expect(!c.settings.contains { $0.field == "lambda.idleTimeoutSeconds" }, "\(c.settings)")
    #expect(
      c.notes.contains {
        $0.contains("lambda.idleTimeoutSeconds kept: the run only says it is longer than 0.3")
          && $0.contains("no evidence of a timeout")
      },
      "\(c.notes)")
    // A base whose timeout the run contradicts (a warm call after 0.33 s) is raised to the bound.
    var short = Scenario()
    short.lambda.idleTimeout = .fixed(0.1)
    let raised = Calibration.fit(live, base: short)
    let set = raised.settings.first { $0.field == "lambda.idleTimeoutSeconds" }
    #expect(set.map { $0.value > 0.3 && $0.value < 0.33 } == true, "\(raised.settings)")
    #expect(set?.basis.hasPrefix("at least this long") == true)
  }
}
