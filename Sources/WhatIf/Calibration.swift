import Foundation
import Metrics
import Pricing
import ScenarioModel
import SimKernel
import Simulation
import SiteLogs

/// Fits a scenario's latency distributions to what a live run measured (`live --calibrate`,
/// `visitorsim calibrate`).
///
/// A live run sees each request whole, from the client. The fit takes apart what it can:
/// - round trip: the TCP connect time (one round trip), subtracted from every service time;
/// - counter API: calls slower than the cold split are cold starts, the rest warm. The split is
///   where a two-component lognormal mixture of the service times puts a call as likely cold
///   as warm (`--cold-split` gives it instead); with one population, no call is cold. The warm
///   server time (service time minus a round trip) less the scenario's gateway overhead and
///   DynamoDB call is the handler (`lambda.handlerMs`); a cold call's extra time over the warm
///   median is the init (`lambda.coldStartMs`);
/// - site: by the CDN's `X-Cache` header, a hit's server time is the edge (`cdn.edgeMs`) and a
///   miss's extra time over the hit median is the origin fetch (`s3.originMs`).
/// Each fit is a lognormal given as median and p99, like the scenario's own defaults; the tail
/// of a sum is put on the part being fitted. Medians that would come out below zero are floored
/// and said so in the notes.
public struct Calibration: Sendable, Equatable {
  public struct Fit: Sendable, Equatable {
    /// The scenario field, e.g. `lambda.handlerMs`.
    public var field: String
    public var medianMs: Double
    public var p99Ms: Double
    /// What it was fitted from, for the notes.
    public var basis: String
  }

  /// A scenario setting the run revealed by its schedule (the idle timeout, the concurrency
  /// limit), written as it is.
  public struct Setting: Sendable, Equatable {
    public var field: String
    public var value: Double
    public var basis: String
    public init(field: String, value: Double, basis: String) {
      self.field = field
      self.value = value
      self.basis = basis
    }
  }

  public var fits: [Fit] = []
  public var settings: [Setting] = []
  public var notes: [String] = []
  /// The counter API service time above which a call was taken as a cold start.
  public var coldSplitMs: Double?
  /// The counter calls that were cold, known from the function's header or estimated.
  public var coldCalls: Double?
  /// Set when the base scenario says its Lambda times were measured at another memory size or
  /// architecture: fitted times are as measured at the scenario's own, so that is cleared.
  var clearsMeasuredAt = false

  /// Fewest counter calls (or site responses) a fit is made from.
  public static let minimumSamples: UInt64 = 20

  public static func fit(_ live: RunReport, base: Scenario, coldSplitMs: Double? = nil) -> Calibration {
    var c = Calibration()
    let rttMs: Double
    if let rtt = live.roundTripMs {
      rttMs = rtt
      c.notes.append(
        String(
          format: "round trip %.2f ms (median TCP connect time of %llu connections), taken off every service time",
          rttMs, live[series: .connect]?.count ?? 0))
    } else {
      rttMs = 0
      c.notes.append("no connection times measured: service times are taken as server time")
    }
    let schedule = live.live?.counterCalls.flatMap {
      CallSchedule($0, roundTripMs: rttMs, warmAtStart: base.lambda.provisionedConcurrency, coldSplitMs: coldSplitMs)
    }
    c.fitAPI(live.histograms, schedule: schedule, base: base, rttMs: rttMs, split: coldSplitMs)
    if let schedule { c.inferSettings(schedule, base: base) }
    c.fitSite(live.histograms, rttMs: rttMs)
    c.clearsMeasuredAt =
      c.fits.contains { $0.field.hasPrefix("lambda.") }
      && (base.lambda.measuredAtMemoryMB != nil || base.lambda.measuredOnArchitecture != nil)
    return c
  }

  /// Counter API service times split into warm and cold calls: by the function's own
  /// cold-start header when the run had one (`live --cold-header`), else by the cold split.
  struct APISplit {
    var warmMedianMs: Double
    var warmP99Ms: Double
    var coldCalls: UInt64
    var coldMedianMs: Double
    var coldP99Ms: Double
    var basis: String
    /// Cold calls known or at least 95% likely: what an init distribution may be fitted from.
    var confidentColdCalls: UInt64
  }

