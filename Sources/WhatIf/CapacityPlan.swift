import Foundation
import Metrics
import Pricing
import ScenarioModel
import Simulation

/// Finds the largest multiplier of a scenario's traffic that still meets every objective, and
/// which component gives way first.
///
/// Bracketing doubles the load from 1x until an objective fails (or halves it while 1x fails),
/// then bisection narrows the gap to `tolerance`. Each load runs `replications` seeds; a load
/// passes only if every objective holds with the 95% confidence margin on the bad side, so
/// one lucky seed cannot fake a pass.
public struct CapacityPlan: Sendable {
  public var objectives: [Objective]
  public var replications: Int
  /// Relative width of the final bracket.
  public var tolerance: Double
  /// How each load is simulated.
  public var window: Window
  /// Called after each load is judged (from the calling thread), with the loads tried so far.
  public var progress: (@Sendable (Step, Int) -> Void)?

  /// How each load is simulated.
  public enum Window: String, Codable, Sendable {
    /// A steady window at that load (no daily cycle, no spikes), long enough for the
    /// objectives: at least 100 samples past each percentile (10,000 calls for a p99,
    /// 100,000 for a p99.9) and 10,000 requests for a rate.
    case steady
    /// The scenario's own window, daily cycle and spikes included, scaled.
    case scenario
  }

  public init(
    objectives: [Objective], replications: Int = 3, tolerance: Double = 0.02, window: Window = .steady,
    progress: (@Sendable (Step, Int) -> Void)? = nil
  ) {
    self.objectives = objectives
    self.replications = max(1, replications)
    self.tolerance = tolerance
    self.window = window
    self.progress = progress
  }

  /// One evaluated load.
  public struct Step: Codable, Sendable, Equatable {
    public var multiplier: Double
    public var visitsPerSecond: Double
    public var passed: Bool
    /// Each objective's figure at this load (mean over replications) with its margin.
    public var figures: [String: Double]
    public var margins: [String: Double]
    /// For each percentile objective, the samples its stage had (all replications together).
    public var samples: [String: UInt64]?
    /// The simulated window, in seconds (each replication).
    public var windowSeconds: Double?
  }

  public struct Result: Codable, Sendable, Equatable {
    /// The largest passing multiplier (0 when even the smallest load tried fails).
    public var multiplier: Double
    public var visitsPerSecond: Double
    public var visitsPerMonth: Double
    /// The smallest failing multiplier found.
    public var failingMultiplier: Double?
    /// What gives way first, in words, and its short name.
    public var bottleneck: String
    public var bottleneckComponent: String
    public var steps: [Step]
    /// The report at the largest passing load (with its bill).
    public var report: RunReport?
    /// How each load was simulated.
    public var window: Window?
    /// Each limited resource's use at today's load (1x) and at the largest passing load.
    public var headroomToday: Headroom?
    public var headroomAtLargest: Headroom?
    /// The resource closest to its limit at the largest passing load: the first to saturate
    /// as load grows, even when every objective still passes.
    public var saturatesFirst: String?
    /// When today's load (1x) already fails: which objectives, by how much.
    public var todayFails: String?
  }

