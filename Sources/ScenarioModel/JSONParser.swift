/// A strict JSON parser (RFC 8259) that reports the line and column of the first error.
///
/// Duplicate keys in one object are an error: in a scenario they are always a mistake.
public struct JSONParser {
  /// A syntax error at a position of the input.
  public struct SyntaxError: Error, Sendable, Equatable {
    public var line: Int
    public var column: Int
    public var message: String
  }

  private let bytes: [UInt8]
  private var i = 0

  private init(_ text: String) { bytes = Array(text.utf8) }

  /// Parses a whole document.
  public static func parse(_ text: String) throws(SyntaxError) -> JSONValue {
    var p = JSONParser(text)
    p.skipSpace()
    let v = try p.value(depth: 0)
    p.skipSpace()
    if p.i < p.bytes.count { throw p.error("unexpected text after the JSON value") }
    return v
  }

  private func error(_ message: String) -> SyntaxError {
    var line = 1
    var column = 1
    for b in bytes[0..<min(i, bytes.count)] {
      if b == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if b & 0xC0 != 0x80 {
        column += 1
      }
    }
    return SyntaxError(line: line, column: column, message: message)
  }

  private mutating func skipSpace() {
    while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
  }

  private mutating func value(depth: Int) throws(SyntaxError) -> JSONValue {
    guard depth < 200 else { throw error("nesting deeper than 200 levels") }
    guard i < bytes.count else { throw error("unexpected end of input, expected a value") }
    switch bytes[i] {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default: throw error("unexpected character '\(Character(UnicodeScalar(bytes[i])))', expected a value")
    }
  }

  private mutating func literal(_ word: String) throws(SyntaxError) {
    let w = Array(word.utf8)
    guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else {
      throw error("invalid literal, expected '\(word)'")
    }
    i += w.count
  }

  private mutating func object(depth: Int) throws(SyntaxError) -> JSONValue {
    i += 1
    var members: [JSONMember] = []
    var seen = Set<String>()
    skipSpace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
      i += 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
      let keyStart = i
      let key = try string()
      guard seen.insert(key).inserted else {
        i = keyStart
        throw error("duplicate key \"\(key)\"")
      }
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':' after key \"\(key)\"") }
      i += 1
      skipSpace()
      members.append(JSONMember(key: key, value: try value(depth: depth + 1)))
      skipSpace()
      guard i < bytes.count else { throw error("unexpected end of input inside an object") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      if bytes[i] == UInt8(ascii: "}") {
        i += 1
        return .object(members)
      }
      throw error("expected ',' or '}' in an object")
    }
  }

  private mutating func array(depth: Int) throws(SyntaxError) -> JSONValue {
    i += 1
    var items: [JSONValue] = []
    skipSpace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
      i += 1
      return .array(items)
    }
    while true {
      skipSpace()
      items.append(try value(depth: depth + 1))
      skipSpace()
      guard i < bytes.count else { throw error("unexpected end of input inside an array") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      if bytes[i] == UInt8(ascii: "]") {
        i += 1
        return .array(items)
      }
      throw error("expected ',' or ']' in an array")
    }
  }

  private mutating func string() throws(SyntaxError) -> String {
    i += 1
    var out: [UInt8] = []
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        i += 1
        return String(decoding: out, as: UTF8.self)
      }
      if b < 0x20 { throw error("control character inside a string") }
      if b == UInt8(ascii: "\\") {
        i += 1
        guard i < bytes.count else { break }
        switch bytes[i] {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var code = try hex4()
          if (0xD800..<0xDC00).contains(code) {
            guard i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "\\"), bytes[i + 2] == UInt8(ascii: "u") else {
              throw error("unpaired surrogate in \\u escape")
            }
            i += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error("invalid low surrogate in \\u escape") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let scalar = UnicodeScalar(code) else { throw error("invalid \\u escape") }
          out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default: throw error("invalid escape in a string")
        }
        i += 1
        continue
      }
      out.append(b)
      i += 1
    }
    throw error("unterminated string")
  }

  private mutating func hex4() throws(SyntaxError) -> UInt32 {
    guard i + 4 < bytes.count else { throw error("short \\u escape") }
    var v: UInt32 = 0
    for k in 1...4 {
      let c = bytes[i + k]
      let d: UInt32
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
      default: throw error("invalid hex digit in \\u escape")
      }
      v = v * 16 + d
    }
    i += 4
    return v
  }

  private mutating func number() throws(SyntaxError) -> JSONValue {
    let start = i
    func digits(_ p: inout JSONParser) -> Int {
      let s = p.i
      while p.i < p.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(p.bytes[p.i]) { p.i += 1 }
      return p.i - s
    }
    if bytes[i] == UInt8(ascii: "-") { i += 1 }
    let intStart = i
    let n = digits(&self)
    if n == 0 { throw error("expected digits in a number") }
    if n > 1 && bytes[intStart] == UInt8(ascii: "0") {
      i = intStart
      throw error("leading zero in a number")
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      i += 1
      if digits(&self) == 0 { throw error("expected digits after '.'") }
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
      if digits(&self) == 0 { throw error("expected digits in the exponent") }
    }
    let literal = String(decoding: bytes[start..<i], as: UTF8.self)
    guard let v = Double(literal), v.isFinite else { throw error("number \(literal) is out of range") }
    return .number(v, literal: literal)
  }
}
