import Foundation
import Metrics
import Reporting
import Pricing
import ScenarioModel
import SimKernel
import Simulation
import Testing
import WhatIf

/// The live and merge commands end to end, against a counter server on 127.0.0.1.
@Suite(.serialized) struct LiveCLITests {
  /// Starts one of the live tests' servers (the counter server unless told); returns it and
  /// the URL of its counter.
  final class Server {
    let process = Process()
    let url: String
    init(_ options: [String] = [], script name: String = "counter_server.py") throws {
      let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LoadTestTests/Support/\(name)").path
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["python3", script] + options
      let out = Pipe()
      process.standardOutput = out
      process.standardError = FileHandle.nullDevice
      try process.run()
      var line = Data()
      while !line.contains(0x0A) {
        let chunk = out.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        line.append(chunk)
      }
      url =
        "http://127.0.0.1:\(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))/count"
    }
    deinit {
      let pid = process.processIdentifier
      kill(pid, SIGKILL)
      _ = waitpid(pid, nil, 0)
    }
  }

  static var binary: String {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("visitorsim").path
  }

  @Test func thresholdsPassAndFailWithExitCodes() throws {
    let server = try Server()
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString).json").path
    let pass = runCLI([
      "live", "--api", server.url, "--rate", "50/s", "--duration", "1s", "--threshold", "counterApi.p99<=2s",
      "--threshold", "errors.rate<=0.01", "--format", "json", "--output", out,
    ])
    #expect(pass.code == 0, "\(pass.err)")
    #expect(pass.err.contains("threshold counterApi.p99<=2s:") && pass.err.contains(" met"))
    // The verdicts are in the report itself, so every format carries them.
    let written = try JSONReport.parse(Data(contentsOf: URL(fileURLWithPath: out)))
    #expect(written.thresholds?.map(\.threshold) == ["counterApi.p99<=2s", "errors.rate<=0.01"])
    #expect(written.thresholds?.allSatisfy(\.met) == true)
    #expect(TextReport.render(written).contains("Thresholds   counterApi.p99<=2s:"))
    #expect(MarkdownReport.render(written).contains("| `errors.rate<=0.01` |"))
    #expect(HTMLReport.render(written).contains("<h2>Thresholds</h2>"))
    let junit = out + ".xml"
    let missed = runCLI([
      "live", "--api", server.url, "--rate", "50/s", "--duration", "1s", "--threshold", "counterApi.p99<=0.001ms",
      "--threshold", "errors.rate<=0.5", "--format", "json", "--output", out, "--junit", junit,
    ])
    #expect(missed.code == 2)
    #expect(missed.err.contains("MISSED"))
    // The JUnit file, read by Python's XML parser: two cases, the missed one failed.
    let check = Process()
    check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    check.arguments = [
      "python3", "-c",
      "import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); c = r.findall('.//testcase'); print(len(c), [x.get('name') for x in c if x.find('failure') is not None])",
      junit,
    ]
    let pipe = Pipe()
    check.standardOutput = pipe
    try check.run()
    let said = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    check.waitUntilExit()
    #expect(said.trimmingCharacters(in: .whitespacesAndNewlines) == "2 ['counterApi.p99<=0.001ms']", "\(said)")
    // The report is written even when a threshold is missed.
    let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
    #expect(report?["visits"] as? Int == 50)
    #expect(report?["mode"] as? String == "live")
  }

  /// The text report of a live run says what ran and counts each stage: the workload line
  /// names the schedule as given (4 connections shared by 2 event loops: 2 each), and the
  /// by-stage table has the API's 50 requests, all 200, at the run's rate of requests.
  @Test func theTextReportSaysWhatRanAndCountsEachStage() throws {
    let server = try Server()
    let r = runCLI(["live", "--api", server.url, "--rate", "50/s", "--duration", "1s", "--connections", "4"])
    #expect(r.code == 0, "\(r.err)")
    #expect(
      r.out.contains(
        "Workload: open model: 50 visits/s for 1 s, evenly spaced; 2 event loops, up to 2 connections per origin each; timeouts: connect 5s, response 10s; \(ProcessInfo.processInfo.activeProcessorCount) cores"
      ), "\(r.out)")
    let lines = r.out.split(separator: "\n")
    let row = try #require(lines.first { $0.hasPrefix("  counterApi ") && $0.contains("200: 50") })
    let cells = row.split(separator: " ")
    let measured = try #require(lines.first { $0.hasPrefix("Measured for") })
    #expect(cells[1] == "50" && measured.contains("50 requests (\(cells[2])/s)"), "\(row) / \(measured)")
    // Markdown and HTML say the same, in a measurement's words (no seed, no warm-up).
    let md = runCLI(["live", "--api", server.url, "--rate", "50/s", "--duration", "1s", "--format", "markdown"])
    #expect(md.out.contains("| stage | requests | per s | bytes sent | received | statuses |"), "\(md.out)")
    #expect(md.out.contains("| counterApi | 50 | ") && md.out.contains(" | 200: 50 |"), "\(md.out)")
    #expect(md.out.contains("Workload: open model: 50 visits/s for 1 s") && !md.out.contains("seed"))
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString).html").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let wrote = runCLI([
      "live", "--api", server.url, "--rate", "50/s", "--duration", "1s", "--format", "html", "--output", path,
    ])
    #expect(wrote.code == 0, "\(wrote.err)")
    let html = try String(contentsOfFile: path, encoding: .utf8)
    #expect(html.contains("<h2>Requests by stage</h2>") && html.contains("<p class=\"meta\">Started "))
    #expect(!html.contains("Seed ") && !html.contains("warm-up"), "\(html.prefix(2_000))")
  }

  @Test func abortOnStopsEarly() throws {
    let server = try Server(["--status-every", "1", "--status", "500"])
    let r = runCLI([
      "live", "--api", server.url, "--rate", "100/s", "--duration", "20s", "--abort-on", "errors.rate>0.2", "--format",
      "json",
    ])
    #expect(r.code == 0)
    #expect(r.out.contains("stopped early: --abort-on errors.rate>0.2"))
  }

  @Test func aRemoteTargetIsRefusedWithoutYes() {
    // 192.0.2.1 (TEST-NET-1) is never contacted: the refusal comes before anything is sent.
    let r = runCLI(["live", "--api", "http://192.0.2.1/count", "--rate", "100/s", "--duration", "1s"])
    #expect(r.code == 64)
    #expect(r.err.contains("add --yes"))
    let capped = runCLI(["live", "--api", "http://127.0.0.1:9/count", "--rate", "5000/s", "--max-rate", "1000/s"])
    #expect(capped.code == 64)
    #expect(capped.err.contains("above --max-rate"))
  }

  @Test func ctrlCStillWritesTheReport() throws {
    let server = try Server()
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("live-int-\(UUID().uuidString).json").path
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Self.binary)
    p.arguments = [
      "live", "--api", server.url, "--rate", "100/s", "--duration", "60s", "--format", "json", "--output", out,
    ]
    p.standardError = FileHandle.nullDevice
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    Thread.sleep(forTimeInterval: 1.5)
    kill(p.processIdentifier, SIGINT)
    p.waitUntilExit()
    #expect(p.terminationStatus == 130)
    let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
    let visits = report?["visits"] as? Int ?? 0
    #expect(visits > 50 && visits < 6_000, "\(visits)")
    #expect((report?["notes"] as? [String])?.contains { $0.contains("stopped early: interrupted") } == true)
  }

  @Test func shardReportsMergeExactly() throws {
    let server = try Server()
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shards-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var files: [String] = []
    for i in 1...2 {
      let f = dir.appendingPathComponent("shard\(i).json").path
      let r = runCLI([
        "live", "--api", server.url, "--rate", "100/s", "--duration", "1s", "--shard", "\(i)/2", "--format", "json",
        "--output", f,
      ])
      #expect(r.code == 0, "\(r.err)")
      files.append(f)
    }
    let merged = runCLI(["merge"] + files + ["--format", "json"])
    #expect(merged.code == 0, "\(merged.err)")
    let json = try JSONSerialization.jsonObject(with: Data(merged.out.utf8)) as? [String: Any]
    #expect(json?["visits"] as? Int == 100)
    let statuses = json?["statusCounts"] as? [String: Int]
    #expect(statuses?["200"] == 100)
    // One report is rendered again, not merged: its own figures, in Markdown here.
    let one = runCLI(["merge", files[0], "--format", "markdown"])
    #expect(one.code == 0 && one.out.hasPrefix("### visitorsim live:"))
    #expect(!one.out.contains("merged from"))
    #expect(runCLI(["merge"]).code == 64)
  }
}

