import Foundation
import InputText
import Metrics
import SimKernel

/// Reads one JSON object field by field, checking types and ranges, and at the end refuses
/// any field it was not asked about. Every error names the full JSON path and the value.
///
/// Keys starting with `//` are comments and are ignored.
package struct ObjectReader {
  package let path: String
  private let members: [JSONMember]
  private var used: Set<String> = []

  package init(_ value: JSONValue, at path: String) throws(ScenarioError) {
    guard case .object(let members) = value else {
      throw ScenarioError(path, "expected an object, got \(value.typeName) \(value.brief)")
    }
    self.path = path
    self.members = members
  }

  package func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  /// The raw value of `key`, marking it as known.
  package mutating func raw(_ key: String) -> JSONValue? {
    used.insert(key)
    return members.last(where: { $0.key == key })?.value
  }

  package func has(_ key: String) -> Bool { members.contains { $0.key == key } }

  /// Throws for the first member that no read asked for.
  package func finish(known: [String] = []) throws(ScenarioError) {
    for m in members where !used.contains(m.key) && !m.key.hasPrefix("//") {
      let all = (Array(used) + known).sorted().joined(separator: ", ")
      throw ScenarioError(childPath(m.key), "unknown field (known fields here: \(all))")
    }
  }

  package mutating func object(_ key: String) throws(ScenarioError) -> ObjectReader? {
    guard let v = raw(key), v != .null else { return nil }
    return try ObjectReader(v, at: childPath(key))
  }

  package mutating func number(
    _ key: String, into target: inout Double, min: Double? = nil, max: Double? = nil,
    exclusiveMin: Bool = false
  ) throws(ScenarioError) {
    guard let v = raw(key) else { return }
    target = try Self.number(v, at: childPath(key), min: min, max: max, exclusiveMin: exclusiveMin)
  }

  package mutating func optionalNumber(
    _ key: String, into target: inout Double?, min: Double? = nil, max: Double? = nil,
    exclusiveMin: Bool = false
  ) throws(ScenarioError) {
    guard let v = raw(key) else { return }
    if v == .null {
      target = nil
      return
    }
    target = try Self.number(v, at: childPath(key), min: min, max: max, exclusiveMin: exclusiveMin)
  }

  package static func number(
    _ v: JSONValue, at path: String, min: Double? = nil, max: Double? = nil, exclusiveMin: Bool = false
  ) throws(ScenarioError) -> Double {
    guard case .number(let x, let literal) = v else {
      throw ScenarioError(path, "expected a number, got \(v.typeName) \(v.brief)")
    }
    if let min {
      if exclusiveMin && x <= min { throw ScenarioError(path, "\(literal) must be greater than \(format(min))") }
      if x < min { throw ScenarioError(path, "\(literal) is below the minimum \(format(min))") }
    }
    if let max, x > max { throw ScenarioError(path, "\(literal) is above the maximum \(format(max))") }
    return x
  }

  package mutating func integer(_ key: String, into target: inout Int, min: Int? = nil, max: Int? = nil)
    throws(ScenarioError)
  {
    guard let v = raw(key) else { return }
    target = try Self.integer(v, at: childPath(key), min: min, max: max)
  }

  package mutating func optionalInteger(_ key: String, into target: inout Int?, min: Int? = nil, max: Int? = nil)
    throws(ScenarioError)
  {
    guard let v = raw(key) else { return }
    if v == .null {
      target = nil
      return
    }
    target = try Self.integer(v, at: childPath(key), min: min, max: max)
  }

  package static func integer(_ v: JSONValue, at path: String, min: Int?, max: Int?) throws(ScenarioError) -> Int {
    let x = try number(v, at: path)
    guard x == x.rounded(), abs(x) < 9e15 else {
      throw ScenarioError(path, "expected a whole number, got \(v.brief)")
    }
    let n = Int(x)
    if let min, n < min { throw ScenarioError(path, "\(n) is below the minimum \(min)") }
    if let max, n > max { throw ScenarioError(path, "\(n) is above the maximum \(max)") }
    return n
  }

  package mutating func bool(_ key: String, into target: inout Bool) throws(ScenarioError) {
    guard let v = raw(key) else { return }
    guard case .bool(let b) = v else {
      throw ScenarioError(childPath(key), "expected true or false, got \(v.typeName) \(v.brief)")
    }
    target = b
  }

  package mutating func string(_ key: String, into target: inout String) throws(ScenarioError) {
    guard let v = raw(key) else { return }
    guard case .string(let s) = v else {
      throw ScenarioError(childPath(key), "expected a string, got \(v.typeName) \(v.brief)")
    }
    try Self.checkPrintable(s, at: childPath(key))
    target = s
  }

  /// Refuses text holding a control character other than a newline or a tab: a name or a
  /// note is printed on terminals, where an escape sequence would act.
  package static func checkPrintable(_ s: String, at path: String) throws(ScenarioError) {
    if let c = Text.firstControl(s) {
      throw ScenarioError(path, "a control character (\(Text.escape(c) ?? "")) in \"\(Text.escaped(s, limit: 60))\"")
    }
  }

  package mutating func choice<E: RawRepresentable & CaseIterable>(
    _ key: String, into target: inout E, aliases: [String: E] = [:]
  ) throws(ScenarioError) where E.RawValue == String {
    guard let v = raw(key) else { return }
    guard case .string(let s) = v else {
      throw ScenarioError(childPath(key), "expected a string, got \(v.typeName) \(v.brief)")
    }
    if let e = E(rawValue: s) ?? aliases[s] {
      target = e
      return
    }
    let options = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
    throw ScenarioError(childPath(key), "\"\(s)\" is not one of \(options)")
  }

  /// A duration: a number of seconds or a string such as "500ms", "90s", "10m", "24h", "30d".
  package mutating func duration(
    _ key: String, into target: inout Double, min: Double = 0, exclusiveMin: Bool = false,
    max: Double = ScenarioLimits.longestDurationSeconds
  ) throws(ScenarioError) {
    guard let v = raw(key) else { return }
    target = try Self.duration(v, at: childPath(key), min: min, exclusiveMin: exclusiveMin, max: max)
  }

  package static func duration(
    _ v: JSONValue, at path: String, min: Double = 0, exclusiveMin: Bool = false,
    max: Double = ScenarioLimits.longestDurationSeconds
  ) throws(ScenarioError) -> Double {
    let seconds: Double
    switch v {
    case .number:
      seconds = try number(v, at: path)
    case .string(let s):
      guard let parsed = DurationText.seconds(s) else {
        throw ScenarioError(
          path, "\"\(s)\" is not a duration (use seconds, or e.g. \"500ms\", \"90s\", \"10m\", \"24h\", \"30d\")")
      }
      seconds = parsed
    default:
      throw ScenarioError(
        path, "expected a duration such as \"10m\" or a number of seconds, got \(v.typeName) \(v.brief)")
    }
    if exclusiveMin && seconds <= min { throw ScenarioError(path, "\(v.brief) must be longer than \(format(min)) s") }
    if seconds < min { throw ScenarioError(path, "\(v.brief) is below the minimum \(format(min)) s") }
    if seconds > max { throw ScenarioError(path, "\(v.brief) is above the maximum \(format(max)) s") }
    return seconds
  }

  package mutating func distribution(_ key: String, into target: inout Distribution) throws(ScenarioError) {
    guard let v = raw(key) else { return }
    target = try DistributionReader.read(v, at: childPath(key))
  }
}

/// Prints a number without a trailing ".0".
package func format(_ x: Double) -> String {
  x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
}
