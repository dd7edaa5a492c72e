/// A redirect's `Location` checked before it can become a request: only `http` and `https`
/// (or a path on the same origin), never a control character on the wire.
///
/// CR, LF, NUL, ESC and the other controls are refused (a `Location` with a bare CR would
/// otherwise become a second header line: request injection); spaces and bytes past ASCII
/// are percent-encoded as browsers send them; a scheme other than http or https (`file:`,
/// `javascript:`, `data:`) is refused, never read as a relative path.
enum RedirectLocation {
  static func check(_ location: String) -> Result<String, EventLoop.RedirectRefused> {
    if let bad = location.unicodeScalars.first(where: { LiveConfig.isControl($0) }) {
      return .failure(
        EventLoop.RedirectRefused(reason: "the Location holds a control character (U+\(hex(bad.value))): not followed"))
    }
    if let scheme = scheme(of: location), scheme != "http", scheme != "https" {
      return .failure(EventLoop.RedirectRefused(reason: "a \(scheme): Location is not followed (only http and https)"))
    }
    var out = ""
    for byte in location.utf8 {
      if byte == 0x20 || byte > 0x7E {
        out += "%" + hex(UInt32(byte), width: 2)
      } else {
        out.unicodeScalars.append(Unicode.Scalar(byte))
      }
    }
    return .success(out)
  }

  /// The URL's scheme, lowercased (RFC 3986: a letter, then letters, digits, +, - or .,
  /// before the first colon), or nil for a relative reference.
  static func scheme(of s: String) -> String? {
    guard let colon = s.firstIndex(of: ":") else { return nil }
    let candidate = s[..<colon]
    guard let first = candidate.unicodeScalars.first, isLetter(first),
      candidate.unicodeScalars.allSatisfy({ isLetter($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0) })
    else { return nil }
    return candidate.lowercased()
  }

  /// The text with controls written as `\u{1B}`, cut at 200 characters: a server's bytes
  /// must not reach a terminal as escape sequences.
  static func printable(_ s: String) -> String {
    var out = ""
    for c in s.unicodeScalars.prefix(200) {
      if LiveConfig.isControl(c) { out += "\\u{\(hex(c.value, width: 2))}" } else { out.unicodeScalars.append(c) }
    }
    return s.unicodeScalars.count > 200 ? out + "..." : out
  }

  static func isLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }

  static func hex(_ v: UInt32, width: Int = 4) -> String {
    var s = String(v, radix: 16, uppercase: true)
    while s.count < width { s = "0" + s }
    return s
  }
}
