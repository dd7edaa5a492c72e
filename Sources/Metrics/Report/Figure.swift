/// One figure a report can hold, declared once: its name (what `--slo`, `--threshold`,
/// sweeps, `compare` and `diff` call it), unit, which way is better, which runs have it, and
/// how to read it from a report.
public struct Figure: Sendable {
  public enum Unit: String, Sendable {
    case milliseconds = "ms"
    case ratio = "ratio (0 to 1)"
    case count
    case usd = "USD"
    case visitsPerSecond = "visits/s"
    case gbSeconds = "GB-s"
    case environments
    case seconds = "s"
  }

  /// Which kind of run produces the figure.
  public enum Runs: String, Sendable {
    case simulate, live, both

    /// Whether a run of `mode` ("simulate" or "live") has the figure.
    public func includes(_ mode: RunMode) -> Bool {
      switch self {
      case .both: true
      case .simulate: mode == .simulate
      case .live: mode == .live
      }
    }
  }

  /// `counterApi.p99`, `errors.rate`, `cost.window.total`.
  public let name: String
  public let unit: Unit
  /// True when a smaller value is better (latency, errors, cost); false when larger is
  /// (hit ratio, checks passed); nil when neither (counts of traffic).
  public let lowerIsBetter: Bool?
  public let runs: Runs
  /// One line for `visitorsim help figures`.
  public let help: String
  /// Reads the figure; nil when the report lacks it (an older report, a part not run).
  public let read: @Sendable (RunReport) -> Double?
}

/// The two kinds of run a report comes from.
public enum RunMode: String, Sendable {
  case simulate, live

  public init?(report: RunReport) { self.init(rawValue: report.mode) }
}
