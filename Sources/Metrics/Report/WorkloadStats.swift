/// The traffic a simulated window carried: the arrival rate the scenario reaches at its
/// highest and the busiest minute of visits that actually arrived.
///
/// A spike is a multiplier of a rate shaped by the daily cycle, so the peak a scenario
/// reaches is not written anywhere in it: this says what it was.
public struct WorkloadStats: Codable, Sendable, Equatable {
  /// The highest arrival rate the scenario's model reaches inside the measured window (daily
  /// cycle and spikes applied), in visits per second; nil for a replayed trace.
  public var peakVisitsPerSecond: Double?
  /// When that rate is first reached, in seconds on the scenario's clock; nil with it.
  public var peakAtSeconds: Double?
  /// Visits that started in the busiest whole minute of the window (minutes counted from the
  /// window's start).
  public var busiestMinuteVisits: UInt64
  /// The start of that minute, in seconds on the scenario's clock.
  public var busiestMinuteStartSeconds: Double
  /// Visits per second over the whole window.
  public var meanVisitsPerSecond: Double

  public init(
    peakVisitsPerSecond: Double?, peakAtSeconds: Double?, busiestMinuteVisits: UInt64,
    busiestMinuteStartSeconds: Double, meanVisitsPerSecond: Double
  ) {
    self.peakVisitsPerSecond = peakVisitsPerSecond
    self.peakAtSeconds = peakAtSeconds
    self.busiestMinuteVisits = busiestMinuteVisits
    self.busiestMinuteStartSeconds = busiestMinuteStartSeconds
    self.meanVisitsPerSecond = meanVisitsPerSecond
  }

  /// The busiest minute's visits per second.
  public var busiestMinuteVisitsPerSecond: Double { Double(busiestMinuteVisits) / 60 }

  /// Two windows together: the higher peak and the busier minute; the mean over both
  /// windows (weighted by their lengths).
  public func combined(with o: WorkloadStats, seconds: Double, otherSeconds: Double) -> WorkloadStats {
    let peakSelf = (peakVisitsPerSecond ?? -1) >= (o.peakVisitsPerSecond ?? -1)
    let minuteSelf = busiestMinuteVisits >= o.busiestMinuteVisits
    let total = seconds + otherSeconds
    return WorkloadStats(
      peakVisitsPerSecond: peakSelf ? peakVisitsPerSecond : o.peakVisitsPerSecond,
      peakAtSeconds: peakSelf ? peakAtSeconds : o.peakAtSeconds,
      busiestMinuteVisits: minuteSelf ? busiestMinuteVisits : o.busiestMinuteVisits,
      busiestMinuteStartSeconds: minuteSelf ? busiestMinuteStartSeconds : o.busiestMinuteStartSeconds,
      meanVisitsPerSecond: total > 0
        ? (meanVisitsPerSecond * seconds + o.meanVisitsPerSecond * otherSeconds) / total : 0)
  }
}
