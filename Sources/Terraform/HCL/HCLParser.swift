/// Reads HCL's native syntax (Terraform's `.tf` and `.tfvars` files) into bodies, blocks and
/// expressions: attributes and blocks, strings with `${...}` interpolation, heredocs (`<<EOT`,
/// `<<-EOT`), numbers, booleans, null, tuples, objects, function calls, operators, conditionals,
/// traversals, and the three comment styles (`#`, `//`, `/* */`). `for` expressions and
/// template directives are recognised and skipped (their values are unknown here).
///
/// Errors name `file:line:column` and what was expected.
public struct HCLParser {
  public struct SyntaxError: Error, Sendable, CustomStringConvertible {
    public var position: HCLPosition
    public var message: String
    public var description: String { "\(position): \(message)" }
  }

  let bytes: [UInt8]
  let file: String
  var i = 0
  let lineStarts: [Int]
  /// Line and column of bytes[0] in the file (heredoc contents are parsed on their own).
  let lineOffset: Int
  /// How deep the blocks, brackets and expressions being read are nested: bounded, so a
  /// generated file of 10,000 nested blocks is an error, not a stack overflow.
  var depth = 0
  static let deepest = 200

  mutating func descend() throws(SyntaxError) {
    depth += 1
    if depth > Self.deepest {
      throw fail("nested more than \(Self.deepest) deep (blocks, brackets, operators or expressions): not read")
    }
  }

  init(bytes: [UInt8], file: String, lineOffset: Int = 0) {
    self.bytes = bytes
    self.file = file
    self.lineOffset = lineOffset
    var starts = [0]
    for (k, b) in bytes.enumerated() where b == 10 { starts.append(k + 1) }
    lineStarts = starts
  }

  /// A whole file.
  /// A whole text as a template (a `templatefile` file): text and `${...}` interpolations.
  static func template(_ text: String, file: String) throws(SyntaxError) -> HCLExpression {
    var p = HCLParser(bytes: Array(text.utf8), file: file)
    return .template(try p.templateParts(quoted: false), p.position(0))
  }

  public static func parse(_ text: String, file: String) throws(SyntaxError) -> HCLBody {
    var p = HCLParser(bytes: Array(text.utf8), file: file)
    return try p.body(closing: nil)
  }

  // MARK: Positions and characters

