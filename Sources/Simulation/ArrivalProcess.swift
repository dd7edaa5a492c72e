import Foundation
import Pricing
import ScenarioModel
import SimKernel

extension Scenario.Workload {
  /// The arrival rate (visits/s) at `seconds` on the scenario's clock, with the daily cycle and
  /// spikes applied, and the time until which it stays at that value (for live mode's stages).
  public func rate(atSeconds seconds: Double) -> (perSecond: Double, until: Double) {
    var a = ArrivalProcess(self)
    return a.rate(at: seconds)
  }
}

extension Scenario.Workload {
  /// The highest arrival rate the model reaches in [from, to) seconds of the scenario's clock
  /// (daily cycle and spikes applied) and when it is first reached; nil for a replayed trace.
  ///
  /// Walks the rate's constant pieces (60 s along the daily cycle, 1 s along spike ramps),
  /// at most `maxPieces` of them; past that the rest is sampled at evenly spaced points.
  public func peakRate(from: Double, to: Double, maxPieces: Int = 2_000_000) -> (perSecond: Double, atSeconds: Double)? {
    guard process != .trace, to > from else { return nil }
    var a = ArrivalProcess(self)
    var best = (perSecond: -1.0, atSeconds: from)
    var t = from
    var pieces = 0
    let coarse = (to - from) / Double(maxPieces)
    while t < to {
      let (r, until) = a.rate(at: t)
      if r > best.perSecond { best = (r, t) }
      pieces += 1
      t = pieces < maxPieces ? until : max(until, t + coarse)
    }
    return (max(0, best.perSecond), best.atSeconds)
  }
}

/// Visit arrival times: Poisson or evenly spaced, at a rate that follows the diurnal profile
/// and spikes.
///
/// The rate is treated as piecewise constant: exact between breakpoints of constant segments,
/// in 1-second steps along spike ramps and 60-second steps along the daily cycle. A Poisson
/// draw that crosses a step boundary is redrawn from the boundary at the new rate, which is
/// exact for a piecewise-constant rate because the exponential is memoryless.
struct ArrivalProcess {
  let process: Scenario.Workload.Process
  let baseRate: Double
  let diurnal: Scenario.Diurnal?
  let spikes: [Scenario.Spike]
  /// A replayed trace: arrival times in nanoseconds, and the next one to hand out.
  let trace: [Int64]
  var traceIndex = 0

  /// The scenario-clock time of this run's time 0 (a time-parallel segment starts later).
  let origin: Double
  /// The rate of the current constant piece, valid on [cachedFrom, cachedUntil): the daily
  /// cycle's cosine and the spikes are evaluated once per piece, not once per arrival.
  var cachedRate = 0.0
  var cachedFrom = Double.infinity
  var cachedUntil = -Double.infinity

  init(_ workload: Scenario.Workload, originSeconds: Double = 0) {
    process = workload.process
    baseRate = workload.visitsPerSecond
    diurnal = workload.diurnal
    spikes = workload.spikes
    origin = originSeconds
    trace =
      workload.process == .trace
      ? workload.traceSeconds.filter { $0 >= originSeconds }.map {
        SimTime.saturating(nanoseconds: ($0 - originSeconds) * 1e9)
      } : []
  }

  /// The next timestamp of the trace at or after `t`, before `end`.
  mutating func nextFromTrace(after t: Int64, end: Int64) -> Int64? {
    while traceIndex < trace.count && trace[traceIndex] < t { traceIndex += 1 }
    guard traceIndex < trace.count, trace[traceIndex] < end else { return nil }
    defer { traceIndex += 1 }
    return trace[traceIndex]
  }

  /// The rate at `t` seconds and the time until which it may be treated as constant.
  mutating func rate(at local: Double) -> (perSecond: Double, until: Double) {
    if local >= cachedFrom && local < cachedUntil { return (cachedRate, cachedUntil) }
    let (r, until) = rateOnScenarioClock(at: local + origin)
    cachedRate = r
    cachedFrom = local
    cachedUntil = until - origin
    return (r, cachedUntil)
  }

  private func rateOnScenarioClock(at t: Double) -> (perSecond: Double, until: Double) {
    var rate = baseRate
    var until = Double.infinity
    if let d = diurnal {
      let hour = (t / 3_600).truncatingRemainder(dividingBy: 24)
      rate *= max(0, 1 + d.amplitude * cos(2 * Double.pi * (hour - d.peakHourUTC) / 24))
      until = (t / 60).rounded(.down) * 60 + 60
    }
    // Overlapping spikes: the highest rate any of them sets (a spike never lowers traffic).
    var result = rate
    for s in spikes {
      let (share, next) = s.shape(at: t)
      until = min(until, next)
      if share > 0, let r = s.rate(at: t, base: rate)?.perSecond { result = max(result, r) }
    }
    // The piece must end after `t`, or a caller stepping from piece to piece would stand still.
    return (result, max(until, t.nextUp))
  }

  /// The first arrival of the run: at time 0 for evenly spaced arrivals, after an
  /// exponential gap for Poisson ones. Nil if none comes before `end`.
  mutating func first(end: Int64, rng: inout RandomStream) -> Int64? {
    switch process {
    case .trace:
      return nextFromTrace(after: 0, end: end)
    case .constant:
      var t: Int64 = 0
      while t < end {
        let (r, until) = rate(at: Double(t) / 1e9)
        if r > 0 { return t }
        t = SimTime.saturating(nanoseconds: (until * 1e9).rounded(.up))
      }
      return nil
    case .poisson:
      return next(after: 0, end: end, rng: &rng)
    }
  }

  /// The first arrival after `t` nanoseconds, or nil if none comes before `end`.
  ///
  /// Evenly spaced arrivals are a whole number of nanoseconds apart (1e9 / rate, rounded), so
  /// a window of D seconds at r per second holds exactly r·D visits when 1e9 / r is whole.
  mutating func next(after t: Int64, end: Int64, rng: inout RandomStream) -> Int64? {
    if process == .trace { return nextFromTrace(after: t, end: end) }
    var now = Double(t) / 1e9
    let endSeconds = Double(end) / 1e9
    while now < endSeconds {
      let (r, until) = rate(at: now)
      if r <= 0 {
        now = until
        continue
      }
      switch process {
      case .constant:
        let at = t + SimTime.saturating(nanoseconds: 1e9 / r)
        return at < end ? at : nil
      case .trace:
        return nil
      case .poisson:
        let at = now - log(rng.openUnit()) / r
        if at < until {
          let ns = max(t, SimTime.saturating(nanoseconds: at * 1e9))
          return ns < end ? ns : nil
        }
        now = until
      }
    }
    return nil
  }
}
