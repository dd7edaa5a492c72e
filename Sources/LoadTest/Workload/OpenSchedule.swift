import Foundation
import Metrics

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
