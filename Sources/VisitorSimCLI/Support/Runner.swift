import Foundation
import Metrics
import Pricing
import Reporting
import ScenarioModel
import Simulation
import WhatIf

/// Runs a scenario and attaches its bill.
enum Runner {
  static func simulate(
    _ scenario: Scenario, prices: PriceTable, replications: Int = 1, partsInParallel: Bool = false,
    progress: (@Sendable (SimulationProgress) -> Void)? = nil
  ) throws(CLIError) -> RunReport {
    do {
      return try SimulationRun.execute(
        scenario, prices: prices, replications: replications, partsInParallel: partsInParallel, progress: progress)
    } catch {
      throw .badInput(error.description)
    }
  }
}