@Suite struct CompareCLITests {
  func twoReports() throws -> (a: String, b: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cmp-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let a = dir.appendingPathComponent("a.json").path
    let b = dir.appendingPathComponent("b.json").path
    #expect(runCLI(["simulate", "--set", "duration=1d", "--format", "json", "--output", a]).code == 0)
    #expect(
      runCLI(["simulate", "--set", "duration=1d", "--set", "network.rttMs=50", "--format", "json", "--output", b]).code
        == 0)
    return (a, b)
  }

  @Test func comparesTwoReportsFigureByFigure() throws {
    let (a, b) = try twoReports()
    let r = runCLI(["compare", a, b])
    #expect(r.code == 0)
    #expect(r.out.contains("counterApi.p99"))
    #expect(r.out.contains("visits per second"))
    let same = runCLI(["compare", a, a])
    #expect(same.out.contains("+0.0%"))
  }

  /// The JSON shape outside checks rely on: every headline figure, null where a report cannot
  /// give it, the relative difference computed from the two values.
  @Test func comparesAsJSONWithEveryHeadlineFigure() throws {
    let (a, b) = try twoReports()
    let r = runCLI(["compare", a, b, "--format", "json"])
    #expect(r.code == 0, "\(r.err)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    let figures = try #require(json["figures"] as? [[String: Any]])
    let byName = Dictionary(uniqueKeysWithValues: figures.map { ($0["figure"] as! String, $0) })
    for name in [
      "counterApi.p50", "counterApi.p90", "counterApi.p99", "pageLoad.p50", "pageLoad.p90", "pageLoad.p99",
      "lambda.coldStarts", "lambda.coldStartRatio", "throttled", "cdn.hitRatio", "errors.rate", "visits",
    ] {
      let row = try #require(byName[name], "missing \(name)")
      for key in ["measured", "predicted", "relativeDifference", "source"] {
        #expect(row[key] != nil, "\(name).\(key)")
      }
    }
    let p50 = try #require(byName["counterApi.p50"])
    let m = try #require(p50["measured"] as? Double)
    let p = try #require(p50["predicted"] as? Double)
    let d = try #require(p50["relativeDifference"] as? Double)
    #expect(abs(d - (m - p) / p) < 1e-12)
    #expect(p50["source"] as? String == "measured")
    #expect(m < p, "a 25 ms round trip answers faster than a 50 ms one")
  }
}

