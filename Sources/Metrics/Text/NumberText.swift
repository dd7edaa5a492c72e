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
}