  /// The split of a run whose every call was logged: each call's cold probability from its
  /// header, the schedule and the mixture (`CallSchedule`). Warm: the calls more likely warm;
  /// the init is fitted from the calls at least 95% likely cold.
  private mutating func splitAPI(_ schedule: CallSchedule) -> APISplit {
    let held = schedule.calls.filter(\.occupies)
    let warm = SortedSample(held.filter { $0.coldProbability < 0.5 }.map(\.serviceMs))
    let cold = SortedSample(held.filter { $0.coldProbability >= 0.95 }.map(\.serviceMs))
    func q(_ sample: SortedSample, _ p: Double) -> Double { sample.quantile(p) ?? 0 }
    let estimate = schedule.coldEstimate
    let basis: String
    if held.allSatisfy({ $0.coldByHeader != nil }) {
      basis = "the function's cold-start header"
    } else {
      let fresh = held.count(where: \.newEnvironment)
      basis = String(
        format:
          "%@ and the schedule (%d calls needed a new environment; %d cold and %d warm after idle gaps): %.0f cold, 95%% interval %.0f to %.0f; %d of them at least 95%% likely",
        schedule.method, fresh, schedule.idle.coldAfterGaps, schedule.idle.warmAfterGaps, estimate.count,
        estimate.low, estimate.high, schedule.confidentCold)
    }
    return APISplit(
      warmMedianMs: q(warm, 0.5), warmP99Ms: q(warm, 0.99), coldCalls: UInt64(estimate.count.rounded()),
      coldMedianMs: q(cold, 0.5), coldP99Ms: q(cold, 0.99), basis: basis,
      confidentColdCalls: UInt64(schedule.confidentCold))
  }

  private mutating func splitAPI(_ histograms: [String: LatencyHistogram], split: Double?) -> APISplit? {
    if let warm = histograms[LatencySeries.counterApiWarmService.rawValue], warm.count >= Self.minimumSamples {
      let cold = histograms[LatencySeries.counterApiColdService.rawValue]
      return APISplit(
        warmMedianMs: warm.percentileMicros(0.5) / 1_000, warmP99Ms: warm.percentileMicros(0.99) / 1_000,
        coldCalls: cold?.count ?? 0, coldMedianMs: (cold?.percentileMicros(0.5) ?? 0) / 1_000,
        coldP99Ms: (cold?.percentileMicros(0.99) ?? 0) / 1_000, basis: "the function's cold-start header",
        confidentColdCalls: cold?.count ?? 0)
    }
    guard let h = histograms[LatencySeries.counterApiService.rawValue], h.count >= Self.minimumSamples else {
      return nil
    }
    func ms(_ q: Double) -> Double { h.percentileMicros(q) / 1_000 }
    let splitMs: Double
    var basis: String
    var confident: UInt64?
    if let split {
      splitMs = split
      basis = String(format: "the cold split %.1f ms (calls slower than it taken as cold)", splitMs)
    } else if let mixture = LogNormalMixture.fit(h) {
      // Two populations in the service times: the slower one is taken as the cold calls.
      splitMs = mixture.splitMs
      confident = mixture.confidentSlowCalls
      basis = String(
        format:
          "the cold split %.1f ms, where a two-component lognormal mixture of the service times puts a call as likely cold as warm (%.0f cold, 95%% interval %.0f to %.0f; %llu of them at least 95%% likely)",
        splitMs, mixture.slowCalls, mixture.slowInterval.low, mixture.slowInterval.high, mixture.confidentSlowCalls)
    } else {
      // One population: no call stands out as cold.
      coldSplitMs = nil
      return APISplit(
        warmMedianMs: ms(0.5), warmP99Ms: ms(0.99), coldCalls: 0, coldMedianMs: 0, coldP99Ms: 0,
        basis: "a two-component lognormal mixture, which finds one population in the service times (no second mode)",
        confidentColdCalls: 0)
    }
    coldSplitMs = splitMs
    let warmShare = h.fraction(atOrBelow: Int64(splitMs * 1_000))
    let coldCalls = h.count - UInt64((warmShare * Double(h.count)).rounded())
    return APISplit(
      warmMedianMs: ms(0.5 * warmShare), warmP99Ms: ms(0.99 * warmShare), coldCalls: coldCalls,
      coldMedianMs: ms(warmShare + 0.5 * (1 - warmShare)), coldP99Ms: ms(warmShare + 0.99 * (1 - warmShare)),
      basis: basis, confidentColdCalls: confident ?? coldCalls)
  }

