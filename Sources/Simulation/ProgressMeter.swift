import Pricing
import ScenarioModel

/// Calls a progress callback about every 2^20 events.
struct ProgressMeter {
  let endNanoseconds: Int64
  let callback: (@Sendable (SimulationProgress) -> Void)?
  var lastMillion: UInt64 = 0

  init(endNanoseconds: Int64, callback: (@Sendable (SimulationProgress) -> Void)?) {
    self.endNanoseconds = endNanoseconds
    self.callback = callback
  }

  mutating func update(horizon: Int64, visits: UInt64, events: UInt64) {
    guard let callback, events >> 20 != lastMillion else { return }
    lastMillion = events >> 20
    callback(
      SimulationProgress(
        simulatedSeconds: Double(min(horizon, endNanoseconds)) / 1e9, endSeconds: Double(endNanoseconds) / 1e9,
        visits: visits))
  }
}
