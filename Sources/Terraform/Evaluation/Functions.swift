import Foundation
import ScenarioModel

/// Terraform's functions that a scenario import needs, run when their arguments are known:
/// lookup, try, can, coalesce, tonumber, tostring, tobool, tolist, toset, tomap, merge, length,
/// lower, upper, min, max, abs, ceil, floor, concat, element, join, split, replace, format (%s,
/// %d, %v), trimspace, contains, keys, values, basename, abspath, file, fileset, jsondecode,
/// flatten, distinct, compact, templatefile (of a file in the repository).
/// Anything else is unknown, and says so.
enum Functions {
  static func call(_ name: String, _ args: [HCLExpression], _ ev: Evaluator) -> HCLValue {
    // try and can look at their arguments one at a time.
    if name == "try" {
      for a in args {
        let v = ev.evaluate(a).value
        if !v.isUnknown { return v }
      }
      return .unknown("no argument of try is known")
    }
    if name == "can" { return .bool(!(args.first.map { ev.evaluate($0).value.isUnknown } ?? true)) }
    let values = args.map { ev.evaluate($0).value }
    if name == "coalesce" {
      for v in values {
        if v.isUnknown { return v }
        if v != .null && v != .string("") { return v }
      }
      return .unknown("coalesce of nothing but nulls")
    }
    if let unknown = values.first(where: \.isUnknown) { return unknown }
    func string(_ i: Int) -> String? { i < values.count ? values[i].string : nil }
    func number(_ i: Int) -> Double? { i < values.count ? values[i].number : nil }
    func list(_ i: Int) -> [HCLValue]? {
      guard i < values.count else { return nil }
      if case .list(let l) = values[i] { return l }
      return nil
    }
    switch name {
    case "lookup":
      guard values.count >= 2, let key = string(1) else { break }
      if let v = values[0][key] { return v }
      return values.count >= 3 ? values[2] : .unknown("lookup of a missing key \(key) without a default")
    case "tonumber":
      guard let x = number(0) else {
        return values.first == .null ? .null : .unknown("tonumber of \(values.first?.brief ?? "nothing")")
      }
      return .number(x)
    case "tostring": return string(0).map(HCLValue.string) ?? .unknown("tostring")
    case "tobool": return values.first?.bool.map(HCLValue.bool) ?? .unknown("tobool")
    case "tolist", "toset", "tomap": return values.first ?? .null
    case "merge":
      var out: [(key: String, value: HCLValue)] = []
      for v in values {
        guard case .object(let members) = v else { continue }
        for m in members {
          out.removeAll { $0.key == m.key }
          out.append(m)
        }
      }
      return .object(out)
    case "length":
      switch values.first {
      case .list(let l)?: return .number(Double(l.count))
      case .object(let o)?: return .number(Double(o.count))
      case .string(let s)?: return .number(Double(s.count))
      default: break
      }
    case "lower": return string(0).map { .string($0.lowercased()) } ?? .unknown("lower")
    case "upper": return string(0).map { .string($0.uppercased()) } ?? .unknown("upper")
    case "min", "max":
      let xs = values.compactMap(\.number)
      guard xs.count == values.count, !xs.isEmpty else { break }
      return .number(name == "min" ? xs.min()! : xs.max()!)
    case "abs": return number(0).map { .number(abs($0)) } ?? .unknown("abs")
    case "ceil": return number(0).map { .number($0.rounded(.up)) } ?? .unknown("ceil")
    case "floor": return number(0).map { .number($0.rounded(.down)) } ?? .unknown("floor")
    case "concat": return .list(values.flatMap(items))
    case "element":
      // Terraform's element() wraps a non-negative index; a negative or fractional one is an
      // error there, unknown here (never a trap).
      guard let l = list(0), !l.isEmpty, let i = number(1), i.isFinite, i >= 0, i < 1e15, i == i.rounded() else {
        break
      }
      return l[Int(i.truncatingRemainder(dividingBy: Double(l.count)))]
    case "join":
      guard let sep = string(0) else { break }
      let parts = values.dropFirst().flatMap(items).compactMap(\.string)
      return .string(parts.joined(separator: sep))
    case "split":
      guard let sep = string(0), let s = string(1) else { break }
      return .list(s.components(separatedBy: sep).map(HCLValue.string))
    case "replace":
      guard let s = string(0), let a = string(1), let b = string(2) else { break }
      return .string(s.replacingOccurrences(of: a, with: b))
    case "trimspace":
      return string(0).map { .string($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? .unknown("trimspace")
    case "format":
      guard let f = string(0) else { break }
      var out = ""
      var k = 1
      var chars = f.makeIterator()
      while let c = chars.next() {
        guard c == "%" else {
          out.append(c)
          continue
        }
        guard let d = chars.next() else { break }
        if d == "%" {
          out.append("%")
        } else {
          guard let s = string(k) else { return .unknown("format with too few arguments") }
          out += s
          k += 1
        }
      }
      return .string(out)
    case "contains":
      guard let l = list(0), values.count >= 2 else { break }
      return .bool(l.contains(values[1]))
    case "keys":
      guard case .object(let o)? = values.first else { break }
      return .list(o.map { .string($0.key) })
    case "values":
      guard case .object(let o)? = values.first else { break }
      return .list(o.map(\.value))
    case "basename": return string(0).map { .string(($0 as NSString).lastPathComponent) } ?? .unknown("basename")
    case "abspath": return string(0).map(HCLValue.string) ?? .unknown("abspath")
    case "file":
      guard let p = string(0) else { break }
      let path = resolve(p, ev.module.directory)
      do { return .string(try TerraformModule.read(path)) } catch {
        return .unknown("file(\"\(p)\") cannot be read here (\(error.description))")
      }
    case "fileset":
      guard let dir = string(0), let pattern = string(1) else { break }
      return .list(fileset(resolve(dir, ev.module.directory), pattern).map(HCLValue.string))
    case "jsonencode":
      return .unknown("jsonencode")
    case "jsondecode":
      // Of a literal, or of file() of a file in the repository.
      guard let text = string(0), let tree = try? JSONParser.parse(text) else { break }
      return Self.value(of: tree)
    case "flatten":
      guard values.count == 1 else { break }
      return .list(Self.flattened(values[0], depth: 0))
    case "distinct":
      guard let l = list(0) else { break }
      var out: [HCLValue] = []
      for v in l where !out.contains(v) { out.append(v) }
      return .list(out)
    case "compact":
      guard let l = list(0) else { break }
      return .list(l.filter { $0 != .null && $0 != .string("") })
    case "templatefile":
      // A template file in the repository, its ${name} filled from the variables given.
      guard let p = string(0), values.count == 2, case .object(let vars) = values[1] else { break }
      let path = resolve(p, ev.module.directory)
      let text: String
      do { text = try TerraformModule.read(path) } catch {
        return .unknown("templatefile(\"\(p)\") cannot be read here (\(error.description))")
      }
      guard let template = try? HCLParser.template(text, file: path) else {
        return .unknown("templatefile(\"\(p)\") is not a template this reader parses")
      }
      var inner = ev
      for v in vars { inner.scope[v.key] = v.value }
      return inner.evaluate(template).value
    default:
      return .unknown("the function \(name) is not evaluated here")
    }
    return .unknown("\(name) with arguments it cannot use")
  }

  /// A JSON document as an HCL value.
  static func value(of json: JSONValue) -> HCLValue {
    switch json {
    case .null: .null
    case .bool(let b): .bool(b)
    case .number(let x, _): .number(x)
    case .string(let s): .string(s)
    case .array(let items): .list(items.map(value(of:)))
    case .object(let members): .object(members.map { ($0.key, value(of: $0.value)) })
    }
  }

  /// Nested lists made one (at most 200 deep, as the parser nests).
  static func flattened(_ v: HCLValue, depth: Int) -> [HCLValue] {
    guard case .list(let l) = v, depth < 200 else { return [v] }
    return l.flatMap { flattened($0, depth: depth + 1) }
  }

  /// A list's items; nothing for anything else.
  static func items(_ v: HCLValue) -> [HCLValue] {
    if case .list(let l) = v { return l }
    return []
  }

  static func resolve(_ path: String, _ directory: String) -> String {
    path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
  }

  /// The files below `directory` whose paths (relative, `/`-separated) match `pattern`
  /// (`*` within a name, `**` across directories, `?` one character), sorted.
  static func fileset(_ directory: String, _ pattern: String) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
    var out: [String] = []
    while let rel = walker.nextObject() as? String {
      var isDir: ObjCBool = false
      let full = (directory as NSString).appendingPathComponent(rel)
      guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue else { continue }
      if glob(Array(pattern), Array(rel)) { out.append(rel) }
    }
    return out.sorted()
  }

  static func glob(_ p: [Character], _ s: [Character]) -> Bool {
    var memo: [Int: Bool] = [:]
    func match(_ i: Int, _ j: Int) -> Bool {
      let key = i * (s.count + 1) + j
      if let m = memo[key] { return m }
      var r: Bool
      if i == p.count {
        r = j == s.count
      } else if p[i] == "*" && i + 1 < p.count && p[i + 1] == "*" {
        // ** matches across directories (and "**/" may match nothing).
        var next = i + 2
        if next < p.count && p[next] == "/" { next += 1 }
        r = match(next, j) || (j < s.count && match(i, j + 1))
      } else if p[i] == "*" {
        r = match(i + 1, j) || (j < s.count && s[j] != "/" && match(i, j + 1))
      } else if p[i] == "?" {
        r = j < s.count && s[j] != "/" && match(i + 1, j + 1)
      } else {
        r = j < s.count && s[j] == p[i] && match(i + 1, j + 1)
      }
      memo[key] = r
      return r
    }
    return match(0, 0)
  }
}
