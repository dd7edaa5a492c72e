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
    var t = text.trimmingCharacters(in: .whitespaces)
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
  public func rate(at t: Double) -> Double {
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