  private mutating func fitAPI(
    _ histograms: [String: LatencyHistogram], schedule: CallSchedule?, base: Scenario, rttMs: Double, split: Double?
  ) {
    guard let api = schedule.map({ splitAPI($0) }) ?? splitAPI(histograms, split: split) else {
      notes.append(
        "fewer than \(Self.minimumSamples) counter API service times measured (too few calls, or --transport urlsession, which measures none): lambda.handlerMs and lambda.coldStartMs kept"
      )
      return
    }
    coldCalls = Double(api.coldCalls)
    let warmMedian = api.warmMedianMs
    let serverMedian = warmMedian - rttMs
    let serverP99 = api.warmP99Ms - rttMs
    // The rest of the warm path as the scenario has it.
    let gateway = Self.quantiles(base.apiGateway.overheadMs)
    let calls = Double(base.lambda.dynamodbCallsPerInvocation)
    let dynamo = Self.quantiles(base.dynamodb.updateItemMs)
    let others = gateway.median + calls * dynamo.median
    if serverMedian - others >= 0.1 * serverMedian {
      add(
        "lambda.handlerMs", serverMedian - others, serverP99 - others,
        String(
          format: "warm counter calls: server time median %.2f ms less gateway %.2f ms and DynamoDB %.2f ms",
          serverMedian, gateway.median, calls * dynamo.median))
      notes.append(
        "apiGateway.overheadMs and dynamodb.updateItemMs kept: from outside, one server time holds them and the handler, and the handler takes what they leave"
      )
    } else {
      // Faster than the scenario's gateway and DynamoDB alone: scale those down so the parts
      // still add up to what was measured, and leave the handler a tenth.
      let f = 0.9 * max(serverMedian, 0.01) / others
      add("apiGateway.overheadMs", gateway.median * f, gateway.p99 * f, "scaled by \(String(format: "%.3g", f))")
      add("dynamodb.updateItemMs", dynamo.median * f, dynamo.p99 * f, "scaled by \(String(format: "%.3g", f))")
      add(
        "lambda.handlerMs", 0.1 * serverMedian, serverP99 - 0.9 * serverMedian, "the tenth of the warm server time left"
      )
      notes.append(
        String(
          format:
            "the warm server time (median %.2f ms) is less than the scenario's gateway and DynamoDB medians (%.2f ms): both were scaled by %.3g",
          serverMedian, others, f))
    }
    if api.confidentColdCalls < Self.minimumSamples {
      // A handful of cold calls is noise, not an init distribution.
      notes.append(
        "\(api.coldCalls) cold counter calls by \(api.basis), \(api.confidentColdCalls) of them confidently, fewer than \(Self.minimumSamples): lambda.coldStartMs kept as the scenario has it"
      )
    } else {
      add(
        "lambda.coldStartMs", api.coldMedianMs - warmMedian, api.coldP99Ms - warmMedian,
        "\(api.coldCalls) cold counter calls by \(api.basis), less the warm median")
      notes.append("\(api.coldCalls) counter calls were cold by \(api.basis)")
    }
  }

