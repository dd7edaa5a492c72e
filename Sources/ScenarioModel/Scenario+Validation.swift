extension Scenario {
  /// Checks what single fields cannot: combinations that AWS would refuse or that leave
  /// nothing to simulate.
  public func validate() throws(ScenarioError) {
    try validateWork()
    if let reserved = lambda.reservedConcurrency, reserved > lambda.concurrencyLimit {
      throw ScenarioError(
        "lambda.reservedConcurrency",
        "\(reserved) exceeds the account's lambda.concurrencyLimit \(lambda.concurrencyLimit)")
    }
    if lambda.provisionedConcurrency > lambda.effectiveConcurrencyLimit {
      let source = lambda.reservedConcurrency == nil ? "lambda.concurrencyLimit" : "lambda.reservedConcurrency"
      throw ScenarioError(
        "lambda.provisionedConcurrency",
        "\(lambda.provisionedConcurrency) exceeds the function's concurrency limit \(lambda.effectiveConcurrencyLimit) (\(source))"
      )
    }
    if workload.parts == .api && page.apiCallsPerView == 0 {
      throw ScenarioError(
        "workload.parts", "\"api\" sends only API calls, but page.apiCallsPerView is 0: nothing to simulate")
    }
    if workload.process == .trace {
      if workload.traceFile == nil && workload.traceSeconds.isEmpty {
        throw ScenarioError(
          "workload.arrivals.traceFile", "missing: process \"trace\" replays the timestamps of a CSV file")
      }
      if !workload.spikes.isEmpty || workload.diurnal != nil {
        throw ScenarioError(
          workload.spikes.isEmpty ? "workload.diurnal" : "workload.spikes",
          "a trace replays its own timing: remove spikes and the daily cycle, or use process \"poisson\"")
      }
    } else if workload.traceFile != nil {
      throw ScenarioError(
        "workload.arrivals.traceFile",
        "is only read with process \"trace\" (process is \"\(workload.process.rawValue)\")")
    }
    if lambda.timeoutSeconds * 1000 > 900_000 {
      throw ScenarioError("lambda.timeoutSeconds", "\(format(lambda.timeoutSeconds)) is above Lambda's maximum 900")
    }
    for (i, spike) in workload.spikes.enumerated() where spike.startSeconds > warmupSeconds + durationSeconds {
      throw ScenarioError(
        "workload.spikes[\(i)].start",
        "\(format(spike.startSeconds)) s is after the run ends at \(format(warmupSeconds + durationSeconds)) s (warmup + duration)"
      )
    }
  }

  /// Refuses, before anything runs, a scenario that would take hours or exhaust memory (see
  /// `ScenarioLimits`). Sweeps and plans call it again after multiplying the load.
  public func validateWork() throws(ScenarioError) {
    let peak = peakVisitsPerSecond
    if peak > ScenarioLimits.peakVisitsPerSecond {
      throw ScenarioError(
        "workload.arrivals",
        "the peak arrival rate would be \(format(peak.rounded())) visits/s (base rate x daily peak x largest spike), above the limit \(format(ScenarioLimits.peakVisitsPerSecond))"
      )
    }
    let visits = expectedVisitsBound
    if visits > ScenarioLimits.expectedVisits {
      throw ScenarioError(
        "workload.arrivals",
        "up to \(format(visits.rounded())) visits expected in warm-up + duration, above the limit \(format(ScenarioLimits.expectedVisits)) per simulation (shorten duration or lower the rate)"
      )
    }
    let requests = visits * requestsPerVisitBound
    if requests > ScenarioLimits.expectedRequests {
      throw ScenarioError(
        "page.assets",
        "up to \(format(requests.rounded())) requests expected (\(format(visits.rounded())) visits x \(format(requestsPerVisitBound)) requests each), above the limit \(format(ScenarioLimits.expectedRequests))"
      )
    }
  }
}
