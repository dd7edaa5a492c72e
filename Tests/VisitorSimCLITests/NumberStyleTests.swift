import Foundation
import Testing

@testable import VisitorSimCLI

/// One way to write a number for people: what the README and Reports/ show as output (not as
/// commands) holds no exponent and no whole number of 10,000 or more without separators; the
/// text report of today's run is checked the same way, so the rule holds for new output too.
@Suite struct NumberStyleTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// A whole number of five digits or more standing alone (not part of a word, a path, an
  /// option, a time or a version), and a number in scientific notation.
  static let unseparated = #"(?<![\w.,:/#=+\-$@`\[{"'])\d{5,}(?![\w/\-:`.,])"#
  static let exponent = #"(?<![\w.])\d+(?:\.\d+)?e[+-]?\d+(?!\w)"#
  /// Lines that are commands or code, where numbers are arguments, not output.
  static let command =
    #"^\s*(\$|swift |visitorsim|aws |terraform|cd |#|export|git |sam |Scripts/|python|curl|docker|kubectl|\.ci|bash|[A-Z_]+=)"#

  static func problems(_ name: String, _ lines: [Substring]) -> [String] {
    // NSRegularExpression (ICU): Swift's Regex has no lookbehind.
    func regex(_ p: String) -> NSRegularExpression { try! NSRegularExpression(pattern: p) }
    let (unseparated, exponent, command) = (regex(Self.unseparated), regex(Self.exponent), regex(Self.command))
    var out: [String] = []
    for (k, sub) in lines.enumerated() {
      let line = String(sub)
      let all = NSRange(line.startIndex..., in: line)
      if command.firstMatch(in: line, range: all) != nil { continue }
      for m in unseparated.matches(in: line, range: all) + exponent.matches(in: line, range: all) {
        out.append("\(name):\(k + 1): \((line as NSString).substring(with: m.range)) in: \(line)")
      }
    }
    return out
  }

  /// The lines inside the README's fenced blocks.
  static func readmeOutput() throws -> [Substring] {
    let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    var inside = false
    var out: [Substring] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("```") {
        inside.toggle()
        continue
      }
      out.append(inside ? line : "")
    }
    return out
  }

  @Test func theReadmesOutputWritesNumbersOneWay() throws {
    let found = Self.problems("README.md", try Self.readmeOutput())
    #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
  }

  @Test func theSampleReportAndTodaysOutputWriteNumbersOneWay() throws {
    let sample = try String(contentsOf: Self.root.appendingPathComponent("Reports/sample-baseline.txt"), encoding: .utf8)
    var found = Self.problems("Reports/sample-baseline.txt", sample.split(separator: "\n"))
    let (code, out, _) = runCLI(["simulate", "--set", "duration=1d", "--quiet"])
    #expect(code == 0)
    found += Self.problems("simulate", out.split(separator: "\n"))
    #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
  }

  /// The sample HTML page's text (what the browser shows, tags and SVG coordinates aside).
  @Test func theSampleHTMLPageWritesNumbersOneWay() throws {
    let html = try String(
      contentsOf: Self.root.appendingPathComponent("Reports/sample-hacker-news-spike.html"), encoding: .utf8)
    // The text between tags, one piece per line.
    var text: [Substring] = []
    var rest = html[...]
    while let close = rest.firstIndex(of: ">") {
      rest = rest[rest.index(after: close)...]
      let piece = rest.prefix { $0 != "<" }
      if !piece.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { text.append(piece) }
      rest = rest[piece.endIndex...]
    }
    #expect(text.count > 100)
    let found = Self.problems("Reports/sample-hacker-news-spike.html", text.filter { !$0.contains("{") })
    #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
  }

  @Test func theRuleCatchesWhatItShould() {
    let bad = Self.problems("x", ["counts measured over 604800 s", "a rate of 5.425e-05 visits/s"])
    #expect(bad.count == 2)
    let good = Self.problems("x", ["604,800 s", "$1,000.00", "visitorsim simulate --seed 20261206", "2026-11-20T10:00:00Z", "v1.2.3"])
    #expect(good.isEmpty, "\(good)")
  }
}
