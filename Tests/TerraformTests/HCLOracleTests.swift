import Foundation
import Testing

@testable import Terraform

/// visitorsim's HCL reader against an independent parser (python-hcl2, installed by
/// `Scripts/test`) on every fixture: the same blocks with the same labels, the same attribute
/// names, the same literal values.
@Suite struct HCLOracleTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
  static let oracle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Support/hcl_oracle.py")

  static var files: [String] {
    let walker = FileManager.default.enumerator(atPath: fixtures.path)!
    var out: [String] = []
    while let rel = walker.nextObject() as? String {
      if rel.hasSuffix(".tf") || rel.hasSuffix(".tfvars") { out.append(rel) }
    }
    return out.sorted()
  }

  /// The shape hcl_oracle.py prints, built from our parse.
  static func normalised(_ body: HCLBody) -> [String: Any] {
    var attributes: [String: Any] = [:]
    for a in body.attributes { attributes[a.name] = value(a.value) }
    var blocks: [[Any]] = body.blocks.map { [$0.type, $0.labels, normalised($0.body)] }
    blocks.sort { canonical($0) < canonical($1) }
    return ["attributes": attributes, "blocks": blocks]
  }

  static func value(_ e: HCLExpression) -> Any {
    switch e {
    case .literal(let v, _):
      switch v {
      case .null: return NSNull()
      case .bool(let b): return b
      case .number(let x): return x
      case .string(let s): return s
      default: return "EXPR"
      }
    case .template(let parts, _):
      guard parts.allSatisfy({ if case .text = $0 { true } else { false } }) else { return "EXPR" }
      let text = parts.map { if case .text(let t) = $0 { t } else { "" } }.joined()
      return text.contains("\n") ? "EXPR" : text
    case .tuple(let items, _): return items.map(value)
    case .object(let items, _):
      var out: [String: Any] = [:]
      for item in items {
        guard let key = value(item.key) as? String else { return "EXPR" }
        out[key] = value(item.value)
      }
      return out
    default: return "EXPR"
    }
  }

  static func canonical(_ x: Any) -> String {
    String(
      decoding: try! JSONSerialization.data(withJSONObject: x, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self
    )
  }

  static func python(_ file: String) throws -> Any {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", oracle.path, file]
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "python-hcl2 failed on \(file): \(problem)")
    return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
  }

  @Test(arguments: files)
  func fixtureReadsAsPythonHCL2ReadsIt(_ rel: String) throws {
    let path = Self.fixtures.appendingPathComponent(rel).path
    let ours = try HCLParser.parse(String(contentsOfFile: path, encoding: .utf8), file: path)
    let theirs = try Self.python(path)
    #expect(Self.canonical(Self.normalised(ours)) == Self.canonical(theirs), "\(rel)")
  }

  @Test func thereAreFixturesToCompare() { #expect(Self.files.count >= 8) }
}