@Suite(.serialized) struct PredictCLITests {
  @Test func predictComparesTheLiveRunWithASimulation() throws {
    let server = try LiveCLITests.Server()
    let r = runCLI(["live", "--api", server.url, "--rate", "50/s", "--duration", "1s", "--predict", "baseline"])
    #expect(r.code == 0, "\(r.err)")
    #expect(r.out.contains("Measured (live"))
    #expect(r.out.contains("against predicted (simulate \"baseline\""))
    #expect(r.out.contains("counterApi.p99"))
  }
}

@Suite(.serialized) struct ScenarioDrivenLiveTests {
  @Test func aScenarioSpikeBecomesTheLiveSchedule() throws {
    // 20 visits/s for 4 s with a 3x spike from 1 s to 2 s, evenly spaced: 20 + 60 + 40 = 120
    // visits, 60 of them inside the spike second.
    let server = try LiveCLITests.Server()
    let scenario = try temporaryFile(
      #"{"duration": 4, "warmup": 0, "workload": {"arrivals": {"process": "constant", "visitsPerSecond": 20}, "diurnal": null, "spikes": [{"start": 1, "hold": 1, "multiplier": 3}]}}"#
    )
    let r = runCLI(["live", "--api", server.url, "--scenario", scenario, "--format", "json"])
    #expect(r.code == 0, "\(r.err)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    #expect(json["visits"] as? Int == 120)
    // Replayed 2x faster: the same rates, half the time, half the visits.
    let fast = runCLI(["live", "--api", server.url, "--scenario", scenario, "--time-scale", "2", "--format", "json"])
    let fastJSON = try #require(try JSONSerialization.jsonObject(with: Data(fast.out.utf8)) as? [String: Any])
    #expect(fastJSON["visits"] as? Int == 60)
  }
}

