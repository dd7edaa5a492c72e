extension Scenario {
  /// The scenario with a peak of `visitsPerSecond` held for `seconds` (`simulate --peak 50/s
  /// --for 1h`): "will the site hold this traffic, and what does it cost?".
  ///
  /// Without `atSeconds`, the measured window is the peak itself: the scenario's warm-up runs
  /// at its ordinary traffic, then the window of `seconds` holds the peak rate exactly (an
  /// absolute spike, whatever the daily cycle says), so the report's window cost is the peak's
  /// cost. With `atSeconds` (on the scenario's clock), the peak is added to the scenario's own
  /// window there, as a spike with no ramps.
  public func withPeak(visitsPerSecond: Double, seconds: Double, atSeconds: Double?) throws(ScenarioError) -> Scenario
  {
    guard visitsPerSecond.isFinite, visitsPerSecond > 0, visitsPerSecond <= ScenarioLimits.peakVisitsPerSecond else {
      throw ScenarioError(
        "--peak", "\(format(visitsPerSecond)) visits/s is outside 0 to \(format(ScenarioLimits.peakVisitsPerSecond))")
    }
    guard seconds.isFinite, seconds > 0, seconds <= 400 * 86_400 else {
      throw ScenarioError("--for", "\(format(seconds)) s is not a duration from above 0 s to 400 days")
    }
    guard workload.process != .trace else {
      throw ScenarioError("--peak", "a replayed trace has its own timing: a peak cannot be added to it")
    }
    var s = self
    let start: Double
    if let atSeconds {
      guard atSeconds >= 0, atSeconds + seconds <= warmupSeconds + durationSeconds else {
        throw ScenarioError(
          "--at",
          "the peak from \(format(atSeconds)) s for \(format(seconds)) s does not fit in the scenario's \(format(warmupSeconds + durationSeconds)) s (warm-up and window)"
        )
      }
      start = atSeconds
    } else {
      start = warmupSeconds
      s.durationSeconds = seconds
    }
    s.workload.spikes.append(
      Spike(
        startSeconds: start, rampUpSeconds: 0, holdSeconds: seconds, rampDownSeconds: 0, multiplier: 1,
        visitsPerSecond: visitsPerSecond))
    try s.validate()
    return s
  }
}