  /// The idle timeout and the concurrency limit, where the run's schedule reveals them and
  /// the base scenario disagrees; what it cannot reveal is said and kept.
  private mutating func inferSettings(_ schedule: CallSchedule, base: Scenario) {
    let idle = schedule.idle
    let current: Double? = {
      if case .fixed(let v) = base.lambda.idleTimeout { return v }
      return nil
    }()
    let said =
      String(
        format: "%d warm calls after idle gaps up to %@, %d cold after gaps from %@", idle.warmAfterGaps,
        idle.lower.map { String(format: "%.3g s", $0) } ?? "-", idle.coldAfterGaps,
        idle.upper.map { String(format: "%.3g s", $0) } ?? "-")
      + (idle.unexplained > 0
        ? ", \(idle.unexplained) calls on the wrong side of them (slow warm calls, or environments replaced early)"
        : "")
    switch (idle.lower, idle.upper) {
    case (let lower?, let upper?) where lower < upper:
      if let current, current > lower && current <= upper {
        notes.append(
          "lambda.idleTimeoutSeconds kept at \(format(current)) s: the run bounds it between \(format(Self.round(lower))) and \(format(Self.round(upper))) s (\(said))"
        )
      } else {
        set("lambda.idleTimeoutSeconds", Self.round((lower + upper) / 2), "midway between its bounds: \(said)")
      }
    case (.some, .some):
      notes.append(
        "lambda.idleTimeoutSeconds kept: the run's idle gaps disagree (\(said)): environments are also replaced for other reasons"
      )
    case (let lower?, nil) where idle.notSeparated != nil:
      let why = idle.notSeparated ?? ""
      if let current, current <= lower {
        set(
          "lambda.idleTimeoutSeconds", Self.round(lower),
          "at least this long: a call was warm after a gap this long; the cold calls are no bound (\(why))")
      } else {
        notes.append(
          "lambda.idleTimeoutSeconds kept: the run only says it is longer than \(format(Self.round(lower))) s; the cold calls after gaps are no evidence of a timeout (\(why)); calls spaced unevenly, with gaps on both sides of the timeout (visitorsim probe), can pin it"
        )
      }
    case (let lower?, nil):
      if let current, current <= lower {
        set(
          "lambda.idleTimeoutSeconds", Self.round(lower),
          "at least this long (no call was cold after an idle gap): \(said)")
      } else {
        notes.append(
          "lambda.idleTimeoutSeconds kept: the run only says it is longer than \(format(Self.round(lower))) s (no call was cold after an idle gap)"
        )
      }
    case (nil, let upper?):
      if current.map({ $0 > upper }) ?? true {
        set(
          "lambda.idleTimeoutSeconds", Self.round(upper),
          "at most this long (no call was warm after an idle gap): \(said)")
      } else {
        notes.append(
          "lambda.idleTimeoutSeconds kept: the run only says it is at most \(format(Self.round(upper))) s (no call was warm after an idle gap)"
        )
      }
    case (nil, nil):
      notes.append(
        "lambda.idleTimeoutSeconds kept: the run had no idle gaps after which a call was confidently cold or warm")
    }
    guard let t = schedule.throttling else {
      notes.append(
        "lambda.reservedConcurrency kept: the run had no 429s (at most \(schedule.calls.map(\.inFlight).max().map { $0 + 1 } ?? 0) calls ran at once)"
      )
      return
    }
    let evidence =
      "\(t.atCommon) of \(t.throttles) 429s came while \(t.commonInFlight) calls were running; at most \(t.mostRunning) ran at once without one"
    if let limit = t.limit {
      if base.lambda.effectiveConcurrencyLimit == limit {
        notes.append("lambda.reservedConcurrency kept at \(limit): \(evidence)")
      } else {
        set("lambda.reservedConcurrency", Double(limit), evidence)
      }
    } else {
      notes.append(
        "lambda.reservedConcurrency kept: the 429s came at no one count of calls running (\(evidence)); a rate limit, not a concurrency limit, may refuse them"
      )
    }
  }

  private mutating func set(_ field: String, _ value: Double, _ basis: String) {
    settings.append(Setting(field: field, value: value, basis: basis))
  }

