/// Numbers written for people without an exponent.
public enum NumberText {
  /// `x` as a whole number from 100 up (or when it is whole), else with at most `decimals`
  /// decimals and no trailing zeros: "231", "0.0125", "-3.5"; "nan" and "inf" as they are.
  public static func plain(_ x: Double, decimals: Int) -> String {
    guard x.isFinite else { return "\(x)" }
    if abs(x) >= 100 || x == x.rounded() { return String(Int64(x.rounded())) }
    var s = String(format: "%.\(decimals)f", x)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s == "-0" ? "0" : s
  }

  /// A whole number with thousands separators: 1234567 -> "1,234,567".
  public static func grouped(_ n: UInt64) -> String { group(String(n)) }

  public static func grouped(_ n: Int) -> String { n < 0 ? "-" + grouped(UInt64(n.magnitude)) : grouped(UInt64(n)) }

  /// `x` for a person: thousands separators on the whole part ("51,200", "604,800",
  /// "1,234.5"), at most `decimals` decimals without trailing zeros, never an exponent.
  public static func grouped(_ x: Double, decimals: Int = 4) -> String {
    guard x.isFinite else { return "\(x)" }
    var s = String(format: "%.\(decimals)f", abs(x))
    if s.contains(".") {
      while s.hasSuffix("0") { s.removeLast() }
      if s.hasSuffix(".") { s.removeLast() }
    }
    let parts = s.split(separator: ".", maxSplits: 1)
    var out = group(String(parts[0]))
    if parts.count == 2 { out += "." + parts[1] }
    return (x < 0 && out != "0" ? "-" : "") + out
  }

  /// Digits with a comma before every third from the right.
  static func group(_ digits: String) -> String {
    var out = ""
    for (k, c) in digits.enumerated() {
      if k > 0 && (digits.count - k) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return out
  }

  /// A byte count for a person, in the unit its size calls for (decimal, as network tools
  /// count): "512 B", "3.97 KB", "12.3 MB", "1.2 GB"; never "0.00 MB".
  public static func bytes(_ n: Double) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"]
    var value = n
    var k = 0
    while abs(value) >= 1_000 && k < units.count - 1 {
      value /= 1_000
      k += 1
    }
    if k == 0 { return "\(Int(value.rounded())) B" }
    let digits = abs(value) >= 100 ? 0 : abs(value) >= 10 ? 1 : 2
    return String(format: "%.\(digits)f \(units[k])", value)
  }
}
