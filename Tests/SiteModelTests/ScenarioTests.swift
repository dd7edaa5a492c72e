import Foundation
import Metrics
import Testing

@testable import Pricing
@testable import ScenarioModel
@testable import SimKernel
@testable import Simulation
@testable import WhatIf

@Suite struct ScenarioTests {
  static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  @Test func embeddedScenariosAreTheCommittedFiles() throws {
    // Regenerate with Scripts/embed-data.py after editing a file.
    for (path, embedded) in [
      ("Scenarios/baseline.json", BuiltinScenario.baselineJSON),
      ("Scenarios/simfaas-lambda-only.json", BuiltinScenario.simfaasJSON),
    ] {
      let file = try String(contentsOf: Self.repoRoot.appendingPathComponent(path), encoding: .utf8)
      #expect(file == embedded + "\n", "\(path) differs from its embedded copy: run Scripts/embed-data.py")
    }
  }

  @Test func baselineReadsItsFields() throws {
    let s = try BuiltinScenario.baseline()
    #expect(s.name == "baseline")
    #expect(abs(s.workload.visitsPerSecond * 86_400 - 300) < 1e-9)
    #expect(s.lambda.memoryMB == 128)
    #expect(s.apiGateway.type == .http)
    #expect(s.dynamodb.billingMode == .onDemand)
    #expect(s.durationSeconds == 7 * 86_400)
    #expect(s.warmupSeconds == 3_600)
  }