  private mutating func fitSite(_ histograms: [String: LatencyHistogram], rttMs: Double) {
    let hits = histograms[LatencySeries.edgeHitService.rawValue]
    let misses = histograms[LatencySeries.edgeMissService.rawValue]
    let edge =
      hits.flatMap { $0.count >= Self.minimumSamples ? $0 : nil }
      ?? (misses == nil
        ? histograms[LatencySeries.siteService.rawValue].flatMap { $0.count >= Self.minimumSamples ? $0 : nil } : nil)
    guard let edge else {
      notes.append("fewer than \(Self.minimumSamples) edge hits measured: cdn.edgeMs and s3.originMs kept")
      return
    }
    let hitMedian = edge.percentileMicros(0.5) / 1_000
    let basis =
      hits == nil ? "all site responses (no X-Cache header: taken as edge hits)" : "responses marked Hit by X-Cache"
    add("cdn.edgeMs", hitMedian - rttMs, edge.percentileMicros(0.99) / 1_000 - rttMs, basis + ", less a round trip")
    guard let misses, misses.count > 0 else {
      notes.append("no response marked Miss by an X-Cache header: s3.originMs kept")
      return
    }
    add(
      "s3.originMs", misses.percentileMicros(0.5) / 1_000 - hitMedian,
      misses.percentileMicros(0.99) / 1_000 - hitMedian,
      "\(misses.count) responses marked Miss, less the hit median")
  }

  /// Adds a lognormal fit, flooring a median below 0.01 ms and keeping p99 above the median.
  private mutating func add(_ field: String, _ median: Double, _ p99: Double, _ basis: String) {
    var m = median
    if m < 0.01 {
      notes.append(
        String(format: "%@: the fitted median came out at %.3f ms and was floored at 0.01 ms", field, median))
      m = 0.01
    }
    fits.append(Fit(field: field, medianMs: Self.round(m), p99Ms: Self.round(max(p99, m * 1.01)), basis: basis))
  }

  /// `digits` significant digits (three by default: a fit is no more precise than its
  /// measurement).
  public static func round(_ x: Double, digits: Int = 3) -> Double {
    guard x > 0, x.isFinite else { return x }
    let scale = pow(10, Double(digits - 1) - floor(log10(x)))
    return (x * scale).rounded() / scale
  }

  /// The median and p99 of any scenario distribution, from 20,001 draws of a fixed stream.
  static func quantiles(_ d: Distribution) -> (median: Double, p99: Double) {
    if case .lognormal(let median, let p99) = d { return (median, p99) }
    if case .constant(let v) = d { return (v, v) }
    var rng = RandomStream(seed: 0x5EED, stream: 0)
    let sampler = d.sampler()
    let xs = (0..<20_001).map { _ in sampler.sample(using: &rng) }.sorted()
    return (xs[10_000], xs[19_801])
  }

  /// The `--set` assignments that apply the fits.
  public var assignments: [String] {
    fits.map {
      "\($0.field)={\"dist\":\"lognormal\",\"median\":\(format($0.medianMs)),\"p99\":\(format($0.p99Ms))}"
    } + settings.map { "\($0.field)=\(format($0.value))" }
      + (clearsMeasuredAt ? ["lambda.measuredAtMemoryMB=null", "lambda.measuredOnArchitecture=null"] : [])
  }

  /// What the calibrated scenario's `notes` say: each value with its evidence, then what was
  /// kept and why.
  public var noteLines: [String] {
    fits.map {
      String(format: "%@: lognormal median %.3g ms, p99 %.3g ms, from %@", $0.field, $0.medianMs, $0.p99Ms, $0.basis)
    }
      + settings.map { "\($0.field): \(format($0.value)), from \($0.basis)" } + notes
  }

  /// The base scenario document with the fits applied and a description saying so; read back
  /// as a scenario before it is returned, so what is written always loads.
  public func document(from baseJSON: String, liveName: String) throws(ScenarioError) -> String {
    let said =
      "Calibrated from the live run of \(liveName): "
      + (fits.map(\.field) + settings.map(\.field)).joined(separator: ", ") + " fitted."
    return try ScenarioOverride.derive(
      baseJSON, applying: assignments, rename: { $0 + "-calibrated" }, description: said, notes: noteLines)
  }

}
