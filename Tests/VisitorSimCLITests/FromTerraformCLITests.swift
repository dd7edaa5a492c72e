import Foundation
import ScenarioModel
import Testing

@testable import VisitorSimCLI

/// `scenario from-terraform` on the command line: every fixture gives a scenario that
/// `validate` accepts, with the source of every field in its notes.
@Suite struct FromTerraformCLITests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("TerraformTests/Fixtures").path

  @Test(arguments: [
    ["http-api"], ["rest-api"], ["function-url"], ["registry"], ["plan/plan.json"],
    ["stacks/infra/prod", "--var-file", "stacks/envs/prod.tfvars"],
  ])
  func everyFixtureGivesAValidScenario(_ args: [String]) throws {
    let out = try temporaryFile("", name: "tf.json")
    let given = args.enumerated().map {
      $0.offset == 0 || $0.offset == 2 ? "\(Self.fixtures)/\($0.element)" : $0.element
    }
    let (code, _, err) = runCLI(["scenario", "from-terraform"] + given + ["--output", out])
    #expect(code == 0, "\(err)")
    #expect(err.contains("fields set (value, then where it came from):"))
    #expect(runCLI(["validate", out]).code == 0)
    let s = try Scenario.load(json: String(contentsOfFile: out, encoding: .utf8))
    #expect(!s.notes.isEmpty && s.notes.allSatisfy { $0.hasPrefix("from-terraform: ") })
    #expect(s.notes.contains { $0.contains("lambda.memoryMB = ") })
  }

  @Test func refusalsHaveTheirExitCodes() throws {
    #expect(runCLI(["scenario", "from-terraform"]).code == 64)
    #expect(runCLI(["scenario", "from-terraform", "/no/such/dir"]).code == 66)
    let stacks = runCLI(["scenario", "from-terraform", "\(Self.fixtures)/stacks"])
    #expect(stacks.code == 65 && stacks.err.contains("2 stacks"))
    let bad = try temporaryFile("resource \"aws_lambda_function\" \"f\" {\n  memory_size = 64\n}\n", name: "main.tf")
    let dir = (bad as NSString).deletingLastPathComponent
    let small = runCLI(["scenario", "from-terraform", dir])
    #expect(small.code == 65)
    #expect(small.err.contains("lambda.memoryMB: 64 is below the minimum 128") && small.err.contains("main.tf:2"))
  }
}

/// `visitorsim diff`: two Terraform stacks that differ in memory, as a pull request would see
/// them.
@Suite struct DiffCLITests {
  static let fixtures = FromTerraformCLITests.fixtures

  func stack(_ env: String) throws -> String {
    let out = try temporaryFile("", name: "\(env).json")
    let (code, _, err) = runCLI([
      "scenario", "from-terraform", "\(Self.fixtures)/stacks/infra/\(env)", "--var-file",
      "\(Self.fixtures)/stacks/envs/\(env).tfvars", "--output", out,
    ])
    #expect(code == 0, "\(err)")
    return out
  }

