import Foundation
import Pricing
import ScenarioModel
import Simulation
import Testing
import WhatIf

@testable import VisitorSimCLI

/// Runs one command line in-process.
func runCLI(_ args: [String]) -> (code: Int32, out: String, err: String) {
  let console = Console.capturing()
  let code = CLI.run(args, console: console)
  return (code, console.capturedOut, console.capturedErr)
}

/// Writes `text` to a fresh temporary file and returns its path.
func temporaryFile(_ text: String, name: String = "scenario.json") throws -> String {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("visitorsim-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  let url = dir.appendingPathComponent(name)
  try text.write(to: url, atomically: true, encoding: .utf8)
  return url.path
}

@Suite struct CLITests {
  static let shortBaseline = ["--set", "duration=1d"]

  @Test func simulateJSONHasTheDocumentedShape() throws {
    let (code, out, err) = runCLI(["simulate", "--format", "json"] + Self.shortBaseline)
    #expect(code == 0, "stderr: \(err)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
    for key in [
      "scenario", "seed", "simulatedSeconds", "visits", "latencyMs", "cdn", "lambda", "apiGateway", "dynamodb",
      "errors",
    ] {
      #expect(json[key] != nil, "missing \(key)")
    }
    let latency = try #require(json["latencyMs"] as? [String: [String: Any]])
    for stage in ["pageLoad", "counterApi", "dns", "cdn", "origin", "apiGateway", "lambda", "dynamodb"] {
      let s = try #require(latency[stage], "missing latencyMs.\(stage)")
      for field in ["count", "min", "mean", "p50", "p90", "p95", "p99", "p999", "max"] {
        #expect(s[field] is NSNumber, "missing latencyMs.\(stage).\(field)")
      }
    }
    let sections: [(String, [String])] = [
      ("cdn", ["requests", "hits", "hitRatio"]),
      (
        "lambda",
        [
          "invocations", "coldStarts", "coldStartRatio", "throttled", "throttleRatio", "meanInstances",
          "meanBusyInstances", "peakConcurrency",
        ]
      ),
      ("apiGateway", ["requests", "throttled"]),
      ("dynamodb", ["writes", "throttled", "retries"]),
      ("errors", ["total", "rate", "byKind"]),
    ]
    for (section, fields) in sections {
      let s = try #require(json[section] as? [String: Any])
      for f in fields { #expect(s[f] != nil, "missing \(section).\(f)") }
    }
  }

  @Test func sameSeedGivesByteIdenticalJSON() {
    let a = runCLI(["simulate", "--format", "json", "--seed", "5"] + Self.shortBaseline)
    let b = runCLI(["simulate", "--format", "json", "--seed", "5"] + Self.shortBaseline)
    #expect(a.code == 0 && a.out == b.out)
    #expect(a.out.contains("\"seed\" : 5"))
  }

  @Test func textReportShowsEveryStage() {
    let (code, out, _) = runCLI(["simulate"] + Self.shortBaseline)
    #expect(code == 0)
    for stage in [
      "pageLoad", "counterApi", "dns", "cdn", "origin", "apiGateway", "lambda", "dynamodb", "cold starts", "Errors",
    ] {
      #expect(out.contains(stage), "text report lacks \(stage)")
    }
  }

  @Test func outputWritesTheReportToAFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("visitorsim-out-\(UUID().uuidString)")
    // The folder must exist: a missing one is a typo, refused (ReliabilityCLITests).
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("report.json").path
    let (code, out, err) = runCLI(["simulate", "--format=json", "--output", path] + Self.shortBaseline)
    #expect(code == 0)
    #expect(out.isEmpty)
    #expect(err.contains("wrote \(path)"))
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(try JSONSerialization.jsonObject(with: data) is [String: Any])
  }

  @Test func validateAcceptsTheBaselineFile() throws {
    let path = try temporaryFile(builtinBaselineJSON())
    let (code, out, _) = runCLI(["validate", path])
    #expect(code == 0)
    #expect(out.contains("ok"))
  }

  static let badScenarios: [(String, String)] = [
    (#"{"name": "x",}"#, "JSON syntax error at line 1"),
    (#"{"lambda": {"memoryMb": 128}}"#, "lambda.memoryMb: unknown field"),
    (#"{"lambda": {"memoryMB": "big"}}"#, #"lambda.memoryMB: expected a number, got a string "big""#),
    (#"{"cdn": {"ttlSeconds": -5}}"#, "cdn.ttlSeconds: -5 is below the minimum 0"),
    (
      #"{"lambda": {"reservedConcurrency": 10, "provisionedConcurrency": 50}}"#,
      "lambda.provisionedConcurrency: 50 exceeds"
    ),
  ]

  @Test(arguments: badScenarios)
  func badScenarioExits65WithOneLine(_ input: (String, String)) throws {
    let path = try temporaryFile(input.0)
    for command in ["simulate", "validate"] {
      let (code, out, err) = runCLI([command, path])
      #expect(code == 65)
      #expect(out.isEmpty)
      #expect(err.hasPrefix("visitorsim: \(path): \(input.1)"), "got: \(err)")
      #expect(err.filter { $0 == "\n" }.count == 1, "one line: \(err)")
    }
  }

  @Test func nanFromTheCommandLineExits65() {
    let (code, _, err) = runCLI(["simulate", "--set", "lambda.memoryMB=NaN"])
    #expect(code == 65)
    #expect(err == "visitorsim: lambda.memoryMB: expected a number, got a string \"NaN\"\n")
  }

  @Test(arguments: [
    (["simulate", "--format", "xml"], 64, "--format: \"xml\" is not one of text, json"),
    (["simulate", "--bogus"], 64, "unknown option --bogus"),
    (["simulate", "--seed", "abc"], 64, "--seed: \"abc\" is not a whole number"),
    (["simulate", "a.json", "b.json"], 64, "unexpected argument b.json"),
    (["frobnicate"], 64, "unknown command \"frobnicate\""),
    (["validate"], 64, "validate needs a scenario file"),
    (["simulate", "/nonexistent/scenario.json"], 66, "cannot read scenario /nonexistent/scenario.json: no such file"),
  ])
  func usageAndFileErrors(_ args: [String], _ expectedCode: Int32, _ message: String) {
    let (code, _, err) = runCLI(args)
    #expect(code == expectedCode)
    #expect(err.hasPrefix("visitorsim: \(message)"), "got: \(err)")
  }

  @Test func theBinaryExits65OnBadInputWithoutATrace() throws {
    // The real executable, built beside the test bundle: no crash, no stack trace.
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
      "visitorsim")
    let candidates = [
      binary.path, Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("visitorsim").path,
    ]
    guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
      Issue.record("visitorsim binary not found at \(candidates)")
      return
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = ["simulate", "--set", "lambda.memoryMB=100"]
    let errPipe = Pipe()
    p.standardError = errPipe
    p.standardOutput = Pipe()
    try p.run()
    p.waitUntilExit()
    let err = String(decoding: errPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(p.terminationStatus == 65)
    #expect(err == "visitorsim: lambda.memoryMB: 100 is below the minimum 128\n")
  }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
func builtinBaselineJSON() -> String { BuiltinScenario.baselineJSON }

@Suite struct CostCLITests {
  @Test func simulateJSONCarriesTheBill() throws {
    let (code, out, _) = runCLI(["simulate", "--format", "json", "--set", "duration=1d"])
    #expect(code == 0)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
    let cost = try #require(json["cost"] as? [String: Any])
    #expect(cost["currency"] as? String == "USD")
    let monthly = try #require(cost["monthly"] as? [String: Any])
    for k in ["route53", "cloudfront", "s3", "apiGateway", "lambda", "dynamodb", "total"] {
      #expect(monthly[k] is NSNumber, "missing cost.monthly.\(k)")
    }
    #expect(cost["perThousandVisits"] is NSNumber)
    let items = try #require(cost["lineItems"] as? [[String: Any]])
    for k in ["service", "dimension", "quantity", "unit", "unitPrice", "amount"] {
      #expect(items.allSatisfy { $0[k] != nil }, "line items lack \(k)")
    }
  }

  @Test func pricesPrintsTheTableWithSources() {
    let (code, out, _) = runCLI(["prices"])
    #expect(code == 0)
    #expect(out.contains("lambda.requests"))
    #expect(out.contains("$0.20 per 1000000 request"))
    #expect(out.contains("source: aws.amazon.com/lambda/pricing"))
  }

  @Test func pricingOverridesAndFilesAreUsed() throws {
    let pricing = try temporaryFile(
      builtinPricesJSON().replacingOccurrences(of: "\"usd\": 0.50,", with: "\"usd\": 7.00,"), name: "prices.json")
    let scenario = try temporaryFile(
      #"{"duration": "1d", "pricing": {"file": "prices.json", "overrides": {"lambda.requests": 9}}}"#)
    // Put the pricing file beside the scenario: a relative path is read from the scenario's folder.
    try FileManager.default.copyItem(
      atPath: pricing,
      toPath: URL(fileURLWithPath: scenario).deletingLastPathComponent().appendingPathComponent("prices.json").path)
    let (code, out, err) = runCLI(["simulate", scenario, "--format", "json"])
    #expect(code == 0, "\(err)")
    #expect(out.contains("\"route53\" : 7"))
    #expect(out.contains("scenario override (pricing.overrides)") == false)  // sources are not in the report, ids are
    let (_, pricesOut, _) = runCLI(["prices", scenario])
    #expect(pricesOut.contains("$9.00 per 1000000 request"))
    #expect(pricesOut.contains("$7.00 per zone-month"))
  }

  @Test func unknownPriceOverrideExits65() {
    let (code, _, err) = runCLI(["simulate", "--set", #"pricing.overrides={"lambda.requestz": 1}"#])
    #expect(code == 65)
    #expect(err.hasPrefix("visitorsim: pricing.overrides.lambda.requestz: no such price id"))
  }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
func builtinPricesJSON() -> String {
  (try? String(
    contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Pricing/us-east-1.json"), encoding: .utf8)) ?? ""
}

@Suite struct WhatIfCLITests {
  static let tiny = ["--set", "duration=1h", "--set", "warmup=1m"]

  @Test func sweepWritesCSV() {
    let (code, out, err) = runCLI(
      ["sweep", "--vary", "lambda.architecture=x86_64,arm64", "--format", "csv"] + Self.tiny)
    #expect(code == 0, "\(err)")
    let lines = out.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(
      lines[0].hasPrefix(
        "lambda.architecture,pageLoad.p50,pageLoad.p99,counterApi.p50,counterApi.p99,lambda.coldStartRatio"))
    #expect(lines[1].hasPrefix("x86_64,") && lines[2].hasPrefix("arm64,"))
  }

  @Test func sweepMarksTheCheapestPointMeetingAnSLOInEveryFormat() throws {
    let args = ["sweep", "--vary", "lambda.memoryMB=128,1024", "--slo", "counterApi.p50<=100s"] + Self.tiny
    let (code, text, err) = runCLI(args)
    #expect(code == 0, "\(err)")
    #expect(text.contains("meets all <- cheapest"))
    #expect(text.contains("cheapest point meeting every objective: lambda.memoryMB=128"))
    let (_, json, _) = runCLI(args + ["--format", "json"])
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(doc["cheapestPassing"] as? Int == 0)
    #expect(doc["objectives"] as? [String] == ["counterApi.p50<=100s"])
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let html = dir.appendingPathComponent("s.html").path
    #expect(runCLI(args + ["--format", "html", "--output", html]).0 == 0)
    let page = try String(contentsOfFile: html, encoding: .utf8)
    #expect(page.contains("cheapest meeting every objective: 128"))
    #expect(page.contains("stroke-dasharray"))
    // A figure no run has is refused before anything runs, with the name it was close to.
    let (typoCode, typo, typoErr) = runCLI(
      ["sweep", "--vary", "lambda.memoryMB=128", "--slo", "counterapi.p99<=1s"] + Self.tiny)
    #expect(typoCode == 64)
    #expect(typo.isEmpty)
    #expect(typoErr.contains("no figure \"counterapi.p99\" (did you mean counterApi.p99?)"), "\(typoErr)")
  }

  @Test func sweepRejectsABadValueBeforeRunning() {
    let (code, _, err) = runCLI(["sweep", "--vary", "lambda.memoryMB=128,64"] + Self.tiny)
    #expect(code == 65)
    #expect(err.contains("lambda.memoryMB: 64 is below the minimum 128"))
  }

  @Test func planExits2WhenTodaysLoadFails() {
    // A 1 ms objective on the counter API cannot be met at any load.
    let (code, out, err) = runCLI(["plan", "--slo", "counterApi.p99<=1ms", "--replications", "2"] + Self.tiny)
    #expect(code == 2)
    #expect(out.contains("Largest passing load"))
    #expect(err.contains("misses an objective"))
  }

  @Test func planNeedsAnObjective() {
    #expect(runCLI(["plan"]).code == 64)
    let (code, _, err) = runCLI(["plan", "--slo", "counterApi.p99"])
    #expect(code == 64)
    #expect(err.contains("has no comparison"))
  }
}

@Suite struct ProgressLineTests {
  final class Clock: @unchecked Sendable {
    var t: UInt64 = 0
    var lines: [String] = []
  }

  @Test func silentForTheFirstSecondThenThrottled() {
    let c = Clock()
    let line = ProgressLine(write: { c.lines.append($0) }, now: { c.t })
    let p = SimulationProgress(simulatedSeconds: 43_200, endSeconds: 86_400, visits: 1_234)
    c.t = 500_000_000
    line.update(p)
    #expect(c.lines.isEmpty)  // under a second: nothing
    c.t = 2_000_000_000
    line.update(p)
    #expect(c.lines.count == 1)
    #expect(c.lines[0].hasSuffix("simulated 12h 0m of 1d 0h (50%), 1234 visits, ETA 2s"))
    c.t += 100_000_000
    line.update(p)
    #expect(c.lines.count == 1)  // redrawn at most five times a second
    line.finish()
    #expect(c.lines.last == "\r\u{1B}[K")
  }

  @Test func aStatusIsRedrawnInPlaceNotAppended() {
    let c = Clock()
    let line = ProgressLine(write: { c.lines.append($0) }, now: { c.t })
    for second in 1...3 {
      c.t = UInt64(second) * 1_000_000_000
      line.show { String(format: "live %.0fs", $0) }
    }
    #expect(c.lines == ["\r\u{1B}[Klive 1s", "\r\u{1B}[Klive 2s", "\r\u{1B}[Klive 3s"])
    #expect(!c.lines.joined().contains("\n"))
  }

  @Test func capturedRunsPrintNoProgress() {
    let (code, _, err) = runCLI(["simulate", "--set", "duration=1d"])
    #expect(code == 0)
    #expect(!err.contains("simulated"))
  }
}

@Suite struct TraceCLITests {
  @Test func replaysACSVBesideTheScenario() throws {
    let scenario = try temporaryFile(
      #"{"duration": "1h", "warmup": 0, "workload": {"arrivals": {"process": "trace", "traceFile": "access.csv"}}}"#)
    let csv = "time\n" + (0..<50).map { "2026-11-24T18:\(String(format: "%02d", $0)):00Z" }.joined(separator: "\n")
    try csv.write(
      toFile: URL(fileURLWithPath: scenario).deletingLastPathComponent().appendingPathComponent("access.csv").path,
      atomically: true, encoding: .utf8)
    let (code, out, err) = runCLI(["simulate", scenario, "--format", "json"])
    #expect(code == 0, "\(err)")
    #expect(out.contains("\"visits\" : 50"))
  }

  @Test func aMissingTraceIs66() throws {
    let scenario = try temporaryFile(#"{"workload": {"arrivals": {"process": "trace", "traceFile": "nope.csv"}}}"#)
    #expect(runCLI(["simulate", scenario]).code == 66)
  }
}
