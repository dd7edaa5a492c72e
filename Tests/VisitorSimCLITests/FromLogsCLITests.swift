import Foundation
import ScenarioModel
import Testing

@testable import VisitorSimCLI

/// `scenario from-logs` and `simulate --emit-logs` on the command line: the loop, the files it
/// writes, and its refusals with their exit codes.
@Suite struct FromLogsCLITests {
  func scratch() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fromlogs-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test func emittedLogsFitAScenarioThatValidatesWithATrace() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let sim = runCLI(["simulate", "--set", "duration=1d", "--emit-logs", dir + "/logs", "--quiet"])
    #expect(sim.code == 0, "\(sim.err)")
    #expect(sim.err.contains("Lambda, ") && sim.err.contains("log lines to \(dir)/logs"))
    let fit = runCLI([
      "scenario", "from-logs", "--lambda", dir + "/logs/lambda.log", "--cloudfront", dir + "/logs",
      "--apigateway", dir + "/logs/apigateway.log", "--output", dir + "/fitted.json", "--trace", dir + "/visits.csv",
    ])
    // The CloudFront directory holds all three files: the other two are skipped and named,
    // with the kind each looks like.
    #expect(fit.code == 0, "\(fit.err)")
    #expect(
      fit.err.contains(
        "skipped \(dir)/logs/lambda.log: this looks like a Lambda function's logs, not a CloudFront access log: give it as --lambda"
      ), "\(fit.err)")
    #expect(fit.err.contains("skipped \(dir)/logs/apigateway.log: this looks like an API Gateway access log"))
    // Named on its own, a file of the wrong kind is refused with the kind it looks like.
    let wrong = runCLI(["scenario", "from-logs", "--apigateway", dir + "/logs/lambda.log"])
    #expect(wrong.code == 65)
    #expect(wrong.err.contains("this looks like a Lambda function's logs, not an API Gateway access log: give it as --lambda"))
    let ok = runCLI([
      "scenario", "from-logs", "--lambda", dir + "/logs/lambda.log", "--cloudfront", dir + "/logs/cloudfront.log",
      "--apigateway", dir + "/logs/apigateway.log", "--output", dir + "/fitted.json", "--trace", dir + "/visits.csv",
    ])
    #expect(ok.code == 0, "\(ok.err)")
    #expect(ok.err.contains("validation: the ") && ok.err.contains("cold starts"))
    #expect(runCLI(["validate", dir + "/fitted.json"]).code == 0)
    let fitted = try Scenario.load(json: String(contentsOfFile: dir + "/fitted.json", encoding: .utf8))
    #expect(fitted.notes.contains { $0.hasPrefix("from-logs: lambda.coldStartMs: ") })
    let trace = try TraceCSV.parse(String(contentsOfFile: dir + "/visits.csv", encoding: .utf8), file: "visits.csv")
    let visits = ok.err.split(separator: "\n").first { $0.contains("visit times to") }
    #expect(visits?.hasPrefix("wrote \(trace.count) visit times") == true)
  }

  @Test func refusalsHaveTheirExitCodes() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(runCLI(["scenario", "from-logs"]).code == 64)
    #expect(runCLI(["scenario"]).code == 64)
    let near = runCLI(["scenario", "from-log"])
    #expect(near.code == 64 && near.err.contains("did you mean from-logs?"))
    #expect(runCLI(["scenario", "from-logs", "--lambda", dir + "/none.log"]).code == 66)
    try Data("hello\nworld\n".utf8).write(to: URL(fileURLWithPath: dir + "/junk.log"))
    let junk = runCLI(["scenario", "from-logs", "--apigateway", dir + "/junk.log"])
    #expect(junk.code == 65 && junk.err.contains("junk.log: no usable line"))
    try Data([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF]).write(to: URL(fileURLWithPath: dir + "/bad.gz"))
    let bad = runCLI(["scenario", "from-logs", "--lambda", dir + "/bad.gz"])
    #expect(bad.code == 65 && bad.err.contains("bad.gz") && bad.err.contains("gzip"))
    let replicated = runCLI(["simulate", "--emit-logs", dir + "/x", "--replications", "2"])
    #expect(replicated.code == 64)
  }

  /// Logs that mix what the fit takes as one site are named in one warning each, and
  /// --function, --since and --until pick one part.
  @Test func mixedLogsAreNamedAndPicked() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    func report(_ t: String, _ memory: Int, _ ms: Double) -> String {
      "\(t) 2026/01/01/[$LATEST]ab REPORT RequestId: 1\tDuration: \(ms) ms\tBilled Duration: 9 ms\tMemory Size: \(memory) MB"
    }
    // 2021 at 128 MB, 2026 at 512 MB: a gap of years and two memory sizes.
    let lines = (0..<6).map { report("2021-05-0\($0 + 1)T10:00:00Z", 128, 8) }
      + (0..<6).map { report("2026-11-0\($0 + 1)T10:00:00Z", 512, 5) }
    try lines.joined(separator: "\n").write(toFile: dir + "/lambda.log", atomically: true, encoding: .utf8)
    let mixed = runCLI(["scenario", "from-logs", "--lambda", dir + "/lambda.log", "--no-validate"])
    #expect(mixed.code == 0, "\(mixed.err)")
    #expect(mixed.err.contains("warning: the REPORT lines hold 2 memory sizes: 128 MB (6), 512 MB (6)"), "\(mixed.err)")
    // 2021-05-06 to 2026-11-01: 2,005 days (Python: date difference).
    #expect(mixed.err.contains("warning: the logs have a gap of 2005 days"), "\(mixed.err)")
    #expect(mixed.err.contains("from 2021-05-06 to 2026-11-01"))
    let picked = runCLI(["scenario", "from-logs", "--lambda", dir + "/lambda.log", "--no-validate", "--since", "2026-01-01"])
    #expect(picked.code == 0 && picked.err.contains("picked: 6 records left out"), "\(picked.err)")
    #expect(!picked.err.contains("warning: the REPORT lines hold"))
    #expect(picked.err.contains("lambda.memoryMB = 512"))
    #expect(runCLI(["scenario", "from-logs", "--lambda", dir + "/lambda.log", "--since", "2030-01-01"]).code == 65)
    #expect(runCLI(["scenario", "from-logs", "--lambda", dir + "/lambda.log", "--since", "yesterday"]).code == 64)
    // Two functions in one subscription export: named, and one picked by --function.
    func payload(_ group: String, _ t: Double) -> String {
      #"{"logGroup":"\#(group)","logStream":"s","logEvents":[{"id":"1","timestamp":\#(t),"message":"REPORT RequestId: 1\tDuration: 5 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB"}]}"#
    }
    let both = (0..<3).map { payload("/aws/lambda/counter", 1_795_168_800_000 + Double($0) * 1000) }
      + (0..<2).map { payload("/aws/lambda/game", 1_795_168_900_000 + Double($0) * 1000) }
    try both.joined().write(toFile: dir + "/firehose.json", atomically: true, encoding: .utf8)
    let two = runCLI(["scenario", "from-logs", "--lambda", dir + "/firehose.json", "--no-validate"])
    #expect(
      two.err.contains(
        "warning: the Lambda logs hold 2 functions: /aws/lambda/counter (3), /aws/lambda/game (2); pick one with --function NAME"
      ), "\(two.err)")
    let one = runCLI(["scenario", "from-logs", "--lambda", dir + "/firehose.json", "--no-validate", "--function", "counter"])
    #expect(one.code == 0 && one.err.contains("picked: 2 records left out") && !one.err.contains("2 functions"))
  }

  /// The validation table marks every percentile of fewer than 100 logged values with its
  /// count (counted here from the emitted log itself).
  @Test func thinPercentilesInTheValidationTableShowTheirCount() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = runCLI(["simulate", "--set", "duration=3h", "--set", "warmup=0", "--emit-logs", dir, "--quiet"])
    let log = try String(contentsOfFile: dir + "/lambda.log", encoding: .utf8)
    let colds = log.split(separator: "\n").count { $0.contains("Init Duration:") }
    #expect(colds > 0 && colds < 100)
    let fit = runCLI(["scenario", "from-logs", "--lambda", dir + "/lambda.log"])
    #expect(fit.code == 0, "\(fit.err)")
    #expect(fit.err.contains("  init p99 (of \(colds))*"), "\(fit.err)")
    #expect(fit.err.contains("* from fewer than 100 logged values"))
  }
}