  public func run(_ base: Scenario, prices: PriceTable, maxMultiplier: Double = 1e6) throws(ScenarioError) -> Result {
    var steps: [Step] = []
    var reports: [Double: (RunReport, Scenario)] = [:]
    func evaluate(_ m: Double) throws(ScenarioError) -> Bool {
      let s = scenario(base, multiplier: m)
      let (passed, report, step) = try check(s, multiplier: m, prices: prices)
      steps.append(step)
      reports[m] = (report, s)
      progress?(step, steps.count)
      return passed
    }
    var low = 0.0
    var high: Double?
    var m = 1.0
    // Never past the load the simulator's work limits accept (`ScenarioLimits`).
    // A steady window shrinks as the load grows (it is sized by samples, not time), so only the
    // peak rate bounds it; the scenario's own window is bounded by every work limit.
    let steadyRate = scenario(base, multiplier: 1).workload.visitsPerSecond
    let maxMultiplier =
      window == .steady && base.workload.process != .trace && steadyRate > 0
      ? min(maxMultiplier, ScenarioLimits.peakVisitsPerSecond / steadyRate)
      : min(maxMultiplier, scenario(base, multiplier: 1).largestLoadMultiplier)
    if try evaluate(m) {
      low = m
      while m < maxMultiplier {
        m = min(m * 2, maxMultiplier)
        if try evaluate(m) {
          low = m
        } else {
          high = m
          break
        }
      }
    } else {
      high = m
      while m > 1e-4 {
        m /= 2
        if try evaluate(m) {
          low = m
          break
        } else {
          high = m
        }
      }
    }
    if var hi = high, low > 0 {
      while (hi - low) / low > tolerance {
        let mid = (low + hi) / 2
        if try evaluate(mid) { low = mid } else { hi = mid }
      }
      high = hi
    }
    let failing = high.flatMap { reports[$0]?.0 }
    let passing = low > 0 ? reports[low] : nil
    let (component, words) = Self.bottleneck(passing: passing?.0, failing: failing)
    let rate = base.workload.visitsPerSecond * low
    var result = Result(
      multiplier: low, visitsPerSecond: rate, visitsPerMonth: rate * base.pricing.monthSeconds, failingMultiplier: high,
      bottleneck: words, bottleneckComponent: component, steps: steps, report: passing?.0)
    result.window = window
    if let (r, s) = reports[1] { result.headroomToday = Headroom.measure(r, scenario: s, multiplier: 1) }
    if let (r, s) = passing {
      let h = Headroom.measure(r, scenario: s, multiplier: low)
      result.headroomAtLargest = h
      if let t = h.tightest {
        result.saturatesFirst =
          t.proportional && t.share > 0
          ? "\(t.name): \(Self.percentText(t.share)) of its limit at \(Self.number(low))x, so it saturates near \(Self.number(low / t.share))x if use grows with load"
          : "\(t.name): \(Self.percentText(t.share)) of its limit at \(Self.number(low))x"
      }
    }
    if let today = steps.first(where: { $0.multiplier == 1 }), !today.passed {
      let missed = objectives.compactMap { o -> String? in
        guard let v = today.figures[o.text] else { return nil }
        let margin = today.margins[o.text] ?? 0
        let judged = o.comparison.isUpperBound ? v + margin : v - margin
        guard !o.isMet(by: judged) else { return nil }
        return "\(o.metric) is \(Self.number(v)) (worse end of its interval \(Self.number(judged))) against \(o.comparison.rawValue) \(Self.number(o.limit))"
      }
      result.todayFails =
        "today's load (1x) already fails: \(missed.joined(separator: "; ")); the plan searched below 1x"
    }
    return result
  }

  /// The scenario of one load: the traffic multiplied and, for a steady window, the daily
  /// cycle and spikes removed and the window sized for the objectives.
  public func scenario(_ base: Scenario, multiplier m: Double) -> Scenario {
    var s = base
    s.workload.scaleLoad(by: m)
    guard window == .steady, s.workload.process != .trace else { return s }
    s.workload.diurnal = nil
    s.workload.spikes = []
    let rate = s.workload.visitsPerSecond
    guard rate > 0 else { return s }
    // At least 30 s, so that a plan whose objectives never fail climbs to the simulator's
    // limit in seconds, not hours, and a rate objective still sees half a minute of traffic.
    var seconds = 30.0
    for o in objectives {
      let perVisit = Self.samplesPerVisit(o.metric, s)
      guard perVisit > 0 else { continue }
      seconds = max(seconds, Self.samplesNeeded(o.metric) / Double(replications) / (rate * perVisit))
    }
    s.durationSeconds = min(seconds.rounded(.up), Self.longestWindowSeconds)
    s.warmupSeconds = min(base.warmupSeconds, max(30, (1_000 / rate).rounded(.up)))
    return s
  }

  /// The longest steady window a load is simulated over.
  public static let longestWindowSeconds = 400.0 * 86_400

  /// Samples an objective on `figure` needs: 100 past its percentile (10,000 for a p99), or
  /// 10,000 for a rate, a count or a mean.
  public static func samplesNeeded(_ figure: String) -> Double {
    let stat = figure.split(separator: ".").last.map(String.init) ?? ""
    switch stat {
    case "p50": return 200
    case "p90": return 1_000
    case "p95": return 2_000
    case "p99": return 10_000
    case "p999": return 100_000
    default: return 10_000
    }
  }

  /// How many samples of a figure's stage one visit gives.
  static func samplesPerVisit(_ figure: String, _ s: Scenario) -> Double {
    let calls = s.workload.parts == .site ? 0 : Double(s.page.apiCallsPerView)
    let site = s.workload.parts == .api ? 0 : 1 + Double(s.page.assets.count)
    let stage = String(figure.prefix { $0 != "." })
    switch stage {
    case "counterApi", "apiGateway", "lambda", "dynamodb": return calls
    case "pageLoad": return s.workload.parts == .api ? 0 : 1
    case "cdn", "site", "origin": return site
    case "dns": return 2
    case "errors": return calls * (s.page.corsPreflight ? 2 : 1) + site
    default: return 1
    }
  }

