import Foundation
import Testing

@testable import VisitorSimCLI

/// `diff --format markdown` as a pull-request comment: causes first, changed figures in bold,
/// unchanged ones collapsed, labels as given, a cent's change and the free tier said plainly.
@Suite struct DiffCommentTests {
  @Test func theCommentShowsInputsThenChangesThenCollapsesTheRest() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diff-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let base = folder.appendingPathComponent("base.json").path
    let head = folder.appendingPathComponent("head.json").path
    try #"{"name": "site", "lambda": {"memoryMB": 128, "architecture": "x86_64"}}"#.write(
      toFile: base, atomically: true, encoding: .utf8)
    try #"{"name": "site", "lambda": {"memoryMB": 512, "architecture": "arm64"}}"#.write(
      toFile: head, atomically: true, encoding: .utf8)
    let (code, md, err) = runCLI([
      "diff", base, head, "--format", "markdown", "--base-label", "main", "--head-label", "this PR", "--quiet",
      "--set", "duration=1h", "--set", "workload.arrivals.visitsPerDay=20000",
    ])
    #expect(code == 0, "\(err)")
    #expect(md.hasPrefix("### visitorsim: main → this PR\n"))
    // The causes, each with both values, in field order.
    let inputs = try #require(md.range(of: "**2 inputs differ**"))
    #expect(md.contains("| field | main | this PR |\n|---|---|---|\n| `lambda.architecture` | \"x86_64\" | \"arm64\" |\n| `lambda.memoryMB` | 128 | 512 |"))
    // Then the figures that changed, in bold; then the unchanged ones, collapsed.
    let changed = try #require(md.range(of: " figures changed** (same seed, so only the inputs differ)"))
    let collapsed = try #require(md.range(of: "<details><summary>"))
    #expect(inputs.lowerBound < changed.lowerBound && changed.lowerBound < collapsed.lowerBound)
    #expect(md.contains("| **cost.lambdaGBSeconds** |"), "\(md)")
    #expect(md[collapsed.lowerBound...].contains("figures unchanged</summary>"))
    #expect(md[collapsed.lowerBound...].contains("| cost.monthly.total | $0.96 | $0.96 | = |"), "\(md)")
    // A change the free tier hides is said, with and without it.
    #expect(md.contains("The free tier hides a change of the bill: $0.96 a month with it either way;"))
    // A cost under a cent is "< $0.01", never "$0.00" (which reads as free).
    #expect(md.contains("< $0.01"))
    #expect(!md.contains("+$0.00"))
  }

  @Test func baseSetAndHeadSetChangeOneSideOnly() {
    let (code, text, err) = runCLI([
      "diff", "Scenarios/baseline.json", "Scenarios/baseline.json", "--set", "duration=1h", "--head-set",
      "lambda.memoryMB=1024", "--base-set", "lambda.timeoutSeconds=10", "--quiet",
    ])
    #expect(code == 0, "\(err)")
    #expect(text.contains("inputs that differ"))
    #expect(text.contains("lambda.memoryMB") && text.contains("1024") && text.contains("lambda.timeoutSeconds"))
  }
}
