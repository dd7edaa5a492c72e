import Foundation
import Testing

@testable import Pricing
@testable import ScenarioModel
@testable import Simulation
@testable import WhatIf

/// The field table is the one declaration of the scenario format: the committed schema and
/// the README's field table are its output, and an independent validator (Python's
/// jsonschema) agrees with the decoder on what is a valid scenario.
@Suite struct ScenarioSchemaTests {
  static let root = ScenarioTests.repoRoot

  @Test func theCommittedSchemaIsCurrent() throws {
    let file = try String(
      contentsOf: Self.root.appendingPathComponent("Scenarios/scenario.schema.json"), encoding: .utf8)
    #expect(file == ScenarioSchema.json(), "run: visitorsim schema --output Scenarios/scenario.schema.json")
  }

  @Test func theREADMEFieldTableIsCurrent() throws {
    let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
    let begin = try #require(readme.range(of: "<!-- fields:begin"))
    let after = try #require(readme[begin.upperBound...].range(of: "-->\n"))
    let end = try #require(readme.range(of: "<!-- fields:end -->"))
    #expect(
      String(readme[after.upperBound..<end.lowerBound]) == ScenarioSchema.markdown(),
      "paste `visitorsim schema --format markdown` between the fields markers")
  }

  @Test func everyFieldIsDeclaredOnceAndEveryCommittedScenarioNamesTheSchema() throws {
    let paths = ScenarioField.all.flatMap { f in f.keys.map { "\(f.section).\($0)" } }
    #expect(Set(paths).count == paths.count)
    #expect(ScenarioField.all.allSatisfy { !$0.description.isEmpty && !$0.defaultText.isEmpty })
    for name in try Self.committedScenarios() {
      let text = try String(contentsOf: Self.root.appendingPathComponent("Scenarios/\(name)"), encoding: .utf8)
      #expect(text.contains(#""$schema": "scenario.schema.json""#), "\(name)")
    }
  }

  static func committedScenarios() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Scenarios").path).filter {
      $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json")
    }.sorted()
  }

  /// Documents the decoder accepts and refuses; jsonschema must agree on each.
  static let documents: [(json: String, valid: Bool)] = [
    ("{}", true),
    (#"{"lambda": {"handlerMs": {"dist": "exponential", "mean": 5}, "memoryMB": 1769}}"#, true),
    (#"{"duration": "1d13h", "workload": {"arrivals": {"visitsPerDay": 500}, "diurnal": null}}"#, true),
    (#"{"// note": "comments are fine", "apiGateway": {"type": "REST"}}"#, true),
    (#"{"lambda": {"idleTimeoutSeconds": {"dist": "constant", "value": 300}}}"#, true),
    (#"{"lambda": {"memoryMB": 64}}"#, false),
    (#"{"lambda": {"memoryMb": 128}}"#, false),
    (#"{"apiGateway": {"type": "grpc"}}"#, false),
    (#"{"duration": "ten minutes"}"#, false),
    (#"{"workload": {"spikes": [{"start": "1h"}]}}"#, false),
    (#"{"dynamodb": {"itemBytes": 0}}"#, false),
    (#"{"network": {"rttMs": {"dist": "pareto"}}}"#, false),
    (#"{"lambda": {"cpuBoundFraction": 1.5}}"#, false),
  ]

  @Test func anIndependentValidatorAgreesWithTheDecoder() throws {
    for (json, valid) in Self.documents {
      var decoded = true
      do { _ = try Scenario.load(json: json) } catch { decoded = false }
      #expect(decoded == valid, "decoder on \(json)")
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var files: [String] = []
    for (i, d) in Self.documents.enumerated() {
      let url = dir.appendingPathComponent("doc\(i).json")
      try d.json.write(to: url, atomically: true, encoding: .utf8)
      files.append(url.path)
    }
    files += try Self.committedScenarios().map { Self.root.appendingPathComponent("Scenarios/\($0)").path }
    let script = """
      import json, sys, jsonschema
      schema = json.load(open(sys.argv[1]))
      jsonschema.Draft202012Validator.check_schema(schema)
      v = jsonschema.Draft202012Validator(schema)
      for f in sys.argv[2:]:
          print("valid" if v.is_valid(json.load(open(f))) else "invalid")
      """
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments =
      ["python3", "-c", script, Self.root.appendingPathComponent("Scenarios/scenario.schema.json").path]
      + files
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "python3 with jsonschema is needed (Scripts/test installs it)")
    let verdicts = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    let expected =
      Self.documents.map { $0.valid ? "valid" : "invalid" }
      + Array(repeating: "valid", count: files.count - Self.documents.count)
    #expect(verdicts == expected)
  }

  @Test func setPathsAreCheckedAgainstTheTable() {
    func message(_ set: String) -> String {
      do {
        _ = try Scenario.load(json: BuiltinScenario.baselineJSON, overrides: [set])
        return "accepted"
      } catch { return error.description }
    }
    #expect(message("lambda.memroyMB=512").contains("did you mean lambda.memoryMB?"))
    #expect(message("lambda.nonsenseField=1").contains("is not a scenario field"))
    #expect(message("lambda.memoryMB=512") == "accepted")
    #expect(message("page.assets[0].bytes=5") == "accepted")
    #expect(message("workload.arrivals.visitsPerDay=10") == "accepted")
    #expect(message(#"lambda={"memoryMB": 256}"#) == "accepted")
  }
}