  @Test(arguments: ["Scenarios"])
  func everyCommittedScenarioValidates(folder: String) throws {
    let dir = Self.repoRoot.appendingPathComponent(folder)
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
      $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json")
    }.sorted()
    #expect(!files.isEmpty)
    for f in files {
      let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
      do {
        let s = try Scenario.load(json: text)
        #expect(!s.description.isEmpty, "\(f) has no description")
      } catch {
        Issue.record("\(f): \(error)")
      }
    }
  }

  @Test func aMinimalDocumentTakesTheDefaults() throws {
    #expect(try Scenario.load(json: "{}") == Scenario())
  }

  @Test func ratesAndDurationsInEveryUnit() throws {
    let s = try Scenario.load(
      json: #"{"duration": "90s", "warmup": "10m", "workload": {"arrivals": {"visitsPerMonth": 2628000}}}"#)
    #expect(s.durationSeconds == 90)
    #expect(s.warmupSeconds == 600)
    // A month is the billed month: 730 hours unless pricing.month says otherwise.
    #expect(abs(s.workload.visitsPerSecond - 1) < 1e-12)
    let thirtyDays = try Scenario.load(
      json: #"{"workload": {"arrivals": {"visitsPerMonth": 2592000}}, "pricing": {"month": "30d"}}"#)
    #expect(abs(thirtyDays.workload.visitsPerSecond - 1) < 1e-12)
    let t = try Scenario.load(
      json: #"{"duration": 86400, "warmup": "1.5h", "workload": {"arrivals": {"visitsPerSecond": 3}}}"#)
    #expect(t.durationSeconds == 86_400 && t.warmupSeconds == 5_400 && t.workload.visitsPerSecond == 3)
    #expect(DurationText.seconds("500ms") == 0.5)
    #expect(DurationText.seconds("30d") == 2_592_000)
    #expect(DurationText.seconds("24h") == 86_400)
    #expect(DurationText.seconds("ten minutes") == nil)
    #expect(DurationText.seconds("1d13h") == 133_200.0)  // 1 day + 13 hours
    #expect(DurationText.seconds("1h30m") == 5_400.0)
    #expect(DurationText.seconds("10x") == nil)
    #expect(DurationText.seconds("") == nil)
  }

  @Test func distributionsInEveryForm() throws {
    let s = try Scenario.load(
      json: """
        {"lambda": {
          "handlerMs": {"dist": "gamma", "shape": 2, "scale": 5},
          "coldStartMs": {"dist": "empirical", "percentiles": {"50": 300, "99": 900}},
          "idleTimeoutSeconds": {"dist": "uniform", "min": 300, "max": 900}},
         "network": {"rttMs": 20},
         "dynamodb": {"updateItemMs": {"dist": "weibull", "shape": 1.5, "scale": 10}}}
        """)
    #expect(s.lambda.handlerMs == .gamma(shape: 2, scale: 5))
    #expect(
      s.lambda.coldStartMs
        == .empiricalPercentiles([.init(quantile: 0.5, value: 300), .init(quantile: 0.99, value: 900)]))
    #expect(s.lambda.idleTimeout == .distribution(.uniform(low: 300, high: 900)))
    #expect(s.network.rttMs == .constant(20))
    #expect(s.dynamodb.updateItemMs == .weibull(shape: 1.5, scale: 10))
  }

  @Test func overridesReplaceFields() throws {
    let s = try Scenario.load(
      json: BuiltinScenario.baselineJSON,
      overrides: [
        "lambda.reservedConcurrency=20",
        #"lambda.handlerMs={"dist":"exponential","mean":1990}"#,
        "lambda.architecture=arm64",
        "duration=10m",
        "page.assets[2].bytes=1000",
        "workload.spikes=[{\"start\":\"1h\",\"hold\":\"2h\",\"multiplier\":50}]",
        "apiGateway.integrationTimeoutMs=5000",
      ])
    #expect(s.lambda.reservedConcurrency == 20)
    #expect(s.lambda.handlerMs == .exponential(mean: 1990))
    #expect(s.lambda.architecture == .arm64)
    #expect(s.durationSeconds == 600)
    #expect(s.page.assets[2].bytes == 1000)
    #expect(
      s.workload.spikes == [
        .init(startSeconds: 3600, rampUpSeconds: 0, holdSeconds: 7200, rampDownSeconds: 0, multiplier: 50)
      ])
    #expect(s.apiGateway.integrationTimeoutMs == 5000)
    // Another unit of the arrival rate replaces the file's.
    let u = try Scenario.load(
      json: BuiltinScenario.baselineJSON, overrides: ["workload.arrivals.visitsPerMonth=2628000"])
    #expect(abs(u.workload.visitsPerSecond - 1) < 1e-12)
    // Fields the file leaves out are created by the override.
    let t = try Scenario.load(
      json: "{}", overrides: ["dynamodb.billingMode=provisioned", "dynamodb.writeCapacityUnits=5"])
    #expect(t.dynamodb.billingMode == .provisioned && t.dynamodb.writeCapacityUnits == 5)
  }

  /// Each kind of bad input: the message names the JSON path and the bad value.
  static let badInputs: [(json: String, overrides: [String], expected: String)] = [
    (#"{"name": "x",}"#, [], "JSON syntax error at line 1, column 14"),
    ("{\n  \"lambda\": {\"memoryMB\": 128\n}", [], "JSON syntax error at line 3"),
    (#"{"lambda": {"memoryMb": 128}}"#, [], "lambda.memoryMb: unknown field"),
    (#"{"lamda": {}}"#, [], "lamda: unknown field"),
    (#"{"lambda": {"memoryMB": "big"}}"#, [], #"lambda.memoryMB: expected a number, got a string "big""#),
    (#"{"lambda": {"memoryMB": 100}}"#, [], "lambda.memoryMB: 100 is below the minimum 128"),
    (#"{"lambda": {"memoryMB": 256.5}}"#, [], "lambda.memoryMB: expected a whole number, got 256.5"),
    (#"{"cdn": {"ttlSeconds": -5}}"#, [], "cdn.ttlSeconds: -5 is below the minimum 0"),
    ("{}", ["lambda.handlerMs=NaN"], #"lambda.handlerMs: expected an object, got a string "NaN""#),
    ("{}", ["cdn.ttlSeconds=NaN"], #"cdn.ttlSeconds: expected a number, got a string "NaN""#),
    (
      #"{"workload": {"returningVisitorFraction": 1.5}}"#, [],
      "workload.returningVisitorFraction: 1.5 is above the maximum 1"
    ),
    (
      #"{"lambda": {"reservedConcurrency": 10, "provisionedConcurrency": 50}}"#, [],
      "lambda.provisionedConcurrency: 50 exceeds the function's concurrency limit 10 (lambda.reservedConcurrency)"
    ),
    (
      #"{"workload": {"arrivals": {"visitsPerDay": 10, "visitsPerSecond": 1}}}"#, [],
      "workload.arrivals.visitsPerDay: give only one of"
    ),
    (
      #"{"workload": {"arrivals": {"process": "bursty"}}}"#, [],
      #"workload.arrivals.process: "bursty" is not one of "poisson", "constant""#
    ),
    (
      #"{"lambda": {"handlerMs": {"dist": "lognormal", "median": 20, "p99": 10}}}"#, [],
      "lambda.handlerMs.p99: 10 is below the median 20"
    ),
    (#"{"lambda": {"handlerMs": {"dist": "lognormal", "median": 20}}}"#, [], "lambda.handlerMs.p99: missing"),
    (#"{"lambda": {"handlerMs": {"dist": "pareto"}}}"#, [], #"lambda.handlerMs.dist: "pareto" is not one of"#),
    (#"{"duration": "ten minutes"}"#, [], #"duration: "ten minutes" is not a duration"#),
    (#"{"duration": 0}"#, [], "duration: 0 is below the minimum 0.001 s"),
    (#"{"duration": "0.0000001ms"}"#, [], #"duration: "0.0000001ms" is below the minimum 0.001 s"#),
    (#"{"duration": "500d"}"#, [], #"duration: "500d" is above the maximum 34560000 s"#),
    // Values the nanosecond clock cannot hold are refused with their range, never trapped on.
    (
      "{}", ["dns.ttlSeconds=9223372036854775807"],
      "dns.ttlSeconds: 9223372036854775807 is above the maximum 2147483647"
    ),
    ("{}", ["cdn.ttlSeconds=1e30"], "cdn.ttlSeconds: 1e30 is above the maximum 2147483647"),
    (
      "{}", ["client.apiTimeoutMs=9223372036854775807"],
      "client.apiTimeoutMs: 9223372036854775807 is above the maximum 86400000"
    ),
    ("{}", ["network.bandwidthMbps=1e-300"], "network.bandwidthMbps: 1e-300 is below the minimum 0.001"),
    ("{}", ["lambda.handlerMs=1e300"], "lambda.handlerMs: 1e300 is above the maximum 86400000"),
    (
      "{}", [#"pricing.overrides={"lambda.requests": 1e300}"#],
      "pricing.overrides.lambda.requests: 1e300 is above the maximum 1000000"
    ),
    // The work a scenario asks for is bounded before it runs.
    (
      "{}", ["workload.arrivals.visitsPerSecond=1e12"],
      "workload.arrivals.visitsPerSecond: 1e12 is above the maximum 100000"
    ),
    (
      "{}",
      [
        "workload.arrivals.visitsPerSecond=1", "workload.diurnal=null",
        #"workload.spikes=[{"start": 0, "multiplier": 1e7}]"#,
      ],
      "workload.arrivals: the peak arrival rate would be 10000000 visits/s"
    ),
    (
      "{}", ["workload.arrivals.visitsPerSecond=60000", #"workload.diurnal={"amplitude": 1}"#],
      "workload.arrivals: the peak arrival rate would be 120000 visits/s"
    ),
    (
      "{}", ["workload.arrivals.visitsPerSecond=5000", "duration=\"30d\"", "workload.diurnal=null"],
      "workload.arrivals: up to 12978000000 visits expected in warm-up + duration, above the limit 1000000000"
    ),
    (#"{"page": {"assets": [{"name": "a.css"}]}}"#, [], "page.assets[0].bytes: missing"),
    (#"{"seed": -1}"#, [], "seed: expected a whole number from 0 to 18446744073709551615, got -1"),
    ("{}", ["lambda.memoryMB"], #"--set: "lambda.memoryMB" is not PATH=VALUE"#),
    ("{}", ["page.assets[9].bytes=1"], "page.assets[9]: --set page.assets[9].bytes: no such array item"),
    (
      #"{"workload": {"parts": "api"}, "page": {"apiCallsPerView": 0}}"#, [],
      "workload.parts: \"api\" sends only API calls"
    ),
  ]

  @Test(arguments: badInputs)
  func badInputNamesPathAndValue(_ input: (json: String, overrides: [String], expected: String)) {
    do {
      _ = try Scenario.load(json: input.json, overrides: input.overrides)
      Issue.record("accepted \(input.json) \(input.overrides)")
    } catch {
      #expect(error.description.hasPrefix(input.expected), "got: \(error.description)")
      #expect(!error.description.contains("\n"))
    }
  }
}
