import Foundation
import Metrics
import Pricing
import ScenarioModel

/// The experiment `visitorsim probe` runs to reveal the model's parameters from outside, each
/// phase bounded in requests and time, the whole within a request budget and a duration.
///
/// A steady run is the wrong experiment for a model with cold starts: its idle gaps are all
/// alike, and a few cold starts cannot fit an init. The probe asks each question directly:
/// - **warm**: calls spaced well apart so one environment serves them warm (the handler), and
///   page loads (the edge);
/// - **idle ladder**: single calls after quiet gaps that double (1 s, 2 s, 4 s, ...) until a
///   call comes back cold, then bisection between the longest warm gap and the shortest cold
///   one, then repeats of both so each side has the calls calibration needs as evidence;
/// - **bursts**: `maxConcurrency` calls at once after a quiet period at least the shortest
///   cold gap (every environment has expired, so each call starts one), until 30 cold starts;
/// - **limit ramp** (`--probe-limit` only): bursts of growing size until 429s come back;
/// - **edge TTL** (with a site): the page alone after gaps since its last miss that double,
///   then bisection: a hit g after the last miss shows the TTL exceeds g, a miss shows it
///   does not (the CDN's `X-Cache`).
public struct ProbePlan: Sendable, Equatable {
  public enum Kind: String, Sendable, Codable { case warm, edgeTTL, idleLadder, bursts, limitRamp }

  public struct Phase: Sendable, Equatable {
    public var kind: Kind
    /// What it reveals, for the printed plan.
    public var purpose: String
    /// Requests it may send, at most.
    public var requests: Int
    /// Its time, at most (seconds).
    public var seconds: Double
  }

  public var phases: [Phase]
  public var budgetRequests: Int
  public var maxSeconds: Double
  public var maxConcurrency: Int
  /// Warm phase: counter calls, their spacing, and page loads (each page and its assets).
  public var warmCalls: Int
  public var warmSpacingSeconds: Double
  public var pageLoads: Int
  /// Idle ladder: the first gap, the longest gap it may try, and the calls it may make.
  public var firstGapSeconds: Double
  public var longestGapSeconds: Double
  public var ladderCalls: Int
  /// Edge TTL: the page requests it may make and the longest gap it may wait.
  public var ttlCalls: Int
  public var ttlLongestGapSeconds: Double
  /// Bursts: how many, at most, and the cold starts they aim for.
  public var bursts: Int
  public static let coldStartsWanted = 30
  /// Requests per page load (the page and its assets).
  public var requestsPerPageLoad: Int

  public var requests: Int { phases.reduce(0) { $0 + $1.requests } }
  public var seconds: Double { phases.reduce(0) { $0 + $1.seconds } }

