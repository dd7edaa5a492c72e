import LoadTest
import Pricing
import ScenarioModel
import Simulation
import WhatIf

/// A scenario's arrival process (base rate, daily cycle, spikes) as live-mode stages.
///
/// Rates are kept; time runs `timeScale` times faster (a 3-hour spike replayed in 3 minutes
/// with `--time-scale 60`). The rate is sampled where it changes: at the scenario's own
/// piece boundaries (1 s along spike ramps, 60 s along the daily cycle), one stage each.
enum ScenarioSchedule {
  static func shape(path: String, timeScale: Double, poisson: Bool, duration: Double?) throws(CLIError) -> LoadShape {
    let scenario = try ScenarioLoading.load(path: path == "baseline" ? nil : path, sets: [], seed: nil)
    guard scenario.workload.process != .trace else {
      throw .usage(
        "--scenario: replaying a trace in live mode is not supported; give a scenario with poisson or constant arrivals"
      )
    }
    let total = duration.map { $0 * timeScale } ?? (scenario.warmupSeconds + scenario.durationSeconds)
    var stages: [LoadShape.Stage] = []
    var t = 0.0
    while t < total {
      let (r, until) = scenario.workload.rate(atSeconds: t)
      let end = min(total, until)
      stages.append(.init(seconds: (end - t) / timeScale, rate: r))
      t = end
    }
    guard stages.count <= 1_000_000 else {
      throw .usage("--scenario: the schedule has over a million stages; raise --time-scale")
    }
    // Piecewise constant: each stage holds its rate (a stage ramps from the previous rate, so
    // repeat each rate as a zero-length step first).
    var held: [LoadShape.Stage] = []
    for s in stages {
      held.append(.init(seconds: 1e-9, rate: s.rate))
      held.append(.init(seconds: max(s.seconds - 1e-9, 1e-9), rate: s.rate))
    }
    return .open(stages: held, poisson: poisson)
  }
}