  func position(_ at: Int) -> HCLPosition {
    var lo = 0
    var hi = lineStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if lineStarts[mid] <= at { lo = mid } else { hi = mid - 1 }
    }
    return HCLPosition(file: file, line: lo + 1 + lineOffset, column: at - lineStarts[lo] + 1)
  }

  var here: HCLPosition { position(i) }

  func fail(_ message: String, at: Int? = nil) -> SyntaxError {
    SyntaxError(position: position(at ?? i), message: message)
  }

  var atEnd: Bool { i >= bytes.count }
  func peek(_ k: Int = 0) -> UInt8? { i + k < bytes.count ? bytes[i + k] : nil }

  static func isIdentifierStart(_ c: UInt8) -> Bool {
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c >= 0x80
  }
  static func isIdentifierPart(_ c: UInt8) -> Bool { isIdentifierStart(c) || (c >= 48 && c <= 57) || c == 45 }
  static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

  /// Skips spaces and comments, and newlines too when `newlines`. A line comment stops before
  /// its newline when newlines matter.
  mutating func skip(newlines: Bool) throws(SyntaxError) {
    while let c = peek() {
      if c == 32 || c == 9 || c == 13 {
        i += 1
      } else if c == 10 {
        guard newlines else { return }
        i += 1
      } else if c == 35 || (c == 47 && peek(1) == 47) {
        while let d = peek(), d != 10 { i += 1 }
      } else if c == 47 && peek(1) == 42 {
        let start = i
        i += 2
        while !(peek() == 42 && peek(1) == 47) {
          guard !atEnd else { throw fail("a /* comment is not closed", at: start) }
          i += 1
        }
        i += 2
      } else {
        return
      }
    }
  }

  mutating func identifier() -> String? {
    guard let c = peek(), Self.isIdentifierStart(c) else { return nil }
    let start = i
    while let d = peek(), Self.isIdentifierPart(d) { i += 1 }
    // Provider-defined functions: provider::aws::arn_parse.
    while peek() == 58 && peek(1) == 58, let d = peek(2), Self.isIdentifierStart(d) {
      i += 2
      while let e = peek(), Self.isIdentifierPart(e) { i += 1 }
    }
    return String(decoding: bytes[start..<i], as: UTF8.self)
  }

  mutating func expect(_ c: UInt8, _ what: String) throws(SyntaxError) {
    guard peek() == c else {
      throw fail(
        "expected \(what), found \(peek().map { "\"\(String(decoding: [$0], as: UTF8.self))\"" } ?? "the end of the file")"
      )
    }
    i += 1
  }

  // MARK: Bodies

  mutating func body(closing: UInt8?) throws(SyntaxError) -> HCLBody {
    try descend()
    defer { depth -= 1 }
    var body = HCLBody()
    while true {
      try skip(newlines: true)
      guard let c = peek() else {
        if closing != nil { throw fail("a block is not closed: expected \"}\"") }
        return body
      }
      if c == closing {
        i += 1
        return body
      }
      let start = i
      guard let name = identifier() else {
        throw fail("expected an attribute name or a block type, found \"\(String(decoding: [c], as: UTF8.self))\"")
      }
      try skip(newlines: false)
      if peek() == 61 && peek(1) != 61 {
        i += 1
        let value = try expression(nested: false)
        body.attributes.append(HCLBody.Attribute(name: name, value: value, position: position(start)))
        try skip(newlines: false)
        guard atEnd || peek() == 10 || peek() == closing else {
          throw fail("expected a new line after the attribute \(name)")
        }
        continue
      }
      var labels: [String] = []
      while let d = peek(), d != 123 {
        if d == 34 {
          let labelStart = i
          guard case .template(let parts, _) = try quotedTemplate(),
            parts.allSatisfy({ if case .text = $0 { true } else { false } })
          else { throw fail("a block label cannot hold an interpolation", at: labelStart) }
          labels.append(parts.map { if case .text(let t) = $0 { t } else { "" } }.joined())
        } else if let label = identifier() {
          labels.append(label)
        } else {
          throw fail("expected \"=\" after \(name), or a block's labels and \"{\"")
        }
        try skip(newlines: false)
      }
      try expect(123, "\"{\"")
      let inner = try self.body(closing: 125)
      body.blocks.append(HCLBlock(type: name, labels: labels, body: inner, position: position(start)))
    }
  }

  // MARK: Expressions

  /// `nested`: inside brackets, where newlines are spaces.
  mutating func expression(nested: Bool) throws(SyntaxError) -> HCLExpression {
    try descend()
    defer { depth -= 1 }
    let start = i
    let condition = try binary(nested: nested, level: 0)
    try skip(newlines: nested)
    guard peek() == 63 else { return condition }
    i += 1
    try skip(newlines: nested)
    let then = try expression(nested: nested)
    try skip(newlines: nested)
    try expect(58, "\":\" of a conditional")
    try skip(newlines: nested)
    let otherwise = try expression(nested: nested)
    return .conditional(condition, then, otherwise, position(start))
  }

  static let levels: [[String]] = [
    ["||"], ["&&"], ["==", "!="], ["<=", ">=", "<", ">"], ["+", "-"], ["*", "/", "%"],
  ]

  mutating func binary(nested: Bool, level: Int) throws(SyntaxError) -> HCLExpression {
    guard level < Self.levels.count else { return try unary(nested: nested) }
    let start = i
    var left = try binary(nested: nested, level: level + 1)
    // Each operator makes the tree one deeper (`1 + 1 + ...` leans left): counted as nesting,
    // so a generated chain of 100,000 terms is an error, not a stack overflow in its release.
    let entered = depth
    defer { depth = entered }
    while true {
      try skip(newlines: nested)
      guard let op = Self.levels[level].first(where: { matches($0) }) else { return left }
      // `=>` and `==` are not `=`-something here; `<<` starts a heredoc, not an operator.
      if op == "<" && peek(1) == 60 { return left }
      try descend()
      i += op.utf8.count
      try skip(newlines: nested)
      let right = try binary(nested: nested, level: level + 1)
      left = .binary(op, left, right, position(start))
    }
  }

  func matches(_ op: String) -> Bool {
    for (k, b) in op.utf8.enumerated() where peek(k) != b { return false }
    // `=` alone after `<`/`>` is part of the operator; a lone `=` or `=>` is not an operator.
    if op == "<" || op == ">" { return peek(1) != 61 }
    return true
  }

  /// `!x` and `-x` (a `-` before a digit is the number's sign).
  mutating func unary(nested: Bool) throws(SyntaxError) -> HCLExpression {
    try skip(newlines: nested)
    let start = i
    if peek() == 33 || (peek() == 45 && !(peek(1).map(Self.isDigit) ?? false)) {
      let op = peek() == 33 ? "!" : "-"
      try descend()
      defer { depth -= 1 }
      i += 1
      try skip(newlines: nested)
      return .unary(op, try unary(nested: nested), position(start))
    }
    return try postfix(nested: nested)
  }

  mutating func postfix(nested: Bool) throws(SyntaxError) -> HCLExpression {
    let start = i
    let base = try primary(nested: nested)
    var steps: [HCLExpression.Step] = []
    while true {
      let save = i
      try skip(newlines: nested)
      if peek() == 46 && peek(1) == 46 {
        // `...`: a for expression's grouping or a call's expansion, not an attribute.
        i = save
        break
      }
      if peek() == 46 {
        i += 1
        if peek() == 42 {
          i += 1
          steps.append(.splat)
        } else if let name = identifier() {
          steps.append(.attribute(name))
        } else if let d = peek(), Self.isDigit(d) {
          let s = i
          while let e = peek(), Self.isDigit(e) { i += 1 }
          steps.append(.index(.literal(.number(Double(String(decoding: bytes[s..<i], as: UTF8.self))!), position(s))))
        } else {
          throw fail("expected an attribute name after \".\"")
        }
      } else if peek() == 91 {
        i += 1
        try skip(newlines: true)
        if peek() == 42 {
          i += 1
          try skip(newlines: true)
          try expect(93, "\"]\" after [*")
          steps.append(.splat)
        } else {
          let index = try expression(nested: true)
          try skip(newlines: true)
          try expect(93, "\"]\"")
          steps.append(.index(index))
        }
      } else {
        i = save
        break
      }
    }
    if steps.isEmpty { return base }
    if case .traversal(let inner, let first, _) = base { return .traversal(inner, first + steps, position(start)) }
    return .traversal(base, steps, position(start))
  }

  mutating func primary(nested: Bool) throws(SyntaxError) -> HCLExpression {
    try skip(newlines: nested)
    let start = i
    guard let c = peek() else { throw fail("expected an expression, found the end of the file") }
    if Self.isDigit(c) || (c == 45 && (peek(1).map(Self.isDigit) ?? false)) { return try number() }
    if c == 34 { return try quotedTemplate() }
    if c == 60 && peek(1) == 60 { return try heredoc() }
    if c == 40 {
      i += 1
      let inner = try expression(nested: true)
      try skip(newlines: true)
      try expect(41, "\")\"")
      return inner
    }
    if c == 91 || c == 123 {
      i += 1
      try skip(newlines: true)
      let save = i
      if identifier() == "for", let d = peek(), d == 32 || d == 9 || d == 10 {
        return try forClause(object: c == 123, start: start)
      }
      i = save
      return c == 91 ? try tuple(start) : try object(start)
    }
    if let name = identifier() {
      switch name {
      case "true": return .literal(.bool(true), position(start))
      case "false": return .literal(.bool(false), position(start))
      case "null": return .literal(.null, position(start))
      default: break
      }
      if peek() == 40 {
        i += 1
        var args: [HCLExpression] = []
        try skip(newlines: true)
        while peek() != 41 {
          args.append(try expression(nested: true))
          try skip(newlines: true)
          if peek() == 46 && peek(1) == 46 && peek(2) == 46 {
            i += 3
            try skip(newlines: true)
          }
          if peek() == 44 {
            i += 1
            try skip(newlines: true)
          } else if peek() != 41 {
            throw fail("expected \",\" or \")\" in the arguments of \(name)")
          }
        }
        i += 1
        return .call(name, args, position(start))
      }
      return .variable(name, position(start))
    }
    if c == 10 { throw fail("expected an expression, found the end of the line") }
    throw fail("expected an expression, found \"\(String(decoding: [c], as: UTF8.self))\"")
  }

  mutating func number() throws(SyntaxError) -> HCLExpression {
    let start = i
    if peek() == 45 { i += 1 }
    while let d = peek(), Self.isDigit(d) { i += 1 }
    if peek() == 46, let d = peek(1), Self.isDigit(d) {
      i += 1
      while let e = peek(), Self.isDigit(e) { i += 1 }
    }
    if peek() == 101 || peek() == 69 {
      i += 1
      if peek() == 43 || peek() == 45 { i += 1 }
      while let e = peek(), Self.isDigit(e) { i += 1 }
    }
    let text = String(decoding: bytes[start..<i], as: UTF8.self)
    guard let x = Double(text) else { throw fail("\"\(text)\" is not a number", at: start) }
    return .literal(.number(x), position(start))
  }

  mutating func tuple(_ start: Int) throws(SyntaxError) -> HCLExpression {
    var items: [HCLExpression] = []
    while true {
      try skip(newlines: true)
      if peek() == 93 {
        i += 1
        return .tuple(items, position(start))
      }
      items.append(try expression(nested: true))
      try skip(newlines: true)
      if peek() == 44 {
        i += 1
      } else if peek() != 93 {
        throw fail("expected \",\" or \"]\" in a list")
      }
    }
  }

  /// `{ key = value ... }`: items end at a newline or a comma (newlines separate items here,
  /// unlike in a list or a call).
  mutating func object(_ start: Int) throws(SyntaxError) -> HCLExpression {
    var items: [(key: HCLExpression, value: HCLExpression)] = []
    while true {
      try skip(newlines: true)
      if peek() == 125 {
        i += 1
        return .object(items, position(start))
      }
      let keyStart = i
      var key: HCLExpression
      if let c = peek(), Self.isIdentifierStart(c) {
        let name = identifier()!
        try skip(newlines: false)
        if peek() == 61 || peek() == 58 {
          key = .literal(.string(name), position(keyStart))
        } else {
          i = keyStart
          key = try expression(nested: false)
        }
      } else {
        key = try expression(nested: false)
      }
      try skip(newlines: false)
      guard (peek() == 61 && peek(1) != 61) || peek() == 58 else {
        throw fail("expected \"=\" or \":\" after an object key")
      }
      i += 1
      let value = try expression(nested: false)
      items.append((key, value))
      try skip(newlines: false)
      if peek() == 44 {
        i += 1
        continue
      }
      guard peek() == 10 || peek() == 125 else {
        throw fail("expected a new line, \",\" or \"}\" after an object item")
      }
    }
  }

  /// The rest of `[for ...]` or `{for ...}` after the word `for`.
  mutating func forClause(object: Bool, start: Int) throws(SyntaxError) -> HCLExpression {
    try descend()
    defer { depth -= 1 }
    try skip(newlines: true)
    guard let first = identifier() else { throw fail("expected a name after for") }
    try skip(newlines: true)
    var keyName: String?
    var valueName = first
    if peek() == 44 {
      i += 1
      try skip(newlines: true)
      guard let second = identifier() else { throw fail("expected a second name after \",\" in a for expression") }
      keyName = first
      valueName = second
      try skip(newlines: true)
    }
    guard identifier() == "in" else { throw fail("expected in after the names of a for expression") }
    let collection = try expression(nested: true)
    try skip(newlines: true)
    try expect(58, "\":\" in a for expression")
    var key: HCLExpression?
    if object {
      key = try expression(nested: true)
      try skip(newlines: true)
      guard peek() == 61 && peek(1) == 62 else { throw fail("expected => in a for expression over an object") }
      i += 2
    }
    let value = try expression(nested: true)
    try skip(newlines: true)
    var grouping = false
    if peek() == 46 && peek(1) == 46 && peek(2) == 46 {
      i += 3
      grouping = true
      try skip(newlines: true)
    }
    var condition: HCLExpression?
    let save = i
    if identifier() == "if" {
      condition = try expression(nested: true)
      try skip(newlines: true)
    } else {
      i = save
    }
    try expect(object ? 125 : 93, object ? "\"}\" closing the for expression" : "\"]\" closing the for expression")
    return .forExpression(
      ForClause(
        keyName: keyName, valueName: valueName, collection: collection, key: key, value: value, condition: condition,
        grouping: grouping), position(start))
  }

  /// Skips a bracketed construct (a `for` expression), strings and nesting included.
  mutating func skipBalanced() throws(SyntaxError) {
    let start = i
    var depth = 0
    repeat {
      guard let c = peek() else { throw fail("a bracket is not closed", at: start) }
      if c == 34 {
        _ = try quotedTemplate()
        continue
      }
      if c == 91 || c == 123 || c == 40 { depth += 1 }
      if c == 93 || c == 125 || c == 41 { depth -= 1 }
      i += 1
    } while depth > 0
  }

  // MARK: Templates

  mutating func quotedTemplate() throws(SyntaxError) -> HCLExpression {
    let start = i
    i += 1
    let parts = try templateParts(quoted: true)
    return .template(parts, position(start))
  }

  /// Template parts up to the closing quote (`quoted`) or the end of the bytes (a heredoc).
  mutating func templateParts(quoted: Bool) throws(SyntaxError) -> [HCLExpression.TemplatePart] {
    var parts: [HCLExpression.TemplatePart] = []
    var text: [UInt8] = []
    func flush() {
      if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))) }
      text.removeAll()
    }
    while true {
      guard let c = peek() else {
        if quoted { throw fail("a string is not closed") }
        flush()
        return parts
      }
      if quoted && c == 34 {
        i += 1
        flush()
        return parts
      }
      if quoted && c == 10 { throw fail("a quoted string cannot span lines (use a heredoc)") }
      if quoted && c == 92 {
        i += 1
        guard let e = peek() else { throw fail("a string is not closed") }
        i += 1
        switch e {
        case 110: text.append(10)
        case 116: text.append(9)
        case 114: text.append(13)
        case 34: text.append(34)
        case 92: text.append(92)
        case 117, 85:
          let count = e == 117 ? 4 : 8
          guard i + count <= bytes.count,
            let code = UInt32(String(decoding: bytes[i..<(i + count)], as: UTF8.self), radix: 16),
            let scalar = Unicode.Scalar(code)
          else { throw fail("a \\u escape needs \(count) hex digits") }
          text.append(contentsOf: Array(String(Character(scalar)).utf8))
          i += count
        default: throw fail("\"\\\(String(decoding: [e], as: UTF8.self))\" is not an escape HCL knows")
        }
        continue
      }
      if (c == 36 || c == 37) && peek(1) == c && peek(2) == 123 {
        // $${ and %%{ are the literal text ${ and %{.
        text.append(contentsOf: [c, 123])
        i += 3
        continue
      }
      if c == 36 && peek(1) == 123 {
        flush()
        i += 2
        if peek() == 126 { i += 1 }
        let inner = try expression(nested: true)
        try skip(newlines: true)
        if peek() == 126 { i += 1 }
        try expect(125, "\"}\" closing the interpolation")
        parts.append(.interpolation(inner))
        continue
      }
      if c == 37 && peek(1) == 123 {
        flush()
        i += 2
        while let d = peek(), d != 125 { i += 1 }
        try expect(125, "\"}\" closing the template directive")
        parts.append(.directive)
        continue
      }
      text.append(c)
      i += 1
    }
  }

  /// `<<EOT` or `<<-EOT` (indentation stripped), up to a line holding only the marker.
  mutating func heredoc() throws(SyntaxError) -> HCLExpression {
    let start = i
    i += 2
    let strip = peek() == 45
    if strip { i += 1 }
    guard let marker = identifier() else { throw fail("expected a heredoc marker after <<") }
    while let c = peek(), c != 10 { i += 1 }
    i += 1
    let contentStart = i
    var lines: [ArraySlice<UInt8>] = []
    while true {
      guard !atEnd else { throw fail("the heredoc \(marker) is not closed", at: start) }
      var end = i
      while end < bytes.count && bytes[end] != 10 { end += 1 }
      let line = bytes[i..<end]
      let trimmed = String(decoding: line, as: UTF8.self).trimmingSpaces
      i = min(end + 1, bytes.count)
      if trimmed == marker {
        if end < bytes.count { i = end }
        break
      }
      lines.append(line)
    }
    if strip {
      let indents = lines.filter { !$0.allSatisfy { $0 == 32 || $0 == 9 } }.map {
        $0.prefix { $0 == 32 || $0 == 9 }.count
      }
      let cut = indents.min() ?? 0
      lines = lines.map { $0.count >= cut ? $0.dropFirst(cut) : $0[$0.endIndex...] }
    }
    var content: [UInt8] = []
    for l in lines {
      content += l
      content.append(10)
    }
    var inner = HCLParser(bytes: content, file: file, lineOffset: position(contentStart).line - 1)
    return .template(try inner.templateParts(quoted: false), position(start))
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
    return String(s)
  }
}
