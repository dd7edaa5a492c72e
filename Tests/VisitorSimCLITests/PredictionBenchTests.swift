import Foundation
import Metrics
import Reporting
import ScenarioModel
import Testing

@testable import VisitorSimCLI

/// Measured against predicted on a Lambda-like bench (`lambda_bench.py`: execution
/// environments are real Python processes with a real init, reused most recently used first, a
/// concurrency limit with 429s above it, an idle timeout), for the two loads where replaying
/// the run's own schedule from an empty start matters most, and an edge cache (nginx's
/// proxy_cache) in front of an origin with a known latency.
@Suite(.serialized) struct PredictionBenchTests {
  struct Run {
    let live: RunReport
    let predicted: RunReport
    let rows: [String: ComparisonTable.Row]
  }

  func measureAndPredict(bench: [String], live liveArgs: [String], scenario: String) throws -> Run {
    let server = try LiveCLITests.Server(bench, script: "lambda_bench.py")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let livePath = dir.appendingPathComponent("live.json").path
    let l = runCLI(
      [
        "live", "--api", server.url, "--cold-header", "X-Cold-Start", "--loops", "1", "--quiet", "--format", "json",
        "--output", livePath,
      ] + liveArgs)
    #expect(l.code == 0, "\(l.err)")
    let live = try JSONReport.parse(try Data(contentsOf: URL(fileURLWithPath: livePath)))
    let scenarioPath = dir.appendingPathComponent("scenario.json").path
    try scenario.write(toFile: scenarioPath, atomically: true, encoding: .utf8)
    let p = runCLI(["predict", livePath, scenarioPath, "--format", "json"])
    #expect(p.code == 0, "\(p.err)")
    let predicted = try JSONReport.parse(Data(p.out.utf8))
    let rows = ComparisonTable.rows(measured: live, predicted: predicted)
    return Run(live: live, predicted: predicted, rows: Dictionary(rows.map { ($0.figure, $0) }) { a, _ in a })
  }