  @Test func memoryChangeShowsLatencyAndCostInMarkdown() throws {
    let staging = try stack("staging")
    let prod = try stack("prod")
    let quick = [
      "--set", "duration=1d", "--set", "workload.arrivals.visitsPerDay=100000", "--set", "pricing.freeTier=false",
    ]
    let (code, out, err) = runCLI(["diff", staging, prod, "--format", "markdown"] + quick)
    #expect(code == 0, "\(err)")
    #expect(out.hasPrefix("### visitorsim: staging.json → prod.json"))
    // The causes first: the stacks' memory differs.
    #expect(out.contains("| `lambda.memoryMB` | 128 | 1024 |"), "\(out)")
    // 128 MB -> 1024 MB: the handler gets eight times the CPU, and each GB-second costs more.
    let lambdaRow = out.split(separator: "\n").first { $0.hasPrefix("| **lambda.p50** |") }
    #expect(lambdaRow?.contains("(-") == true, "\(out)")
    let costRow = out.split(separator: "\n").first { $0.hasPrefix("| **cost.monthly.lambda** |") }
    #expect(costRow?.contains("+$") == true, "\(out)")
    #expect(
      out.contains("<summary>Line items that changed (monthly)</summary>") && out.contains("lambda.duration.x86_64"))
    // The same scenario twice: nothing changes, since both run with one seed.
    let same = runCLI(["diff", prod, prod, "--format", "json"] + quick)
    let json = try JSONSerialization.jsonObject(with: Data(same.out.utf8)) as! [String: Any]
    let rows = json["rows"] as! [[String: Any]]
    #expect(rows.allSatisfy { ($0["change"] as? Double ?? 0) == 0 })
    #expect(rows.contains { $0["figure"] as? String == "cost.monthly.total" })
  }

  @Test func reportsCanBeDiffedToo() throws {
    let a = try temporaryFile("", name: "a.json")
    let b = try temporaryFile("", name: "b.json")
    #expect(runCLI(["simulate", "--set", "duration=1d", "--format", "json", "--output", a]).code == 0)
    #expect(
      runCLI(["simulate", "--set", "duration=1d", "--set", "lambda.memoryMB=512", "--format", "json", "--output", b])
        .code == 0)
    let (code, out, _) = runCLI(["diff", a, b])
    #expect(code == 0 && out.hasPrefix("diff: a.json -> b.json"))
    #expect(out.contains("lambda.p99"))
    #expect(runCLI(["diff", a]).code == 64)
    #expect(runCLI(["diff", a, b, "--set", "duration=1d"]).code == 64)
  }
}

/// `plan --junit`: each objective at today's load as a test case.
@Suite struct PlanJUnitTests {
  @Test func objectivesBecomeTestCases() throws {
    let junit = try temporaryFile("", name: "plan.xml")
    let (code, _, err) = runCLI([
      "plan", "--set", "duration=2h", "--slo", "counterApi.p99<=5s", "--slo", "counterApi.p50<=1ms", "--replications",
      "2", "--junit", junit,
    ])
    #expect(code == 2, "\(err)")
    let xml = try String(contentsOfFile: junit, encoding: .utf8)
    #expect(xml.contains("<testsuites tests=\"2\" failures=\"1\">"))
    #expect(xml.contains("<testcase classname=\"visitorsim\" name=\"counterApi.p99&lt;=5s\"/>"))
    #expect(xml.contains("name=\"counterApi.p50&lt;=1ms\">\n      <failure message=\""))
  }

  /// A dry run checks what the run would read: every PATH and var file, and every stack parses.
  @Test func aDryRunChecksPathsVarFilesAndParsing() throws {
    let split = HCLFixtures.path + "/split"
    let ok = runCLI(["scenario", "from-terraform", split + "/frontend", split + "/backend", "--dry-run"])
    #expect(ok.code == 0 && ok.out.hasPrefix("dry run: would read the Terraform at \(split)/frontend, \(split)/backend"))
    #expect(runCLI(["scenario", "from-terraform", split + "/nope", "--dry-run"]).code == 66)
    #expect(runCLI(["scenario", "from-terraform", split + "/backend", "--var-file", "no.tfvars", "--dry-run"]).code == 66)
    let broken = FileManager.default.temporaryDirectory.appendingPathComponent("tf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: broken) }
    try "resource \"aws_lambda_function\" \"f\" {\n".write(
      to: broken.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
    let parse = runCLI(["scenario", "from-terraform", broken.path, "--dry-run"])
    #expect(parse.code == 65 && parse.err.contains("main.tf:2:1: a block is not closed"), "\(parse.err)")
  }
}

/// Where the Terraform fixtures live (TerraformTests/Fixtures).
enum HCLFixtures {
  static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("TerraformTests/Fixtures").path
}
