/// Text from outside, made fit for a one-line message: controls and escape sequences escaped,
/// long values cut; and byte counts in words.
public enum Text {
  /// `value` with control characters (ESC, CR, LF, NUL, DEL, C1) written as `\u{1b}` and cut to
  /// `limit` characters with an ellipsis.
  public static func escaped(_ value: some StringProtocol, limit: Int = 200) -> String {
    var out = ""
    var count = 0
    for scalar in value.unicodeScalars {
      if count >= limit {
        out += "…"
        break
      }
      if let e = escape(scalar) { out += e } else { out.unicodeScalars.append(scalar) }
      count += 1
    }
    return out
  }

  /// `\u{1b}` for a control character (C0, DEL, C1, the line and paragraph separators), nil
  /// for any other scalar.
  public static func escape(_ scalar: Unicode.Scalar) -> String? {
    let v = scalar.value
    guard v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029 else { return nil }
    return "\\u{\(String(v, radix: 16))}"
  }

  /// `value` with every control character escaped but newlines and tabs: text for a terminal
  /// that may hold several lines (notes on stderr), where an escape sequence must not act.
  public static func printable(_ value: String) -> String {
    guard value.unicodeScalars.contains(where: { $0 != "\n" && $0 != "\t" && escape($0) != nil }) else { return value }
    var out = ""
    for scalar in value.unicodeScalars {
      if scalar != "\n" && scalar != "\t", let e = escape(scalar) { out += e } else { out.unicodeScalars.append(scalar) }
    }
    return out
  }

  /// The first control character of `value` other than a newline or a tab, if any.
  public static func firstControl(_ value: String) -> Unicode.Scalar? {
    value.unicodeScalars.first { $0 != "\n" && $0 != "\t" && escape($0) != nil }
  }

  /// A size limit as people write it: 512 bytes, 3.9 KB, 16 MB, 4 GB, in powers of 1,024 as
  /// the limits are set (`10 << 20` is "10 MB"); measured traffic uses `NumberText.bytes`.
  public static func bytes(_ n: Int) -> String {
    if n < 1024 { return "\(n) bytes" }
    let units = ["KB", "MB", "GB", "TB"]
    var value = Double(n) / 1024
    var k = 0
    while value >= 1024 && k < units.count - 1 {
      value /= 1024
      k += 1
    }
    let rounded = (value * 10).rounded() / 10
    let digits = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    return "\(digits) \(units[k])"
  }
}
