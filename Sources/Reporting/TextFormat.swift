import Foundation
import Metrics

/// Small deterministic number formatting helpers for the text renderers.
enum TextFormat {
  /// 1234567 -> "1,234,567".
  static func count(_ n: UInt64) -> String { NumberText.grouped(n) }

  static func count(_ n: Int) -> String { NumberText.grouped(n) }

  static func fixed(_ x: Double, _ places: Int) -> String { String(format: "%.\(places)f", x) }

  static func percent(_ x: Double) -> String {
    if x == 0 { return "0%" }
    if x < 0.0001 { return String(format: "%.4f%%", x * 100) }
    return String(format: "%.2f%%", x * 100)
  }

  /// "$1,603.94", "-$0.12".
  static func money(_ x: Double) -> String {
    let cents = Int64((abs(x) * 100).rounded())
    return (x < 0 && cents > 0 ? "-$" : "$") + count(UInt64(cents / 100)) + String(format: ".%02lld", cents % 100)
  }

  /// Seconds as "7d", "1h", "90s", "1d 2h".
  static func duration(_ seconds: Double) -> String {
    var s = Int64(seconds.rounded())
    if s == 0 { return seconds > 0 ? String(format: "%.3fs", seconds) : "0s" }
    var parts: [String] = []
    for (unit, size) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60), ("s", 1)] where s >= size {
      parts.append("\(s / size)\(unit)")
      s %= size
    }
    return parts.joined(separator: " ")
  }

  static func pad(_ s: String, _ width: Int, right: Bool = true) -> String {
    let n = s.count
    guard n < width else { return s }
    let fill = String(repeating: " ", count: width - n)
    return right ? fill + s : s + fill
  }
}
