import Foundation
import Testing

@testable import LoadTest
@testable import VisitorSimCLI

/// The example GitHub Actions workflows: every `visitorsim` command line in them is run with
/// `--dry-run`, so an option renamed or a value mistyped breaks this test, not a user's CI.
@Suite struct WorkflowTests {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("examples/github-actions")

  /// What the workflows' variables hold when they run (Terraform's outputs; local targets).
  static let environment = [
    "SITE_URL": "http://127.0.0.1:8080/", "API_URL": "http://127.0.0.1:8081/count",
    "GITHUB_STEP_SUMMARY": "/tmp/summary.md",
  ]

  /// Every `visitorsim ...` command in a workflow, continuation lines joined, redirections cut.
  static func commands(in text: String) -> [String] {
    var out: [String] = []
    var current: String?
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if current == nil && line.hasPrefix("visitorsim ") { current = "" }
      guard var c = current else { continue }
      if line.hasSuffix("\\") {
        c += String(line.dropLast()) + " "
        current = c
        continue
      }
      c += line
      if let redirect = c.range(of: " >> ") ?? c.range(of: " > ") { c = String(c[..<redirect.lowerBound]) }
      out.append(c)
      current = nil
    }
    return out
  }

  /// Shell words: single and double quotes, $VARIABLES expanded from `environment`.
  static func words(_ command: String) -> [String] {
    var words: [String] = []
    var word = ""
    var inWord = false
    var quote: Character?
    var chars = Array(command)[...]
    while let c = chars.popFirst() {
      if let q = quote {
        if c == q {
          quote = nil
        } else if c == "$" && q == "\"" {
          word += variable(&chars)
        } else {
          word.append(c)
        }
      } else if c == "'" || c == "\"" {
        quote = c
        inWord = true
      } else if c == " " {
        if inWord { words.append(word) }
        word = ""
        inWord = false
      } else if c == "$" {
        word += variable(&chars)
        inWord = true
      } else {
        word.append(c)
        inWord = true
      }
    }
    if inWord { words.append(word) }
    return words
  }

  static func variable(_ chars: inout ArraySlice<Character>) -> String {
    var name = ""
    while let c = chars.first, c.isLetter || c.isNumber || c == "_" {
      name.append(c)
      chars.removeFirst()
    }
    return environment[name] ?? "$\(name)"
  }

  static let workflows = ["post-deploy-load-test.yml", "terraform-what-if.yml"]

  @Test(arguments: workflows)
  func everyCommandPassesItsDryRun(_ file: String) throws {
    let text = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
    let commands = Self.commands(in: text)
    #expect(commands.count >= 3, "\(file): \(commands)")
    // The Terraform a workflow checks out (base/infra, head/infra) is not here: a dry run
    // checks that its paths exist, so they stand for the stacks fixture.
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("TerraformTests/Fixtures/stacks").path
    let checkedOut = [
      "base/infra/prod.tfvars": fixtures + "/envs/prod.tfvars", "head/infra/prod.tfvars": fixtures + "/envs/prod.tfvars",
      "base/infra": fixtures + "/infra/prod", "head/infra": fixtures + "/infra/prod",
    ]
    for command in commands {
      var argv = Array(Self.words(command).dropFirst()).map { checkedOut[$0] ?? $0 }
      if !argv.contains("--dry-run") { argv.append("--dry-run") }
      let (code, out, err) = runCLI(argv)
      #expect(code == 0, "\(file): \(command)\n\(err)")
      #expect(out.hasPrefix("dry run"), "\(file): \(command)")
    }
  }

  @Test func theExtractionSeesContinuationsQuotesAndRedirections() {
    let text = """
          visitorsim live --site "$SITE_URL" \\
            --threshold 'counterApi.p99<=800ms' --dry-run
          visitorsim merge reports/live.json --format markdown >> "$GITHUB_STEP_SUMMARY"
      """
    let commands = Self.commands(in: text)
    #expect(commands.count == 2)
    #expect(
      Self.words(commands[0]) == [
        "visitorsim", "live", "--site", "http://127.0.0.1:8080/", "--threshold", "counterApi.p99<=800ms", "--dry-run",
      ])
    #expect(Self.words(commands[1]) == ["visitorsim", "merge", "reports/live.json", "--format", "markdown"])
  }

  @Test func theLoadTestFailsOnAMissedThresholdAndWritesJUnit() throws {
    // live's exit code 2 is what fails the job; --junit is what CI shows per threshold.
    let text = try String(
      contentsOf: Self.directory.appendingPathComponent("post-deploy-load-test.yml"), encoding: .utf8)
    #expect(text.contains("--junit reports/thresholds.xml") && text.contains("--threshold"))
    #expect(text.contains("GITHUB_STEP_SUMMARY") && text.contains("actions/upload-artifact"))
  }
}

/// `--body-type` labels the API body; a Content-Type header given outright wins.
@Suite struct BodyTypeTests {
  func apiRequest(_ extra: [String]) throws -> String {
    var args = try Arguments(
      parsing: ["--api", "http://127.0.0.1:8081/count", "--method", "POST", "--body", "a=1&b=2"] + extra,
      for: LiveCommand.spec)
    let config = try LiveOptions.config(&args, scenarioPath: nil)
    let request = try #require(config.steps.joined().first { $0.kind == .api })
    return String(decoding: request.bytes(userAgent: "t"), as: UTF8.self)
  }

  @Test func bodyTypeLabelsTheBodyOnce() throws {
    let labelled = try apiRequest(["--body-type", "application/x-www-form-urlencoded"])
    #expect(labelled.contains("Content-Type: application/x-www-form-urlencoded\r\n"))
    #expect(labelled.components(separatedBy: "Content-Type:").count == 2)
    let plain = try apiRequest([])
    #expect(plain.contains("Content-Type: text/plain;charset=UTF-8\r\n"))
    let header = try apiRequest(["--body-type", "text/csv", "--api-header", "Content-Type: application/xml"])
    #expect(header.contains("Content-Type: application/xml\r\n") && !header.contains("text/csv"))
    #expect(throws: CLIError.self) { _ = try apiRequest(["--body-type", "bad\ntype"]) }
  }
}
