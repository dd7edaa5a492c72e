/// A bound on one report figure: `counterApi.p99<=800ms`, `errors.rate<=0.1%`,
/// `lambda.coldStartRatio<0.05`. Used for capacity-planning SLOs and CI thresholds.
///
/// Latency figures are in milliseconds; a value may carry `ms`, `s` or `%` (percent of 1).
public struct Objective: Sendable, Equatable, CustomStringConvertible {
  public enum Comparison: String, Sendable, CaseIterable {
    case lessOrEqual = "<="
    case less = "<"
    case greaterOrEqual = ">="
    case greater = ">"

    func holds(_ value: Double, _ limit: Double) -> Bool {
      switch self {
      case .lessOrEqual: value <= limit
      case .less: value < limit
      case .greaterOrEqual: value >= limit
      case .greater: value > limit
      }
    }

    /// Whether larger values are worse (an upper bound).
    public var isUpperBound: Bool { self == .lessOrEqual || self == .less }
  }

  public var metric: String
  public var comparison: Comparison
  public var limit: Double
  /// The text as the user wrote it.
  public var text: String

  /// Parses `METRIC OP VALUE[unit]`; the error is one line naming the problem.
  public init(parsing text: String) throws(ObjectiveError) {
    self.text = text
    let compact = text.filter { !$0.isWhitespace }
    // Two-character operators first, so "<=" is not read as "<".
    guard
      let op = [Comparison.lessOrEqual, .greaterOrEqual, .less, .greater].first(where: { compact.contains($0.rawValue) }
      ),
      let range = compact.range(of: op.rawValue)
    else {
      throw ObjectiveError("\"\(text)\" has no comparison: write e.g. counterApi.p99<=800ms or errors.rate<=0.001")
    }
    metric = String(compact[..<range.lowerBound])
    comparison = op
    var value = String(compact[range.upperBound...])
    var scale = 1.0
    if value.hasSuffix("ms") {
      value.removeLast(2)
    } else if value.hasSuffix("%") {
      value.removeLast()
      scale = 0.01
    } else if value.hasSuffix("s") {
      value.removeLast()
      scale = 1_000
    }
    guard !metric.isEmpty else { throw ObjectiveError("\"\(text)\" names no figure before \(op.rawValue)") }
    guard let x = Double(value), x.isFinite else { throw ObjectiveError("\"\(text)\": \"\(value)\" is not a number") }
    limit = x * scale
  }

  /// The figure's value in `report`, or nil when the report has no such figure.
  public func value(in report: RunReport) -> Double? { report.metric(metric) }

  /// Whether `value` meets the objective.
  public func isMet(by value: Double) -> Bool { comparison.holds(value, limit) }

  /// What a finished run says of the objective.
  public enum Verdict: Equatable, Sendable {
    case met(Double)
    case missed(Double)
    /// The report has no such figure (a typo, or a figure this kind of run cannot have).
    case noFigure
  }

  /// Judges `report` against the objective: one rule for sweeps and live thresholds.
  public func judge(_ report: RunReport) -> Verdict {
    guard let v = value(in: report) else { return .noFigure }
    return isMet(by: v) ? .met(v) : .missed(v)
  }

  public var description: String { text }
}
