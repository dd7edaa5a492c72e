import Foundation

/// What the timing of a live run's counter calls reveals about the function behind them, seen
/// from outside: which calls were cold, how long an environment stays warm when idle, and at
/// how many calls in flight the function starts refusing with 429.
///
/// Each call is placed on the server's clock: it arrives half a round trip after it was sent
/// and its function returns half a round trip before its response was whole. Then, in order of
/// arrival:
/// - **in flight**: the calls that were running when it arrived (429s and failed calls hold no
///   environment);
/// - **a new environment**: it made more calls run at once than ever before in the run (plus
///   those provisioned), so no warm environment could take it: cold;
/// - **idle gap**: when nothing was running, how long since the last call returned. The most
///   recently used environment (the one Lambda picks) had been idle that long, so a warm call
///   after a gap says the idle timeout is longer, and a cold one that it is at most that;
/// - **cold probability**: known from the function's cold-start header when it sent one; 1 for a
///   new environment; else how likely its service time is in the slower component of a
///   two-component lognormal mixture (or above `coldSplitMs` when given). Once the idle timeout
///   is bounded both ways, the schedule settles the calls the mixture was unsure of: after a
///   gap beyond the upper bound cold, within the lower bound warm.
public struct CallSchedule: Sendable {
  public struct Call: Sendable, Equatable {
    public var sentMs: Double
    public var serviceMs: Double
    public var status: Int
    /// From the function's cold-start header.
    public var coldByHeader: Bool?
    /// Calls running when this one arrived.
    public var inFlight: Int
    /// Nothing was running when it arrived, for this long since the last call returned (ms);
    /// nil when something was running, or for the run's first call.
    public var idleGapMs: Double?
    /// It made more calls run at once than ever before: no warm environment was free.
    public var newEnvironment: Bool
    /// How likely it was cold.
    public var coldProbability: Double
    /// It held an environment: answered, and not with a 429.
    public var occupies: Bool { status != 0 && status != 429 }
  }

  /// Bounds on the idle timeout (seconds): the split of the calls after idle gaps that explains
  /// the most of them puts warm calls after gaps up to `lower` and cold ones after gaps from
  /// `upper`.
  public struct IdleBounds: Sendable, Equatable {
    public var lower: Double?
    public var upper: Double?
    public var warmAfterGaps: Int
    public var coldAfterGaps: Int
    /// Calls after gaps the bounds do not explain: warm after a gap beyond them, cold within.
    public var unexplained = 0
    /// Why the cold calls after gaps are no evidence of an idle timeout, when there were some
    /// on both sides of a split but it separates nothing (evenly spaced calls, a slow warm call
    /// after the same gap as the warm ones): then `upper` is nil and `lower` is the longest
    /// gap after which a call was confidently warm, the only thing the run shows.
    public var notSeparated: String?
    /// Both bounds known and in order.
    public var pinned: Bool {
      guard let lower, let upper else { return false }
      return lower < upper
    }
  }

  /// The calls in flight when the 429s came back: a limit shows as one count most of them share.
  public struct ThrottleEvidence: Sendable, Equatable {
    public var throttles: Int
    /// The count most 429s met, and how many met it.
    public var commonInFlight: Int
    public var atCommon: Int
    /// The most calls that ran at once without a 429.
    public var mostRunning: Int
    /// A limit: at least 3 throttles, at least half of them at one in-flight count above 0.
    public var limit: Int? {
      throttles >= 3 && 2 * atCommon >= throttles && commonInFlight >= 1 ? commonInFlight : nil
    }
  }

  public var calls: [Call] = []
  public var idle: IdleBounds
  public var throttling: ThrottleEvidence?
  /// How the cold probabilities of calls without a header were found, for notes.
  public var method: String

  /// Calls that were at least 95% likely cold (or known to be).
  public var confidentCold: Int { calls.count { $0.occupies && $0.coldProbability >= 0.95 } }
  /// Expected number of cold calls, with a 95% interval from the uncertain ones.
  public var coldEstimate: (count: Double, low: Double, high: Double) {
    let held = calls.filter(\.occupies)
    let n = held.reduce(0) { $0 + $1.coldProbability }
    let margin = 1.96 * held.reduce(0) { $0 + $1.coldProbability * (1 - $1.coldProbability) }.squareRoot()
    return (n, max(0, n - margin), min(Double(held.count), n + margin))
  }

