/// A value of Terraform's language, as far as it can be known without a cloud.
public indirect enum HCLValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case list([HCLValue])
  /// An object or map, keys in their written order.
  case object([(key: String, value: HCLValue)])
  /// Known only after apply, or not resolvable here; says why.
  case unknown(String)

  public static func == (a: HCLValue, b: HCLValue) -> Bool {
    switch (a, b) {
    case (.null, .null): true
    case (.bool(let x), .bool(let y)): x == y
    case (.number(let x), .number(let y)): x == y
    case (.string(let x), .string(let y)): x == y
    case (.list(let x), .list(let y)): x == y
    case (.object(let x), .object(let y)):
      x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    case (.unknown(let x), .unknown(let y)): x == y
    default: false
    }
  }

  public var isUnknown: Bool {
    if case .unknown = self { return true }
    return false
  }

  /// The member `key` of an object.
  public subscript(key: String) -> HCLValue? {
    guard case .object(let members) = self else { return nil }
    return members.last { $0.key == key }?.value
  }

  /// A number, or a string that holds one (Terraform converts `"128"` to 128 where a number is
  /// wanted).
  public var number: Double? {
    switch self {
    case .number(let x): x
    case .string(let s): Double(s)
    default: nil
    }
  }

  public var string: String? {
    switch self {
    case .string(let s): s
    case .number(let x): x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    case .bool(let b): String(b)
    default: nil
    }
  }

  public var bool: Bool? {
    switch self {
    case .bool(let b): b
    case .string("true"): true
    case .string("false"): false
    default: nil
    }
  }

  /// Short text for messages.
  public var brief: String {
    switch self {
    case .null: "null"
    case .bool(let b): String(b)
    case .number: string!
    case .string(let s): "\"\(s.count > 40 ? String(s.prefix(37)) + "..." : s)\""
    case .list(let l): "a list of \(l.count)"
    case .object(let o): "an object of \(o.count)"
    case .unknown(let why): "unknown (\(why))"
    }
  }
}
