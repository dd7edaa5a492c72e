/// What a run said of one threshold (`live --threshold`): met, missed, or not judged and why.
public struct ThresholdVerdict: Codable, Sendable, Equatable {
  /// As the user wrote it: `counterApi.p99<=800ms`.
  public var threshold: String
  /// The figure's value; nil when the run could not judge it.
  public var value: Double?
  /// True met, false missed (a threshold that could not be judged is missed).
  public var met: Bool
  /// Why it could not be judged (`no check ran`), nil when it was.
  public var reason: String?

  public init(threshold: String, value: Double?, met: Bool, reason: String? = nil) {
    self.threshold = threshold
    self.value = value
    self.met = met
    self.reason = reason
  }

  /// "counterApi.p99<=800ms: 231.4, met", "checks.rate>=0.99: MISSED (no check ran)".
  public var sentence: String {
    let v = value.map { " \(Self.number($0))" } ?? ""
    let verdict = met ? "met" : "MISSED"
    return "\(threshold):\(v) \(verdict)" + (reason.map { " (\($0))" } ?? "")
  }

  static func number(_ x: Double) -> String {
    guard x.isFinite else { return "\(x)" }
    if abs(x) >= 100 || x == x.rounded() { return String(Int64(x.rounded())) }
    var s = String(Int64((abs(x) * 10_000).rounded()))
    while s.count < 5 { s = "0" + s }
    var t = (x < 0 ? "-" : "") + String(s.dropLast(4)) + "." + String(s.suffix(4))
    while t.hasSuffix("0") { t.removeLast() }
    return t.hasSuffix(".") ? String(t.dropLast()) : t
  }
}
