/// The documented bounds on what a scenario may ask of the simulator.
///
/// Field bounds keep every time the engine derives representable in its nanosecond clock;
/// the work bounds refuse, before anything runs, a scenario that would take hours or run
/// out of memory. The README's "Limits" table lists the same numbers.
public enum ScenarioLimits {
  /// Longest TTL (DNS, CDN, per object): 2^31 - 1 s, the largest TTL DNS allows (RFC 2181).
  public static let longestTtlSeconds: Double = 2_147_483_647
  /// Longest duration anywhere in a scenario (spike starts, ramps, holds, the month): about 31.7 years.
  /// `duration` and `warmup` are further held to 400 days each.
  public static let longestDurationSeconds: Double = 1e9
  /// Largest value in a latency distribution or a client timeout, in the field's unit
  /// (milliseconds for `...Ms`): one day.
  public static let largestLatencyMs: Double = 86_400_000
  /// Slowest and fastest visitor link.
  public static let bandwidthMbps: ClosedRange<Double> = 0.001...1_000_000
  /// The highest arrival rate at any moment, with the daily cycle's peak and every spike.
  public static let peakVisitsPerSecond: Double = 100_000
  /// The longest billed month (`pricing.month`): a leap year's 366 days.
  public static let longestMonthSeconds: Double = 366 * 86_400
  /// Most visits one simulation may expect (warm-up included), about 10 times the 100M-visit
  /// month `bench` times in under a minute.
  public static let expectedVisits: Double = 1e9
  /// Most requests (page, assets, API calls) one simulation may expect.
  public static let expectedRequests: Double = 1e10
  /// Largest price per unit in a price table or an override, in USD.
  public static let largestPriceUSD: Double = 1_000_000
  /// Largest scenario or price document read, in bytes (a trace CSV has its own limit).
  public static let documentBytes = 10 << 20
  /// Largest trace CSV read, in bytes (about 20 million timestamps).
  public static let traceBytes = 512 << 20
}

extension Scenario.Workload {
  /// The same traffic `m` times over: the base rate and every absolute spike peak scaled
  /// (a multiplier spike follows the base rate by itself).
  public mutating func scaleLoad(by m: Double) {
    visitsPerSecond *= m
    for i in spikes.indices { spikes[i].visitsPerSecond = spikes[i].visitsPerSecond.map { $0 * m } }
  }
}

extension Scenario {
  /// An upper bound on the arrival rate at any moment: the base rate at the daily cycle's
  /// peak times the largest spike multiplier.
  public var peakVisitsPerSecond: Double {
    let daily = 1 + (workload.diurnal?.amplitude ?? 0)
    let spike = workload.spikes.filter { $0.visitsPerSecond == nil }.map(\.multiplier).max() ?? 1
    let absolute = workload.spikes.compactMap(\.visitsPerSecond).max() ?? 0
    return max(workload.visitsPerSecond * daily * max(1, spike), absolute)
  }

  /// An upper bound on the visits of a run (warm-up included): the base rate at the daily
  /// peak over the whole window, plus each spike's extra visits. A trace brings its own count.
  public var expectedVisitsBound: Double {
    if workload.process == .trace { return Double(workload.traceSeconds.count) }
    let daily = 1 + (workload.diurnal?.amplitude ?? 0)
    let window = warmupSeconds + durationSeconds
    var visits = window
    var absolute = 0.0
    for s in workload.spikes {
      let length = s.holdSeconds + (s.rampUpSeconds + s.rampDownSeconds) / 2
      if let peak = s.visitsPerSecond {
        absolute += peak * length
      } else {
        visits += max(0, s.multiplier - 1) * length
      }
    }
    return workload.visitsPerSecond * daily * visits + absolute
  }

  /// Requests per visit in the worst case: the page, every asset and every API call (with
  /// its preflight).
  public var requestsPerVisitBound: Double {
    Double(1 + page.assets.count + page.apiCallsPerView * (page.corsPreflight ? 2 : 1))
  }

  /// The largest multiplier of the arrival rate that `validateWork` still accepts (every
  /// bound is proportional to the rate).
  public var largestLoadMultiplier: Double {
    guard workload.process != .trace, workload.visitsPerSecond > 0 else { return 1 }
    let visits = expectedVisitsBound
    return min(
      ScenarioLimits.peakVisitsPerSecond / peakVisitsPerSecond,
      ScenarioLimits.expectedVisits / visits,
      ScenarioLimits.expectedRequests / (visits * requestsPerVisitBound))
  }
}
