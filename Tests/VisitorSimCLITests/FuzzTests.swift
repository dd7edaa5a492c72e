import Foundation
import Testing

/// A deterministic slice of `Scripts/fuzz` against the `visitorsim` built with the tests: a few
/// hundred hostile cases, each of which must end without a crash, a hang, a NaN in a report,
/// a `validate`/`simulate` disagreement or a messy message (`Scripts/fuzz 10000` is the full run).
@Suite struct FuzzTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The `visitorsim` executable beside the test bundle (Scripts/test builds it first).
  static var binary: String? {
    let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [
      folder.appendingPathComponent("visitorsim").path, root.appendingPathComponent(".build/debug/visitorsim").path,
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  @Test func aDeterministicSliceOfTheFuzzerFindsNothing() throws {
    let binary = try #require(Self.binary, "build visitorsim first (Scripts/test does: swift build, then swift test)")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [
      "python3", Self.root.appendingPathComponent("Scripts/fuzz").path, "300", "--seed", "20261125", "--binary", binary,
      "--jobs", "2", "--timeout", "60",
    ]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "\(text)")
    #expect(text.contains("fuzz: 300 cases"), "\(text)")
  }
}