/// `live --calibrate` recovers what the counter server was told to do.
@Suite(.serialized) struct CalibrateCLITests {
  @Test func aLiveRunFitsHandlerColdStartEdgeAndOrigin() throws {
    // Every answer takes 30 ms; every 3rd counter call 300 ms more (a cold start: 26 of 80,
    // enough to fit an init distribution from); a site path
    // missed in the server's "edge cache" (once a second each) 50 ms more.
    let server = try LiveCLITests.Server([
      "--latency-ms", "30", "--cold-every", "3", "--cold-ms", "300", "--cdn-miss-ms", "50", "--cdn-ttl", "1",
    ])
    let site = server.url.replacingOccurrences(of: "/count", with: "/index.html")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("calibrate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let report = dir.appendingPathComponent("live.json").path
    let calibrated = dir.appendingPathComponent("calibrated.json").path
    let r = runCLI([
      "live", "--site", site, "--asset", "style.css", "--asset", "app.js", "--api", server.url, "--rate", "20/s",
      "--duration", "4s",
      "--format", "json", "--output", report, "--calibrate", calibrated,
    ])
    #expect(r.code == 0, "\(r.err)")
    let s = try Scenario.load(json: String(contentsOfFile: calibrated, encoding: .utf8))
    func median(_ d: Distribution) -> Double {
      if case .lognormal(let m, _) = d { return m }
      return .nan
    }
    // Handler: 30 ms of server time less the baseline's gateway (4) and DynamoDB (8) = 18 ms,
    // plus Python's own few tenths of a millisecond; the tolerances allow a busy machine.
    #expect((17...24).contains(median(s.lambda.handlerMs)), "\(s.lambda.handlerMs)")
    #expect((280...340).contains(median(s.lambda.coldStartMs)), "\(s.lambda.coldStartMs)")
    #expect((29...36).contains(median(s.cdn.edgeMs)), "\(s.cdn.edgeMs)")
    #expect((45...60).contains(median(s.s3.originMs)), "\(s.s3.originMs)")
    #expect(r.err.contains("counter calls were cold by"))
    #expect(r.err.contains("counter API not refined by simulation: the run had"))

    // The saved report calibrates the same way offline.
    let again = runCLI(["calibrate", report])
    #expect(again.code == 0, "\(again.err)")
    #expect(try Scenario.load(json: again.out) == s)
  }

  @Test func calibrateNeedsAReport() throws {
    #expect(runCLI(["calibrate"]).code == 64)
    let notReport = try temporaryFile("{}")
    #expect(runCLI(["calibrate", notReport]).code == 65)
    #expect(runCLI(["calibrate", "/nonexistent/live.json"]).code == 66)
    #expect(runCLI(["calibrate", notReport, "--cold-split", "-3"]).code == 64)
  }
}
