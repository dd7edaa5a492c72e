import Foundation

/// A check on every response of one stage, as k6 has them (`live --check`):
///
///     page.status==200
///     counterApi.body contains "count"
///     counterApi.json.count>0
///     counterApi.json.items.0.id == "a"
///
/// The subject is `status`, `body` (the decoded body as text) or `json` with a path of keys and
/// array indexes; the operators are `==`, `!=`, `<`, `<=`, `>`, `>=` and `contains`. A value is
/// a number, a string in double quotes, `true`, `false`, `null` or a bare word (a string).
public struct ResponseCheck: Sendable {
  public enum Subject: Sendable, Equatable {
    case status
    case body
    case json(path: [String])
  }

  public enum Operator: String, Sendable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case atMost = "<="
    case atLeast = ">="
    case below = "<"
    case above = ">"
    case contains = "contains"
  }

  public enum Value: Sendable, Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case null
  }

  /// As given.
  public var text: String
  var kind: Request.Kind
  public var subject: Subject
  public var op: Operator
  public var value: Value

  /// The stage's name in the report.
  public var stage: String { kind.stage.rawValue }
  /// Whether the response body has to be kept (and decoded) for it.
  public var needsBody: Bool { subject != .status }

  static let stages: [(String, Request.Kind)] = [
    ("page", .page), ("asset", .asset), ("preflight", .preflight), ("counterApi", .api),
  ]

  /// Parses one `--check`; the error names the check and what is wrong with it.
  public init(parsing text: String) throws(LiveError) {
    self.text = text
    func bad(_ why: String) -> LiveError { .usage("--check \"\(text)\": \(why)") }
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard let dot = trimmed.firstIndex(of: ".") else {
      throw bad("write STAGE.SUBJECT OPERATOR VALUE, e.g. counterApi.status==200")
    }
    let stageName = String(trimmed[..<dot])
    guard let stage = Self.stages.first(where: { $0.0 == stageName }) else {
      throw bad("\"\(stageName)\" is not a stage (page, asset, preflight or counterApi)")
    }
    kind = stage.1
    let rest = trimmed[trimmed.index(after: dot)...]
    // The operator: the first symbol, or the word `contains` between spaces.
    let symbols = rest.firstIndex { "=!<>".contains($0) }
    let word = rest.range(of: " contains ")
    let subjectEnd: Substring.Index
    let valueStart: Substring.Index
    if let word, symbols.map({ word.lowerBound < $0 }) ?? true {
      op = .contains
      subjectEnd = word.lowerBound
      valueStart = word.upperBound
    } else if let s = symbols {
      let two = rest[s...].prefix(2)
      guard let found = Operator.allCases.first(where: { $0 != .contains && two.hasPrefix($0.rawValue) }) else {
        throw bad("\"\(two)\" is not an operator (==, !=, <, <=, >, >=, contains)")
      }
      op = found
      subjectEnd = s
      valueStart = rest.index(s, offsetBy: found.rawValue.count)
    } else {
      throw bad("no operator (==, !=, <, <=, >, >=, contains)")
    }
    let subjectText = rest[..<subjectEnd].trimmingCharacters(in: .whitespaces)
    subject = try Self.subject(subjectText, bad: bad)
    value = try Self.value(rest[valueStart...].trimmingCharacters(in: .whitespaces), bad: bad)
    switch (subject, op, value) {
    case (.status, .contains, _): throw bad("status is a number: compare it with ==, !=, <, <=, > or >=")
    case (.status, _, .number): break
    case (.status, _, _): throw bad("status is compared with a number")
    case (.body, .equal, .string), (.body, .notEqual, .string), (.body, .contains, .string): break
    case (.body, _, _): throw bad("the body is text: use contains, == or != with a string")
    case (.json, .contains, .string): break
    case (.json, .contains, _): throw bad("contains takes a string")
    case (.json, .below, .number), (.json, .above, .number), (.json, .atMost, .number), (.json, .atLeast, .number):
      break
    case (.json, .below, _), (.json, .above, _), (.json, .atMost, _), (.json, .atLeast, _):
      throw bad("\(op.rawValue) compares with a number")
    case (.json, _, _): break
    }
  }

  static func subject(_ text: String, bad: (String) -> LiveError) throws(LiveError) -> Subject {
    if text == "status" { return .status }
    if text == "body" { return .body }
    guard text == "json" || text.hasPrefix("json.") || text.hasPrefix("json[") else {
      throw bad("\"\(text)\" is not a subject (status, body, json or json.PATH)")
    }
    // json.items[0].id and json.items.0.id are the same path.
    let path = text.dropFirst(4).replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "")
    let keys = path.split(separator: ".", omittingEmptySubsequences: false).dropFirst().map(String.init)
    guard !keys.contains(where: \.isEmpty) else { throw bad("\"\(text)\" has an empty key") }
    return .json(path: keys)
  }

  static func value(_ text: String, bad: (String) -> LiveError) throws(LiveError) -> Value {
    guard !text.isEmpty else { throw bad("no value after the operator") }
    if text.count >= 2 && text.hasPrefix("\"") && text.hasSuffix("\"") {
      return .string(String(text.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\""))
    }
    switch text {
    case "true": return .bool(true)
    case "false": return .bool(false)
    case "null": return .null
    default: break
    }
    if let n = Double(text), n.isFinite { return .number(n) }
    return .string(text)
  }

  /// Judges one response: nil when it passes, else why not (`got 0`, `the body is not JSON`).
  /// `body` is the decoded body (nil when it was not kept).
  public func failure(status: Int, body: [UInt8]?) -> String? {
    switch subject {
    case .status:
      return compare(.number(Double(status))) ? nil : "got status \(status)"
    case .body:
      let text = String(decoding: body ?? [], as: UTF8.self)
      return compare(.string(text)) ? nil : "got a body of \(body?.count ?? 0) bytes: \(Self.excerpt(text))"
    case .json(let path):
      guard let body, !body.isEmpty,
        var node = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
      else { return "the body is not JSON: \(Self.excerpt(String(decoding: body ?? [], as: UTF8.self)))" }
      for key in path {
        if let object = node as? [String: Any], let next = object[key] {
          node = next
        } else if let array = node as? [Any], let i = Int(key), array.indices.contains(i) {
          node = array[i]
        } else {
          return "no \(key) in the JSON body"
        }
      }
      let got = Self.jsonValue(node)
      return compare(got) ? nil : "got \(Self.describe(got))"
    }
  }

  static func jsonValue(_ node: Any) -> Value {
    if node is NSNull { return .null }
    if let s = node as? String { return .string(s) }
    if let n = node as? NSNumber {
      // Foundation hands JSON's true and false over as a boolean subclass of NSNumber (which
      // also casts to Int): told apart by its class.
      if String(describing: type(of: n)).contains("Boolean") { return .bool(n.boolValue) }
      return .number(n.doubleValue)
    }
    if let data = try? JSONSerialization.data(withJSONObject: node, options: [.sortedKeys]) {
      return .string(String(decoding: data, as: UTF8.self))
    }
    return .null
  }

  func compare(_ got: Value) -> Bool {
    switch (op, got, value) {
    case (.contains, .string(let g), .string(let v)): return g.contains(v)
    case (.contains, _, _): return false
    case (.equal, _, _): return Self.equal(got, value)
    case (.notEqual, _, _): return !Self.equal(got, value)
    case (_, .number(let g), .number(let v)):
      switch op {
      case .below: return g < v
      case .above: return g > v
      case .atMost: return g <= v
      default: return g >= v
      }
    default: return false
    }
  }

  /// Equal values; a number also equals its text (`json.id == 7` when the id is "7").
  static func equal(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.number(let x), .string(let s)), (.string(let s), .number(let x)): return Double(s) == x
    default: return a == b
    }
  }

  static func describe(_ v: Value) -> String {
    switch v {
    case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
    case .string(let s): "\"\(excerpt(s))\""
    case .bool(let b): String(b)
    case .null: "null"
    }
  }

  static func excerpt(_ s: String) -> String {
    let one = s.replacingOccurrences(of: "\n", with: " ")
    return one.count > 60 ? one.prefix(60) + "..." : one
  }
}