  /// Fewest answered calls a schedule is read from.
  public static let minimumCalls = 10

  /// Reads `log` with a round trip of `roundTripMs` between the load generator and the site and
  /// `warmAtStart` environments ready before the first call (provisioned concurrency).
  /// `coldSplitMs` replaces the mixture. Nil with fewer than `minimumCalls` answered calls.
  public init?(_ log: CounterCallLog, roundTripMs: Double, warmAtStart: Int = 0, coldSplitMs: Double? = nil) {
    let order = log.sentMs.indices.sorted { log.sentMs[$0] < log.sentMs[$1] }
    let half = max(roundTripMs, 0) / 2
    var running = MinHeap()
    var lastReturn: Double?
    var mostRunning = warmAtStart
    var throttledAt: [Int: Int] = [:]
    for k in order {
      let status = log.status[k]
      let arrival = log.sentMs[k] + half
      while let end = running.min, end <= arrival {
        running.pop()
        lastReturn = max(lastReturn ?? end, end)
      }
      var call = Call(
        sentMs: log.sentMs[k], serviceMs: log.serviceMs[k], status: status,
        coldByHeader: log.cold[k] < 0 ? nil : log.cold[k] == 1, inFlight: running.count,
        idleGapMs: running.count == 0 ? lastReturn.map { arrival - $0 } : nil, newEnvironment: false,
        coldProbability: 0)
      if call.occupies {
        if running.count + 1 > mostRunning {
          call.newEnvironment = true
          mostRunning = running.count + 1
        }
        running.push(max(arrival, log.sentMs[k] + log.serviceMs[k] - half))
      } else if status == 429 {
        throttledAt[running.count, default: 0] += 1
      }
      calls.append(call)
    }
    guard calls.count { $0.occupies } >= Self.minimumCalls else { return nil }
    // Cold probabilities from the service times, where no header and no schedule says.
    let probability: (Double) -> Double
    if let coldSplitMs {
      probability = { $0 > coldSplitMs ? 1 : 0 }
      method = String(format: "the cold split %.1f ms", coldSplitMs)
    } else {
      var h = LatencyHistogram()
      for c in calls where c.occupies { h.record(micros: Int64(c.serviceMs * 1_000)) }
      if let mixture = LogNormalMixture.fit(h) {
        probability = { mixture.slowProbability(ms: $0) }
        method = "a two-component lognormal mixture of the service times"
      } else {
        probability = { _ in 0 }
        method = "a two-component lognormal mixture, which finds one population in the service times"
      }
    }
    for i in calls.indices {
      calls[i].coldProbability =
        calls[i].coldByHeader.map { $0 ? 1 : 0 } ?? (calls[i].newEnvironment ? 1 : probability(calls[i].serviceMs))
    }
    idle = Self.idleBounds(calls)
    if idle.pinned, let lower = idle.lower, let upper = idle.upper {
      for i in calls.indices where calls[i].coldByHeader == nil && !calls[i].newEnvironment {
        guard let gap = calls[i].idleGapMs.map({ $0 / 1_000 }) else { continue }
        if gap >= upper { calls[i].coldProbability = 1 } else if gap <= lower { calls[i].coldProbability = 0 }
      }
    }
    let throttles = throttledAt.values.reduce(0, +)
    if throttles > 0 {
      // The most common count; the smaller on a tie.
      let common = throttledAt.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!
      throttling = ThrottleEvidence(
        throttles: throttles, commonInFlight: common.key, atCommon: common.value, mostRunning: mostRunning)
    }
  }

