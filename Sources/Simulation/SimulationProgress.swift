import Pricing
import ScenarioModel

/// Where a running simulation is: for a progress line.
public struct SimulationProgress: Sendable, Equatable {
  /// Simulated time reached, warm-up included.
  public var simulatedSeconds: Double
  /// Where arrivals stop (warm-up plus duration).
  public var endSeconds: Double
  /// Visits counted so far (after the warm-up).
  public var visits: UInt64

  public init(simulatedSeconds: Double, endSeconds: Double, visits: UInt64) {
    self.simulatedSeconds = simulatedSeconds
    self.endSeconds = endSeconds
    self.visits = visits
  }

  /// Fraction done, 0...1.
  public var fraction: Double { endSeconds > 0 ? min(1, simulatedSeconds / endSeconds) : 1 }
}