  public init(
    budgetRequests: Int, maxSeconds: Double, maxConcurrency: Int, probeLimit: Bool, assets: Int, hasSite: Bool,
    hasApi: Bool
  ) {
    self.budgetRequests = budgetRequests
    self.maxSeconds = maxSeconds
    self.maxConcurrency = max(1, maxConcurrency)
    requestsPerPageLoad = 1 + assets
    var phases: [Phase] = []
    var left = budgetRequests
    // Warm: a tenth of the budget in calls 0.5 s apart (at most 60: enough for a p99 of
    // the warm handler to rest on 60 calls... and no more than a minute).
    warmSpacingSeconds = 0.5
    warmCalls = hasApi ? max(10, min(60, budgetRequests / 10)) : 0
    pageLoads = hasSite ? max(5, min(20, budgetRequests / 20 / max(1, requestsPerPageLoad))) : 0
    let warmRequests = warmCalls + pageLoads * requestsPerPageLoad
    let warmSeconds = max(Double(warmCalls) * warmSpacingSeconds, Double(pageLoads) * 0.5)
    phases.append(
      Phase(
        kind: .warm,
        purpose: "the warm handler (\(warmCalls) calls \(format(warmSpacingSeconds)) s apart)"
          + (pageLoads > 0
            ? " and the edge (\(pageLoads) page loads of \(requestsPerPageLoad) request\(requestsPerPageLoad == 1 ? "" : "s"))" : ""),
        requests: warmRequests, seconds: warmSeconds))
    left -= warmRequests
    // The edge TTL: a fifth of the time left (all of it for a site without an API).
    firstGapSeconds = 1
    let ttlTime = hasSite ? max(0, (maxSeconds - warmSeconds) * (hasApi ? 0.2 : 0.9)) : 0
    let ttlLongest = Self.longestGap(from: firstGapSeconds, within: ttlTime)
    ttlLongestGapSeconds = ttlLongest
    ttlCalls = hasSite ? min(max(0, left / 10), 24) : 0
    if ttlCalls > 0 {
      phases.append(
        Phase(
          kind: .edgeTTL,
          purpose:
            "the edge TTL: the page alone after gaps since its last miss of \(format(firstGapSeconds)) s, doubling up to \(format(ttlLongest)) s, then bisection (the CDN's X-Cache says hit or miss)",
          requests: ttlCalls, seconds: ttlTime))
      left -= ttlCalls
    }
    // The ladder gets half of the time left; bursts and the ramp the rest.
    let ladderTime = max(0, (maxSeconds - warmSeconds - ttlTime) * 0.5)
    let longest = Self.longestGap(from: firstGapSeconds, within: ladderTime)
    longestGapSeconds = longest
    ladderCalls = hasApi ? min(max(0, left / 4), 40) : 0
    if hasApi {
      phases.append(
        Phase(
          kind: .idleLadder,
          purpose:
            "the idle timeout: one call after quiet gaps of \(format(firstGapSeconds)) s, doubling up to \(format(longestGapSeconds)) s, then bisection and repeats on both sides",
          requests: ladderCalls, seconds: ladderTime))
      left -= ladderCalls
    }
    // Bursts: each after a quiet period (at most the longest gap), maxConcurrency calls.
    let burstsForColds = (Self.coldStartsWanted + self.maxConcurrency - 1) / self.maxConcurrency
    let burstTime = max(0, (maxSeconds - warmSeconds - ttlTime - ladderTime) * (probeLimit ? 0.7 : 1))
    let affordable = hasApi ? max(0, left - (probeLimit ? left / 3 : 0)) / self.maxConcurrency : 0
    bursts = hasApi ? min(burstsForColds, affordable, max(1, Int(burstTime / max(longest, 1)))) : 0
    if bursts > 0 {
      phases.append(
        Phase(
          kind: .bursts,
          purpose:
            "the init: \(bursts) bursts of \(self.maxConcurrency) calls at once after quiet periods long enough for every environment to expire (\(bursts * self.maxConcurrency) cold starts wanted, \(Self.coldStartsWanted) needed)",
          requests: bursts * self.maxConcurrency, seconds: burstTime))
      left -= bursts * self.maxConcurrency
    }
    if probeLimit && hasApi {
      let rampRequests = max(0, left)
      phases.append(
        Phase(
          kind: .limitRamp,
          purpose: "the concurrency limit: bursts of growing size (from \(self.maxConcurrency)) until 429s come back",
          requests: rampRequests, seconds: max(0, maxSeconds - warmSeconds - ttlTime - ladderTime - burstTime)))
    }
    self.phases = phases
  }

  /// The longest gap of a doubling ladder (first, 2 x first, ...) whose gaps all fit in half
  /// of `seconds` (the other half is for bisection and repeats).
  static func longestGap(from first: Double, within seconds: Double) -> Double {
    var longest = first
    var total = first
    while total + longest * 2 <= seconds * 0.5 {
      longest *= 2
      total += longest
    }
    return longest
  }

  /// What the plan's requests cost on AWS at most: each counter call an API Gateway request,
  /// a Lambda request and a DynamoDB write; each page request a CloudFront request (no free
  /// tier counted; durations and bytes are too small to show).
  public func estimatedCostUSD(_ prices: PriceTable) -> Double {
    func perUnit(_ id: String) -> Double {
      guard let p = try? prices.price(id), let first = p.tiers.first else { return 0 }
      return first.usd / p.per
    }
    let calls = Double(phases.filter { $0.kind != .warm }.reduce(0) { $0 + $1.requests } + warmCalls)
    let pages = Double(pageLoads * requestsPerPageLoad + ttlCalls)
    return calls
      * (perUnit("apiGateway.http.requests") + perUnit("lambda.requests") + perUnit("dynamodb.onDemand.writes"))
      + pages * perUnit("cloudfront.httpsRequests")
  }

  /// The plan as printed before anything is sent.
  public func text(_ prices: PriceTable) -> String {
    var out = "probe plan: at most \(requests) requests (budget \(budgetRequests)) over at most \(DurationText.words(seconds)) (limit \(DurationText.words(maxSeconds)))\n"
    for (i, p) in phases.enumerated() {
      out +=
        "  \(i + 1). \(p.kind.rawValue): at most \(p.requests) requests, \(DurationText.words(p.seconds)): \(p.purpose)\n"
    }
    let cost = estimatedCostUSD(prices)
    out += "  estimated AWS cost: " + (cost < 0.01 ? "under $0.01" : String(format: "about $%.2f", cost))
      + " (request charges at the first tier; no free tier counted)\n"
    out +=
      "  not probed: the origin's latency (kept from the scenario), the gateway's overhead and DynamoDB's time (from outside one server time holds them and the handler)\n"
    return out
  }
}
