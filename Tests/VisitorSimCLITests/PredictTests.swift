import Foundation
import Metrics
import Reporting
import Testing

@testable import VisitorSimCLI

/// `predict` simulates what a live run did: its own intended visit starts (rebuilt from the
/// settings the live report records), parts and network.
@Suite(.serialized) struct PredictTests {
  func liveReport(_ extra: [String]) throws -> (path: String, report: RunReport) {
    let server = try LiveCLITests.Server(["--latency-ms", "2"])
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString).json").path
    let r = runCLI(["live", "--api", server.url, "--format", "json", "--output", path, "--quiet"] + extra)
    #expect(r.code == 0, "\(r.err)")
    let report = try JSONReport.parse(try Data(contentsOf: URL(fileURLWithPath: path)))
    return (path, report)
  }

  @Test func aLiveReportSaysHowItWasRun() throws {
    let (_, r) = try liveReport(["--rate", "20/s", "--duration", "2s", "--poisson", "--seed", "7"])
    let s = try #require(r.liveSettings)
    #expect(s.version == CLI.version)
    #expect(s.commandLine.first == "live" && s.commandLine.contains("--poisson"))
    #expect(s.model == "open" && s.poisson && s.seed == 7)
    #expect(s.stages == [LiveSettings.Stage(seconds: 2, rate: 20)])
    #expect(s.parts == "api" && s.api?.hasSuffix("/count") == true && s.apiMethod == "GET")
    #expect(s.startedAtUTC.hasSuffix("Z"))
    // The schedule rebuilt from the settings is the one the run followed.
    #expect(s.intendedStarts()?.count == Int(r.visits))
  }

  @Test func predictReplaysTheRunsOwnSchedule() throws {
    let (path, live) = try liveReport(["--stage", "1s:10/s", "--stage", "1s:40/s"])
    let p = runCLI(["predict", path, "--format", "json"])
    #expect(p.code == 0, "\(p.err)")
    let predicted = try JSONReport.parse(Data(p.out.utf8))
    // Same intended starts: a ramp from 10/s to 40/s over a second after a second at 10/s.
    #expect(predicted.visits == live.visits)
    #expect(predicted.visits == 35)
    #expect(predicted.warmupSeconds == 0)
    #expect(predicted.notes.contains { $0.contains("35 intended visit starts") })
    // An API-only run predicts no page loads, and the comparison says so instead of 0.
    let rows = ComparisonTable.rows(measured: live, predicted: predicted)
    #expect(rows.first { $0.figure == "pageLoad.p50" }?.predicted == nil)
    #expect(rows.first { $0.figure == "visits" }?.relativeDifference == 0)
  }

  @Test func predictNeedsAnOpenModelRunWithSettings() throws {
    let (path, _) = try liveReport(["--users", "2", "--think", "100ms", "--duration", "1s"])
    #expect(runCLI(["predict", path]).code == 64)
    let sim = FileManager.default.temporaryDirectory.appendingPathComponent("sim-\(UUID().uuidString).json").path
    #expect(runCLI(["simulate", "--set", "duration=1h", "--format", "json", "--output", sim]).code == 0)
    #expect(runCLI(["predict", sim]).code == 65)
  }
}

@Suite struct PredictInputTests {
  /// A report is a file anyone can edit: a schedule no live run could have followed is refused
  /// before a single start time is computed.
  @Test(arguments: [
    #"[{"seconds": 1e9, "rate": 100000}]"#, #"[{"seconds": 10, "rate": 1e308}]"#, #"[{"seconds": -1, "rate": 1}]"#,
  ])
  func impossibleSchedulesAreRefused(stages: String) throws {
    let sim = runCLI(["simulate", "--set", "duration=1h", "--format", "json"])
    var json = try #require(try JSONSerialization.jsonObject(with: Data(sim.out.utf8)) as? [String: Any])
    json["mode"] = "live"
    json["liveSettings"] =
      [
        "version": "0", "startedAtUTC": "2026-11-25T00:00:00Z", "commandLine": ["live"], "model": "open",
        "stages": try JSONSerialization.jsonObject(with: Data(stages.utf8)), "poisson": false, "seed": 1,
        "durationSeconds": 2, "shardIndex": 0, "shardCount": 1, "parts": "api", "assets": [] as [String],
        "apiMethod": "GET", "corsPreflight": false, "loops": 1, "connectionsPerOrigin": 4, "maxRequests": 0,
        "connectTimeoutMs": 5000, "tlsTimeoutMs": 5000, "responseTimeoutMs": 10000,
      ] as [String: Any]
    let path = try temporaryFile(String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self))
    let r = runCLI(["predict", path])
    #expect(r.code == 65, "\(r.err)")
    #expect(r.err.contains("liveSettings"))
  }
}
