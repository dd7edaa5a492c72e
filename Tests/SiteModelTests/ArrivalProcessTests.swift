import Foundation
import Testing

@testable import Pricing
@testable import ScenarioModel
@testable import Simulation
@testable import WhatIf

@Suite struct ArrivalProcessTests {
  /// Every constant piece of the rate ends after the time asked about, so a caller stepping
  /// from piece to piece always moves on (a ramp starting at 1 ms once stood still at 1.001 s,
  /// where 1.001 - 0.001 rounds below 1).
  @Test(arguments: [0.001, 0.1, 1.5, 7.3, 3_600.000_1])
  func everyPieceEndsAfterItsStart(start: Double) throws {
    var w = Scenario.Workload()
    w.spikes = [
      Scenario.Spike(startSeconds: start, rampUpSeconds: 10, holdSeconds: 2.5, rampDownSeconds: 10, multiplier: 5)
    ]
    w.diurnal = Scenario.Diurnal(amplitude: 0.3, peakHourUTC: 12)
    var a = ArrivalProcess(w)
    var t = 0.0
    var pieces = 0
    while t < start + 30 {
      let (_, until) = a.rate(at: t)
      #expect(until > t)
      t = until
      pieces += 1
      try #require(pieces < 1_000, "stepping through 30 s of ramps took \(pieces) pieces")
    }
  }

  /// The same through the whole simulation: a Poisson run whose spike ramps from 1 ms ends.
  @Test func aSpikeStartingWithinASecondEnds() throws {
    let s = try Scenario.load(
      json:
        #"{"duration": "1h", "warmup": 0, "workload": {"spikes": [{"start": "1ms", "rampUp": "10s", "rampDown": "10s", "multiplier": 5}]}}"#
    )
    let r = try SimulationRun.execute(s, prices: PriceTable.builtin())
    #expect(r.simulatedSeconds == 3_600)
  }

  /// An upper bound on the visits is what the work limits use: it must not be below the mean.
  @Test func expectedVisitsBoundsTheMean() throws {
    let s = try Scenario.load(
      json:
        #"{"duration": "2d", "warmup": 0, "workload": {"arrivals": {"visitsPerSecond": 2}, "diurnal": {"amplitude": 0.5}, "spikes": [{"start": "1h", "rampUp": "10m", "hold": "1h", "rampDown": "10m", "multiplier": 10}]}}"#
    )
    let r = try SimulationRun.execute(s, prices: PriceTable.builtin())
    #expect(Double(r.visits) <= s.expectedVisitsBound)
    #expect(Double(r.visits) >= s.expectedVisitsBound / 2, "a loose bound would refuse scenarios that fit")
  }
}