  /// One call a second against a 0.1 s idle timeout: every call is cold, measured by the
  /// function's own header and predicted so (the old prediction, a steady Poisson process after
  /// a warm-up, called some of them warm).
  @Test func sparseVisitsAreAllColdAndPredictedSo() throws {
    let run = try measureAndPredict(
      bench: ["--idle-timeout", "0.1", "--init-ms", "20", "--concurrency", "5"],
      live: ["--rate", "1/s", "--duration", "4s"],
      scenario: #"{"lambda": {"idleTimeoutSeconds": 0.1, "coldStartMs": 150, "handlerMs": 5}}"#)
    let cold = try #require(run.rows["lambda.coldStarts"])
    #expect(cold.source == .measured)
    #expect(cold.measured == 4, "every one of the 4 calls was cold")
    #expect(cold.predicted == 4)
  }

  /// A burst over the concurrency limit from cold: 20 calls/s for a second against 2
  /// environments whose init takes a few hundred ms. The calls that arrive while both are
  /// starting are refused with 429, and the prediction refuses about as many.
  @Test func aBurstOverTheLimitFromColdIsThrottledAsPredicted() throws {
    // Calibration: the cold and warm service times of this machine's bench.
    let probe = try measureAndPredict(
      bench: ["--idle-timeout", "0.05", "--init-ms", "400", "--concurrency", "2"],
      live: ["--rate", "4/s", "--duration", "2s"], scenario: "{}")
    let coldMs = try #require(probe.live.latencyMs["counterApiColdService"]).p50
    let warm = try #require(probe.live.latencyMs["counterApiWarmService"].map { $0.count > 0 ? $0.p50 : nil } ?? 8)
    let scenario = """
      {"apiGateway": {"overheadMs": 0}, "dynamodb": {"updateItemMs": 0},
       "lambda": {"reservedConcurrency": 2, "idleTimeoutSeconds": 10, "handlerMs": \(warm),
                  "coldStartMs": \(max(coldMs - warm, 1))}}
      """
    let run = try measureAndPredict(
      bench: ["--idle-timeout", "10", "--init-ms", "400", "--concurrency", "2"],
      live: ["--rate", "20/s", "--duration", "1s", "--connections", "64"], scenario: scenario)
    let throttled = try #require(run.rows["throttled"])
    let measured = try #require(throttled.measured)
    let predicted = try #require(throttled.predicted)
    #expect(measured >= 3, "the burst should meet the limit: \(measured) 429s")
    #expect(abs(measured - predicted) <= max(3, 0.25 * measured), "429s: measured \(measured), predicted \(predicted)")
    let cold = try #require(run.rows["lambda.coldStarts"])
    #expect(cold.measured == 2 && cold.predicted == 2)

    // The burst reveals the limit: its 429s came while 2 calls ran.
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("burst-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let livePath = dir.appendingPathComponent("live.json").path
    try JSONReport.render(run.live).write(to: URL(fileURLWithPath: livePath))
    let c = runCLI(["calibrate", livePath])
    #expect(c.code == 0, "\(c.err)")
    let calibrated = try Scenario.load(json: c.out)
    #expect(calibrated.lambda.reservedConcurrency == 2, "\(c.err)")
    #expect(c.err.contains("lambda.reservedConcurrency = 2"))
  }

  /// An edge cache of real parts: nginx's proxy_cache (X-Cache: HIT, MISS, EXPIRED) in front of
  /// an origin answering after 20 ms. Calibrated on 10 visits/s (page and one asset), then a
  /// sparser load of 3 visits/s is predicted: its edge hit ratio within 0.05 of the measured
  /// one, its page load median within 25% (or 0.5 ms: a hit takes well under a millisecond
  /// here). nginx keeps a copy until the whole second after its TTL ends, so a TTL of 2 s holds
  /// an object 2.5 s on average: the scenario says 2.5.
  @Test func theEdgeHitRatioOfAnotherLoadIsPredicted() throws {
    let origin = try LiveCLITests.Server(["--latency-ms", "20"])
    let originPort = origin.url.split(separator: ":").last!.split(separator: "/").first!
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("edge-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    func live(_ name: String, _ args: [String]) throws -> String {
      // A new, empty edge for each run, as the prediction starts with one.
      let edge = try LiveCLITests.Server(["--origin", String(originPort), "--ttl", "2"], script: "edge_cache.py")
      let site = edge.url.replacingOccurrences(of: "/count", with: "/index.html")
      let path = dir.appendingPathComponent(name).path
      let r = runCLI(
        [
          "live", "--site", site, "--asset", "style.css", "--only", "site", "--loops", "1", "--quiet", "--format",
          "json",
          "--output", path,
        ] + args)
      #expect(r.code == 0, "\(r.err)")
      return path
    }
    let calibration = try live("calibration.json", ["--rate", "10/s", "--duration", "3s"])
    let base = dir.appendingPathComponent("base.json").path
    try #"{"cdn": {"ttlSeconds": 2.5}}"#.write(toFile: base, atomically: true, encoding: .utf8)
    let calibrated = dir.appendingPathComponent("calibrated.json").path
    let c = runCLI(["calibrate", calibration, base, "--output", calibrated])
    #expect(c.code == 0, "\(c.err)")
    #expect(c.err.contains("cdn.edgeMs =") && c.err.contains("s3.originMs ="), "\(c.err)")
    let sparse = try live("sparse.json", ["--rate", "3/s", "--duration", "9s"])
    let p = runCLI(["predict", sparse, calibrated, "--format", "json"])
    #expect(p.code == 0, "\(p.err)")
    let measured = try JSONReport.parse(try Data(contentsOf: URL(fileURLWithPath: sparse)))
    let rows = Dictionary(
      ComparisonTable.rows(measured: measured, predicted: try JSONReport.parse(Data(p.out.utf8))).map {
        ($0.figure, $0)
      }
    ) { a, _ in a }
    let hits = try #require(rows["cdn.hitRatio"])
    let (m, q) = (try #require(hits.measured), try #require(hits.predicted))
    #expect(m > 0.5 && m < 0.95, "the sparse load should miss now and then: \(m)")
    #expect(abs(m - q) <= 0.05, "hit ratio measured \(m), predicted \(q): \(p.err) \(c.err)")
    let load = try #require(rows["pageLoad.p50"])
    let (lm, lp) = (try #require(load.measured), try #require(load.predicted))
    #expect(abs(lm - lp) <= max(0.25 * lm, 0.5), "page load p50 measured \(lm) ms, predicted \(lp) ms")
  }

  /// Calls 0.05 to 1 s apart against a 0.3 s idle timeout, the function's cold-start header
  /// hidden from calibration: the cold calls are found from service times and the schedule
  /// within 2 of the header's count, and the idle timeout is bounded around the truth.
  @Test func coldCallsAndTheIdleTimeoutAreFoundFromOutside() throws {
    let run = try measureAndPredict(
      bench: ["--idle-timeout", "0.3", "--init-ms", "150", "--concurrency", "5"],
      live: ["--rate", "4/s", "--duration", "8s", "--poisson", "--seed", "7"], scenario: "{}")
    let truth = try #require(run.rows["lambda.coldStarts"]?.measured)
    var live = run.live
    var log = try #require(live.live?.counterCalls)
    #expect(log.cold.contains(1) && log.count >= 20)
    log.cold = log.cold.map { _ in -1 }
    live.live?.counterCalls = log
    live.histograms["counterApiColdService"] = nil
    live.histograms["counterApiWarmService"] = nil
    let estimated = try #require(
      ComparisonTable.rows(measured: live, predicted: run.predicted).first { $0.figure == "lambda.coldStarts" })
    #expect(estimated.source == .estimated)
    let n = try #require(estimated.measured)
    #expect(abs(n - truth) <= 2, "estimated \(n) cold calls, the header said \(truth)")

    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("idle-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let livePath = dir.appendingPathComponent("live.json").path
    try JSONReport.render(live).write(to: URL(fileURLWithPath: livePath))
    let c = runCLI(["calibrate", livePath])
    #expect(c.code == 0, "\(c.err)")
    let calibrated = try Scenario.load(json: c.out)
    guard case .fixed(let idle) = calibrated.lambda.idleTimeout else {
      Issue.record("no idle timeout: \(c.err)")
      return
    }
    #expect(idle > 0.2 && idle < 0.45, "idle timeout \(idle) s: \(c.err)")
  }
}
