/// The checks a live run made on its responses (`live --check`), as k6 counts them: each check
/// passes or fails once per response of its stage (a request that got no response fails it).
///
/// In JSON: `checks.rate` (passes over all evaluations, the figure thresholds use:
/// `checks.rate>=0.99`), `checks.passes`, `checks.fails`, and each check with its stage, counts
/// and the first failure's reason.
public struct CheckStats: Codable, Sendable, Equatable {
  public struct Check: Codable, Sendable, Equatable {
    /// As given: `counterApi.json.count>0`.
    public var check: String
    /// The stage whose responses it judges: page, asset, preflight or counterApi.
    public var stage: String
    public var passes: UInt64
    public var fails: UInt64
    /// Why it failed the first time (`got 0`, `the body is not JSON`, `no response: timeout`).
    public var firstFailure: String?

    public init(check: String, stage: String, passes: UInt64 = 0, fails: UInt64 = 0, firstFailure: String? = nil) {
      self.check = check
      self.stage = stage
      self.passes = passes
      self.fails = fails
      self.firstFailure = firstFailure
    }
  }

  public var checks: [Check]
  public var passes: UInt64
  public var fails: UInt64
  /// Passes over all evaluations (1 when nothing was evaluated).
  public var rate: Double

  public init(_ checks: [Check]) {
    self.checks = checks
    passes = checks.reduce(0) { $0 + $1.passes }
    fails = checks.reduce(0) { $0 + $1.fails }
    rate = passes + fails == 0 ? 1 : Double(passes) / Double(passes + fails)
  }

  /// Two runs' counts of the same checks together (a check only one run made is kept as it is).
  /// A check given twice is two checks: the n-th of a text adds to the n-th of the same text.
  public func adding(_ o: CheckStats) -> CheckStats {
    var merged = checks
    var seen: [String: Int] = [:]
    for c in o.checks {
      let n = seen[c.check, default: 0]
      seen[c.check] = n + 1
      let same = merged.indices.filter { merged[$0].check == c.check }
      guard n < same.count else {
        merged.append(c)
        continue
      }
      merged[same[n]].passes += c.passes
      merged[same[n]].fails += c.fails
      merged[same[n]].firstFailure = merged[same[n]].firstFailure ?? c.firstFailure
    }
    return CheckStats(merged)
  }
}
