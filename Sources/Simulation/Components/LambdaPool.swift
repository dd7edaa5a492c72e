import Pricing
import ScenarioModel
import SimKernel

/// A Lambda function's execution environments.
///
/// One request per environment at a time. A request takes an idle provisioned environment
/// first, then the most recently used idle on-demand one (as SimFaaS does); otherwise a new
/// environment starts cold, if the concurrency limit and the scaling rate (new environments
/// per 10 s) allow; otherwise the request is throttled. An on-demand environment is reclaimed
/// when it has been idle for its idle timeout.
///
/// Expired environments are found lazily (when they reach the top of the idle stack, or by a
/// periodic `sweep`), but their lifetime always ends at their exact expiry time, so the
/// time-averages are exact.
///
/// - Complexity: `acquire` and `release` are amortised O(1); `sweep` is O(idle environments).
struct LambdaPool {
  enum Acquired {
    case warm(Int32)
    case provisioned(Int32)
    case cold(Int32)
    case throttledConcurrency
    case throttledScaling
  }

  private var createdAt: [Int64] = []
  private var expiresAt: [Int64] = []
  private var provisionedFlag: [Bool] = []
  private var freeIds: [Int32] = []
  /// Idle on-demand environments, most recently used last.
  private var idle: [Int32] = []
  private var provisionedIdle: [Int32] = []
  private var scaling: TokenBucket
  private let limit: Int
  /// Idle timeouts in nanoseconds (the scenario gives seconds).
  private let idleTimeout: DurationStream
  private let fixedIdleTimeout: Bool
  private(set) var busy = 0
  private(set) var provisionedCount: Int

  // Statistics over the measured window [windowStart, windowEnd).
  private let windowStart: Int64
  private let windowEnd: Int64
  private(set) var liveArea = 0.0
  private(set) var busyArea = 0.0
  private(set) var peakBusy = 0

  init(_ config: Scenario.Lambda, windowStart: Int64, windowEnd: Int64, seed: UInt64) {
    limit = config.effectiveConcurrencyLimit
    scaling = TokenBucket(
      ratePerSecond: config.newEnvironmentsPer10Seconds / 10, capacity: config.newEnvironmentsPer10Seconds)
    switch config.idleTimeout {
    case .fixed(let s):
      idleTimeout = RandomSource.idleTimeout.durations(.constant(s), unitNanoseconds: 1e9, seed: seed)
      fixedIdleTimeout = true
    case .distribution(let d):
      idleTimeout = RandomSource.idleTimeout.durations(d, unitNanoseconds: 1e9, seed: seed)
      fixedIdleTimeout = false
    }
    self.windowStart = windowStart
    self.windowEnd = windowEnd
    provisionedCount = config.provisionedConcurrency
    for _ in 0..<config.provisionedConcurrency {
      let id = newId(at: 0)
      provisionedFlag[Int(id)] = true
      provisionedIdle.append(id)
    }
  }

  @inline(__always)
  private func clip(_ t: Int64) -> Int64 { min(max(t, windowStart), windowEnd) }

  private mutating func newId(at now: Int64) -> Int32 {
    if let id = freeIds.popLast() {
      createdAt[Int(id)] = now
      provisionedFlag[Int(id)] = false
      return id
    }
    createdAt.append(now)
    expiresAt.append(.max)
    provisionedFlag.append(false)
    return Int32(createdAt.count - 1)
  }

  private mutating func retire(_ id: Int32) {
    let i = Int(id)
    liveArea += Double(clip(expiresAt[i]) - clip(createdAt[i]))
    freeIds.append(id)
  }

  /// Finds an environment for a request arriving at `now`.
  mutating func acquire(at now: Int64) -> Acquired {
    guard busy < limit else { return .throttledConcurrency }
    if let id = provisionedIdle.popLast() {
      markBusy(now)
      return .provisioned(id)
    }
    while let id = idle.last {
      idle.removeLast()
      if expiresAt[Int(id)] <= now {
        retire(id)
        if fixedIdleTimeout {
          // Everything below expired earlier still: drop the whole stack at once.
          for older in idle { retire(older) }
          idle.removeAll(keepingCapacity: true)
        }
        continue
      }
      markBusy(now)
      return .warm(id)
    }
    guard scaling.take(at: now) else { return .throttledScaling }
    let id = newId(at: now)
    markBusy(now)
    return .cold(id)
  }

  @inline(__always)
  private mutating func markBusy(_ now: Int64) {
    busy += 1
    if busy > peakBusy && now >= windowStart && now < windowEnd { peakBusy = busy }
  }

  /// The environment `id`, busy since `start`, finishes its request at `now` and goes idle.
  mutating func release(_ id: Int32, busySince start: Int64, at now: Int64) {
    busy -= 1
    busyArea += Double(clip(now) - clip(start))
    if provisionedFlag[Int(id)] {
      provisionedIdle.append(id)
    } else {
      expiresAt[Int(id)] = now &+ idleTimeout.next()
      idle.append(id)
    }
  }

  /// Reclaims idle environments whose timeout has passed, keeping the MRU order.
  mutating func sweep(at now: Int64) {
    var kept = 0
    for k in 0..<idle.count {
      let id = idle[k]
      if expiresAt[Int(id)] <= now {
        retire(id)
      } else {
        idle[kept] = id
        kept += 1
      }
    }
    idle.removeLast(idle.count - kept)
  }

  /// Ends the run: closes the lifetime of every environment still alive.
  mutating func finish() {
    for id in idle { retire(id) }
    idle.removeAll()
    liveArea += Double(provisionedCount) * Double(windowEnd - windowStart)
  }

  /// Environments alive (idle or busy) that are not provisioned, including expired ones not
  /// yet swept: for memory checks.
  var trackedEnvironments: Int { createdAt.count - freeIds.count }
}

extension LambdaPool {
  /// Whether environment `id` is one of the provisioned ones.
  func isProvisioned(_ id: Int32) -> Bool { provisionedFlag[Int(id)] }
}