  /// Runs one load and judges it against every objective.
  func check(_ s: Scenario, multiplier: Double, prices: PriceTable) throws(ScenarioError) -> (Bool, RunReport, Step) {
    let replicas = try SimulationRun.replicas(s, prices: prices, replications: replications)
    let merged = try SimulationRun.combine(replicas, scenario: s, prices: prices)
    var passed = true
    var figures: [String: Double] = [:]
    var margins: [String: Double] = [:]
    var samples: [String: UInt64] = [:]
    for o in objectives {
      let values = replicas.compactMap { o.value(in: $0) }
      guard values.count == replicas.count, !values.isEmpty else {
        throw ScenarioError("--slo", "\"\(o.text)\": the report has no figure \"\(o.metric)\"")
      }
      let ci = ConfidenceInterval(values: values)
      // Judge the figure at the edge of its interval that is worse for the objective.
      let judged = o.comparison.isUpperBound ? ci.high : ci.low
      figures[o.text] = ci.mean
      margins[o.text] = ci.halfWidth
      let parts = o.metric.split(separator: ".")
      if parts.count == 2, parts[1].hasPrefix("p"), let count = merged.latencyMs[String(parts[0])]?.count {
        samples[o.text] = count
      }
      if !o.isMet(by: judged) { passed = false }
    }
    var step = Step(
      multiplier: multiplier, visitsPerSecond: s.workload.visitsPerSecond, passed: passed, figures: figures,
      margins: margins)
    step.samples = samples
    step.windowSeconds = s.durationSeconds
    return (passed, merged, step)
  }

  /// Three significant figures without an exponent, thousands separated ("285,103",
  /// "0.00347", "1").
  public static func number(_ x: Double) -> String {
    if x == 0 || !x.isFinite { return x == 0 ? "0" : "\(x)" }
    let magnitude = Int(floor(log10(abs(x))))
    if magnitude >= 2 {
      let digits = String(Int64(abs(x).rounded()))
      var grouped = ""
      for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { grouped.append(",") }
        grouped.append(c)
      }
      return (x < 0 ? "-" : "") + grouped
    }
    var s = String(format: "%.\(min(8, 2 - magnitude))f", x)
    if s.contains(".") {
      while s.hasSuffix("0") { s.removeLast() }
      if s.hasSuffix(".") { s.removeLast() }
    }
    return s
  }

  public static func percentText(_ x: Double) -> String {
    x >= 0.1 ? String(format: "%.0f%%", x * 100) : String(format: "%.2g%%", x * 100)
  }

  /// Names what gave way between the last passing and the first failing load: the limit that
  /// refused the largest share of its requests, or, when nothing refused anything, the latency
  /// stage whose p99 grew the most.
  static func bottleneck(passing: RunReport?, failing: RunReport?) -> (String, String) {
    guard let f = failing else { return ("none", "no objective failed up to the largest load tried") }
    var candidates: [(share: Double, component: String, words: String)] = []
    if let a = f.apiGateway, a.requests > 0, a.throttled > 0 {
      candidates.append(
        (
          Double(a.throttled) / Double(a.requests), "apiGateway",
          "API Gateway's account throttle (429 for \(percent(Double(a.throttled) / Double(a.requests))) of requests)"
        ))
    }
    if let l = f.lambda, l.throttled > 0 {
      candidates.append(
        (
          l.throttleRatio, "lambda",
          "Lambda concurrency or scaling rate (\(percent(l.throttleRatio)) of invocations throttled, peak \(l.peakConcurrency) busy)"
        ))
    }
    if let l = f.lambda, l.timeouts > 0 {
      let share = Double(l.timeouts) / Double(max(l.invocations, 1))
      let cause = (f.dynamodb?.throttled ?? 0) > 0 ? " while waiting on DynamoDB retries" : ""
      candidates.append(
        (
          share, (f.dynamodb?.throttled ?? 0) > 0 ? "dynamodb" : "lambda",
          "Lambda timeouts\(cause) (\(percent(share)) of invocations)"
        ))
    }
    if let d = f.dynamodb, d.throttled > 0 {
      let attempts = Double(d.writes + d.throttled)
      candidates.append(
        (
          Double(d.throttled) / attempts, "dynamodb",
          "DynamoDB write capacity: the counter item's partition or the table's provisioned capacity (\(percent(Double(d.throttled) / attempts)) of write attempts throttled)"
        ))
    }
    if let best = candidates.max(by: { $0.share < $1.share }) { return (best.component, best.words) }
    // Nothing refused: latency grew. Name the stage whose p99 grew the most.
    var worst = ("latency", "latency grew with load", 0.0)
    for (stage, s) in f.latencyMs {
      let before = passing?.latencyMs[stage]?.p99 ?? 0
      let growth = s.p99 - before
      if growth > worst.2 {
        worst = (
          stage, "\(stage) latency (p99 \(String(format: "%.1f", before)) -> \(String(format: "%.1f", s.p99)) ms)",
          growth
        )
      }
    }
    return (worst.0, worst.1)
  }

  static func percent(_ x: Double) -> String { String(format: "%.2f%%", x * 100) }
}
