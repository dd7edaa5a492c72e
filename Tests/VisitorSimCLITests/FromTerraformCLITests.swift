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