  /// Calls after idle gaps that are confidently warm or cold bound the idle timeout: the
  /// timeout is put where it explains the most of them (warm after shorter gaps, cold after
  /// longer ones), between the gaps on either side of that split; the calls it does not
  /// explain (a slow warm call taken as cold, an environment replaced early) are counted.
  static func idleBounds(_ calls: [Call]) -> IdleBounds {
    var b = IdleBounds(lower: nil, upper: nil, warmAfterGaps: 0, coldAfterGaps: 0)
    var seen: [(gap: Double, cold: Bool)] = []
    for c in calls where c.occupies && !c.newEnvironment {
      guard let gap = c.idleGapMs.map({ $0 / 1_000 }) else { continue }
      if c.coldProbability >= 0.95 {
        seen.append((gap, true))
      } else if c.coldProbability <= 0.05 {
        seen.append((gap, false))
      }
    }
    seen.sort { $0.gap < $1.gap }
    b.coldAfterGaps = seen.count { $0.cold }
    b.warmAfterGaps = seen.count - b.coldAfterGaps
    guard !seen.isEmpty else { return b }
    // Split k: the first k calls (shorter gaps) taken as warm, the rest as cold.
    var unexplained = b.warmAfterGaps  // k = 0: every call taken as cold, the warm ones unexplained
    var best = (k: 0, unexplained: unexplained)
    for k in 1...seen.count {
      unexplained += seen[k - 1].cold ? 1 : -1
      if unexplained < best.unexplained { best = (k, unexplained) }
    }
    b.lower = best.k > 0 ? seen[best.k - 1].gap : nil
    b.upper = best.k < seen.count ? seen[best.k].gap : nil
    b.unexplained = best.unexplained
    if b.lower != nil, b.upper != nil, let why = notSeparated(seen, split: best.k, unexplained: best.unexplained) {
      // No fact without evidence: the split is not an idle timeout. What stands is that the
      // environment stayed warm after the longest gap a confidently warm call followed.
      b.notSeparated = why
      b.upper = nil
      b.lower = seen.filter { !$0.cold }.map(\.gap).max()
      b.unexplained = b.coldAfterGaps
    }
    return b
  }

  /// Fewest confident calls on each side of a split that may bound the idle timeout.
  public static let minimumCallsPerSide = 3
  /// How much longer the cold side's typical gap must be than the warm side's, as a factor and
  /// in seconds (timing noise: a call's arrival is known to a round trip or so).
  public static let separationFactor = 1.5
  public static let separationSeconds = 0.05

  /// Why a split of the calls after gaps is no evidence, or nil when it is: each side needs
  /// `minimumCallsPerSide` confident calls, the split must explain at least 80% of the calls,
  /// and the cold side's median gap must exceed the warm side's by `separationFactor` and by
  /// `separationSeconds`.
  static func notSeparated(_ seen: [(gap: Double, cold: Bool)], split k: Int, unexplained: Int) -> String? {
    let warm = seen[..<k].filter { !$0.cold }.map(\.gap).sorted()
    let cold = seen[k...].filter(\.cold).map(\.gap).sorted()
    func median(_ a: [Double]) -> Double { a.isEmpty ? 0 : a[a.count / 2] }
    if warm.count < minimumCallsPerSide || cold.count < minimumCallsPerSide {
      return "\(warm.count) warm and \(cold.count) cold calls on the two sides of the split; \(minimumCallsPerSide) on each are needed"
    }
    if 5 * unexplained > seen.count {
      return "the split leaves \(unexplained) of \(seen.count) calls unexplained"
    }
    let (w, c) = (median(warm), median(cold))
    if c < w * separationFactor || c - w < separationSeconds {
      return String(
        format: "the cold calls followed gaps no longer than the warm ones (medians %.3g s and %.3g s): they were slow calls, not environments that expired",
        c, w)
    }
    return nil
  }

  /// A binary min-heap of times: the ends of the calls running.
  struct MinHeap {
    private var a: [Double] = []
    var count: Int { a.count }
    var min: Double? { a.first }

    mutating func push(_ x: Double) {
      a.append(x)
      var i = a.count - 1
      while i > 0 {
        let p = (i - 1) / 2
        guard a[p] > a[i] else { break }
        a.swapAt(p, i)
        i = p
      }
    }

    mutating func pop() {
      guard !a.isEmpty else { return }
      a.swapAt(0, a.count - 1)
      a.removeLast()
      var i = 0
      while true {
        let l = 2 * i + 1
        let r = l + 1
        var m = i
        if l < a.count && a[l] < a[m] { m = l }
        if r < a.count && a[r] < a[m] { m = r }
        guard m != i else { return }
        a.swapAt(i, m)
        i = m
      }
    }
  }
}
