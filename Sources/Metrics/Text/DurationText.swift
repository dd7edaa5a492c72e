import Foundation

/// Durations written as text.
public enum DurationText {
  /// Seconds in "500ms", "90s", "10m", "24h", "30d", "1w", compounds such as "1d13h" or
  /// "1h30m", or a bare number of seconds; nil otherwise.
  public static func seconds(_ text: String) -> Double? {
    let s = text.trimmingCharacters(in: .whitespaces)
    if let x = Double(s), x.isFinite { return x }
    let units: [String: Double] = ["ms": 0.001, "s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]
    var total = 0.0
    var rest = Substring(s)
    guard !rest.isEmpty else { return nil }
    while !rest.isEmpty {
      let number = rest.prefix { $0.isNumber || $0 == "." }
      let unit = rest.dropFirst(number.count).prefix { $0.isLetter }
      guard let x = Double(number), let scale = units[String(unit)] else { return nil }
      total += x * scale
      rest = rest.dropFirst(number.count + unit.count)
    }
    return total.isFinite ? total : nil
  }

  /// Seconds as people read them: "45 s", "12 min", "1 h 5 min", "2 d 3 h".
  public static func words(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    if s < 60 { return "\(max(0, s)) s" }
    if s < 3_600 { return "\(s / 60) min" + (s % 60 > 0 ? " \(s % 60) s" : "") }
    if s < 86_400 { return "\(s / 3_600) h" + (s % 3_600 / 60 > 0 ? " \(s % 3_600 / 60) min" : "") }
    return "\(s / 86_400) d" + (s % 86_400 / 3_600 > 0 ? " \(s % 86_400 / 3_600) h" : "")
  }
}
