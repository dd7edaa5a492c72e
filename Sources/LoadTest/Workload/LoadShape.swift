import Foundation
import Metrics

/// When visits are meant to start.
///
/// Open model: a rate over time, as stages that ramp linearly to their target rate (k6's
/// `stages`), or constant. Every visit's intended start time comes from this schedule, not from
/// when the previous response came back, so a slow server cannot slow the load down (and hide
/// its own latency): coordinated omission is corrected as wrk2 does. Closed model: a fixed
/// number of users, each starting a visit after the previous one and a think time.
public enum LoadShape: Sendable, Equatable {
  case open(stages: [Stage], poisson: Bool)
  case closed(users: Int, thinkSeconds: Double, durationSeconds: Double)

  /// Ramp to `rate` visits/s over `seconds` (from the previous stage's rate; the first stage
  /// starts at its own rate, as `--rate` does).
  public struct Stage: Sendable, Equatable {
    public var seconds: Double
    public var rate: Double
    public init(seconds: Double, rate: Double) {
      self.seconds = seconds
      self.rate = rate
    }
  }

  /// Parses `1m:10/s` (also `/m`, `/h`; durations as `90s`, `10m`, `1h30m`, or seconds).
  public static func parseStage(_ text: String) throws(LiveError) -> Stage {
    let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
    guard parts.count == 2, let seconds = parseDuration(parts[0]), seconds > 0 else {
      throw .usage("--stage: \"\(text)\" is not DURATION:RATE such as 1m:10/s")
    }
    return Stage(seconds: seconds, rate: try parseRate(parts[1], option: "--stage"))
  }

  /// Parses `50/s`, `3000/m`, `100/h` or a bare number per second.
  public static func parseRate(_ text: String, option: String) throws(LiveError) -> Double {
    var t = text.trimmingSpaces
    var per = 1.0
    for (suffix, seconds) in [("/s", 1.0), ("/m", 60.0), ("/h", 3_600.0)] where t.hasSuffix(suffix) {
      t.removeLast(suffix.count)
      per = seconds
    }
    guard let r = Double(t), r.isFinite, r >= 0 else {
      throw .usage("\(option): \"\(text)\" is not a rate such as 50/s")
    }
    guard r / per <= LiveConfig.highestVisitsPerSecond else {
      throw .usage(
        "\(option): \"\(text)\" is above the generator's limit of \(Int(LiveConfig.highestVisitsPerSecond)) visits/s")
    }
    return r / per
  }

  /// Seconds in "500ms", "90s", "10m", "1h30m", or a bare number (`DurationText`).
  public static func parseDuration(_ text: String) -> Double? { DurationText.seconds(text) }

  /// Total planned length in seconds.
  public var durationSeconds: Double {
    switch self {
    case .open(let stages, _): stages.reduce(0) { $0 + $1.seconds }
    case .closed(_, _, let d): d
    }
  }

  /// The rate at `t` seconds (open model).
  func rate(at t: Double) -> Double {
    guard case .open(let stages, _) = self else { return 0 }
    var start = 0.0
    var from = stages.first?.rate ?? 0
    for s in stages {
      if t < start + s.seconds {
        return from + (s.rate - from) * (t - start) / s.seconds
      }
      start += s.seconds
      from = s.rate
    }
    return 0
  }

  /// Expected number of visits (open model), for the safety estimate.
  public var expectedVisits: Double {
    switch self {
    case .open(let stages, _):
      var total = 0.0
      var from = stages.first?.rate ?? 0
      for s in stages {
        total += (from + s.rate) / 2 * s.seconds
        from = s.rate
      }
      return total
    case .closed:
      return 0
    }
  }

  /// The highest rate anywhere in the schedule (open model).
  public var peakRate: Double {
    guard case .open(let stages, _) = self else { return 0 }
    return stages.map(\.rate).max() ?? 0
  }
}

/// Intended start times of the open model, in nanoseconds from the run's start.
struct OpenSchedule {
  let shape: LoadShape
  let poisson: Bool
  let endNanoseconds: Int64
  private var t: Double = 0
  private var rng: UInt64
  /// Position in the stages for evenly spaced starts: D seconds at r per second give exactly
  /// r·D visits (no drift from adding up gaps).
  private var stageIndex = 0
  private var stageStart = 0.0
  private var indexInStage = 0

  init(shape: LoadShape, seed: UInt64) {
    self.shape = shape
    if case .open(_, let p) = shape { poisson = p } else { poisson = false }
    endNanoseconds = Int64(shape.durationSeconds * 1e9)
    rng = seed &+ 0x9E37_79B9_7F4A_7C15
  }

  /// The next intended start, or nil when the schedule is over.
  mutating func next() -> Int64? {
    let end = shape.durationSeconds
    if !poisson, case .open(let stages, _) = shape {
      return nextEven(stages)
    }
    while t < end {
      let r = shape.rate(at: t)
      if r <= 1e-9 {
        t += 0.001  // a ramp from zero: step forward until the rate is positive
        continue
      }
      let gap = poisson ? -log(uniform()) / r : 1 / r
      let at = t
      t += gap
      return at < end ? Int64(at * 1e9) : nil
    }
    return nil
  }

  /// Evenly spaced starts, exact on every stage: the k-th start of a stage is where the
  /// stage's cumulative count reaches k (a + b·τ for a ramp integrates to aτ + bτ²/2).
  private mutating func nextEven(_ stages: [LoadShape.Stage]) -> Int64? {
    while stageIndex < stages.count {
      let s = stages[stageIndex]
      let from = stageIndex == 0 ? s.rate : stages[stageIndex - 1].rate
      let slope = (s.rate - from) / s.seconds
      let k = Double(indexInStage)
      let tau: Double
      if abs(slope) < 1e-12 {
        tau = from > 0 ? k / from : .infinity
      } else {
        let disc = from * from + 2 * slope * k
        tau = disc < 0 ? .infinity : (-from + disc.squareRoot()) / slope
      }
      if tau.isFinite && tau >= 0 && tau < s.seconds - 1e-9 {
        indexInStage += 1
        return Int64(((stageStart + tau) * 1e9).rounded())
      }
      stageStart += s.seconds
      stageIndex += 1
      indexInStage = 0
    }
    return nil
  }

  private mutating func uniform() -> Double {
    rng &+= 0x9E37_79B9_7F4A_7C15
    var z = rng
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return Double((z >> 11) + 1) * 0x1.0p-53
  }
}
