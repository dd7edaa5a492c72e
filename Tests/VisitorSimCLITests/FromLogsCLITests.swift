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
}
