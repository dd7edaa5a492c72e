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
    let v = valueText.map { " \($0)" } ?? ""
    let verdict = met ? "met" : "MISSED"
    return "\(threshold):\(v) \(verdict)" + (reason.map { " (\($0))" } ?? "")
  }

  /// The value as every report format writes it (no exponent), nil when not judged.
  public var valueText: String? { value.map { NumberText.plain($0, decimals: 4) } }
}
