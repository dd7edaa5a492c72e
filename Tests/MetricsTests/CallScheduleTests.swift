import Foundation
import Testing

@testable import Metrics

/// The schedule of a run's counter calls against functions whose truth is known: a small
/// Lambda written out here (environments reused most recently used first, an idle timeout, a
/// concurrency limit with 429s), its calls logged as live mode logs them.
@Suite struct CallScheduleTests {
  /// A Lambda-like function: each call takes `warmMs` (plus a little jitter), a cold one
  /// `initMs` more; above `limit` running calls a 429 comes back after 1 ms.
  struct Function {
    var idleTimeoutMs: Double
    var limit: Int
    var warmMs = 10.0
    var initMs = 300.0
    var free: [Double] = []  // when each idle environment was last used
    var busyUntil: [Double] = []
    var coldTruth: [Bool] = []

    init(idleTimeoutMs: Double, limit: Int) {
      self.idleTimeoutMs = idleTimeoutMs
      self.limit = limit
    }

    /// Runs the calls sent at `sends` (ms), returns the log; a round trip of 0.
    mutating func run(_ sends: [Double], header: Bool = false) -> CounterCallLog {
      var log = CounterCallLog()
      var jitter = 0
      for t in sends {
        // Environments whose call ended are idle again.
        let done = busyUntil.filter { $0 <= t }
        busyUntil.removeAll { $0 <= t }
        free += done
        free.removeAll { t - $0 > idleTimeoutMs }
        guard busyUntil.count < limit else {
          log.append(sentMs: t, serviceMs: 1, status: 429, cold: nil, limit: .max)
          continue
        }
        jitter = (jitter + 7) % 10
        var service = warmMs + Double(jitter) / 10
        let cold = free.isEmpty
        if cold { service += initMs } else { free.remove(at: free.indices.max { free[$0] < free[$1] }!) }
        busyUntil.append(t + service)
        coldTruth.append(cold)
        log.append(sentMs: t, serviceMs: service, status: 200, cold: header ? cold : nil, limit: .max)
      }
      return log
    }
  }

  /// Gaps from 0.2 to 2 s against a 1 s idle timeout, one call at a time: the calls after gaps
  /// over a second are cold, and the bounds hold the timeout between the longest warm gap and
  /// the shortest cold one, without any header.
  @Test func idleGapsBoundTheIdleTimeout() throws {
    var f = Function(idleTimeoutMs: 1_000, limit: 10)
    var sends: [Double] = []
    var t = 0.0
    for k in 0..<60 {
      sends.append(t)
      t += 200 + Double((k * 37) % 19) * 100  // 0.2 to 2.0 s
    }
    let log = f.run(sends)
    let s = try #require(CallSchedule(log, roundTripMs: 0))
    let truth = f.coldTruth.count { $0 }
    #expect(truth > 10 && truth < 50)
    #expect(Int(s.coldEstimate.count.rounded()) == truth)
    #expect(s.confidentCold == truth)
    let lower = try #require(s.idle.lower)
    let upper = try #require(s.idle.upper)
    #expect(lower < 1.0 && upper > 1.0, "bounds \(lower) to \(upper)")
    // The gaps are multiples of 0.1 s less the call before: the bounds are within one step.
    #expect(upper - lower < 0.15)
    #expect(s.throttling == nil)
  }

  /// One environment replaced early (a cold call after a short gap) does not drag the bounds
  /// down: the split that explains the most calls keeps them around the timeout, and the odd
  /// call is counted.
  @Test func anOddColdCallDoesNotMoveTheBounds() throws {
    var log = CounterCallLog()
    var t = 0.0
    // Gaps 0.2 to 0.9 s warm, 1.1 to 2.0 s cold (the header says), and one cold after 0.3 s.
    let gaps = [0.2, 0.5, 0.3, 0.9, 1.1, 0.4, 1.5, 0.3, 2.0, 0.6, 1.2, 0.8]
    log.append(sentMs: 0, serviceMs: 10, status: 200, cold: true, limit: .max)
    for (k, g) in gaps.enumerated() {
      t += 10 + g * 1_000
      let cold = g > 1 || k == 7
      log.append(sentMs: t, serviceMs: 10, status: 200, cold: cold, limit: .max)
    }
    let s = try #require(CallSchedule(log, roundTripMs: 0))
    #expect(s.idle.lower.map { abs($0 - 0.9) < 1e-9 } == true, "\(s.idle)")
    #expect(s.idle.upper.map { abs($0 - 1.1) < 1e-9 } == true, "\(s.idle)")
    #expect(s.idle.unexplained == 1)
  }

  /// The replica of issue 25: calls evenly spaced at 3/s for 90 s against a 20 s idle timeout,
  /// three of them slow warm calls (a real environment's first request through its SDK). Every
  /// idle gap is about 0.33 s, so the "cold" calls followed the same gaps as the warm ones: no
  /// evidence of a timeout. The schedule says only that it is longer than the longest gap a
  /// warm call followed, never a midpoint of two nearly equal gaps.
  @Test func evenlySpacedCallsGiveOnlyALowerBound() throws {
    var log = CounterCallLog()
    let slow: Set<Int> = [50, 120, 200]
    for k in 0..<270 {
      let service = k == 0 ? 400 : (slow.contains(k) ? 95 + Double(k % 7) : 12 + Double(k % 5))
      // The slow calls happen to follow gaps 10 ms longer: a split between "warm up to 0.323 s" and
      // "cold from 0.33 s" explains every call, and is still no evidence.
      let jitter = slow.contains(k) ? 15 : Double(k % 3)
      log.append(sentMs: Double(k) * 333.3 + jitter, serviceMs: service, status: 200, cold: nil, limit: .max)
    }
    let s = try #require(CallSchedule(log, roundTripMs: 0))
    #expect(s.idle.coldAfterGaps >= 3, "the slow calls look cold to the mixture: \(s.idle)")
    #expect(s.idle.upper == nil, "no upper bound from evenly spaced calls: \(s.idle)")
    #expect(s.idle.notSeparated?.contains("no longer than the warm ones") == true, "\(s.idle)")
    let lower = try #require(s.idle.lower)
    #expect(lower > 0.3 && lower < 0.33, "the longest warm gap: \(lower)")
    #expect(!s.idle.pinned)
  }

  /// Gaps that do separate (short ones warm, long ones cold) still bound the timeout both ways.
  @Test func separatedGapsStillBoundTheTimeoutBothWays() throws {
    var f = Function(idleTimeoutMs: 2_000, limit: 10)
    var sends: [Double] = []
    var t = 0.0
    for k in 0..<40 {
      sends.append(t)
      t += k % 2 == 0 ? 500 : 4_000
    }
    let s = try #require(CallSchedule(f.run(sends), roundTripMs: 0))
    #expect(s.idle.notSeparated == nil, "\(s.idle)")
    #expect(s.idle.pinned)
    #expect((s.idle.lower ?? 9) < 2 && (s.idle.upper ?? 0) > 2, "\(s.idle)")
  }

  /// A burst of a call every 20 ms against a limit of 3 environments with a 300 ms init: the
  /// 429s come while 3 calls run, the first three calls needed new environments (cold by the
  /// schedule even with a cold split that calls nothing cold).
  @Test func throttlesAtOneInFlightCountRevealTheLimit() throws {
    var f = Function(idleTimeoutMs: 60_000, limit: 3)
    let log = f.run((0..<100).map { Double($0) * 20 })
    let s = try #require(CallSchedule(log, roundTripMs: 0, coldSplitMs: 10_000))
    let t = try #require(s.throttling)
    #expect(t.limit == 3, "\(t)")
    #expect(t.mostRunning == 3)
    #expect(s.calls.filter(\.newEnvironment).count == 3)
    #expect(s.confidentCold == 3 && f.coldTruth.count { $0 } == 3)
  }

  /// 429s spread over many in-flight counts (a rate limit, not a concurrency limit) reveal no
  /// limit.
  @Test func throttlesAtScatteredCountsRevealNoLimit() throws {
    var log = CounterCallLog()
    for k in 0..<40 {
      let t = Double(k) * 100
      // k % 4 calls of 50 ms running when the 429 arrives.
      for j in 0..<(k % 4) { log.append(sentMs: t - 1 - Double(j), serviceMs: 50, status: 200, cold: nil, limit: .max) }
      log.append(sentMs: t, serviceMs: 1, status: 429, cold: nil, limit: .max)
    }
    let s = try #require(CallSchedule(log, roundTripMs: 0))
    let t = try #require(s.throttling)
    #expect(t.throttles == 40)
    #expect(t.limit == nil, "\(t)")
  }

  /// The function's header is the truth, even against the schedule.
  @Test func theHeaderOverridesTheSchedule() throws {
    var log = CounterCallLog()
    for k in 0..<20 { log.append(sentMs: Double(k) * 100, serviceMs: 10, status: 200, cold: false, limit: .max) }
    let s = try #require(CallSchedule(log, roundTripMs: 0))
    #expect(s.calls[0].newEnvironment)
    #expect(s.calls[0].coldProbability == 0)
    #expect(s.confidentCold == 0)
  }

  /// Calls are placed on the server's clock: a 40 ms round trip makes a 30 ms client-side gap a
  /// 70 ms idle time, and two calls that overlap only in their round trips did not run at once.
  @Test func theRoundTripIsTakenOffBothEnds() throws {
    var log = CounterCallLog()
    for k in 0..<12 { log.append(sentMs: Double(k) * 130, serviceMs: 100, status: 200, cold: nil, limit: .max) }
    let s = try #require(CallSchedule(log, roundTripMs: 40))
    #expect(abs((s.calls[1].idleGapMs ?? 0) - 70) < 1e-9)
    var overlapping = CounterCallLog()
    for k in 0..<12 {
      overlapping.append(sentMs: Double(k) * 80, serviceMs: 100, status: 200, cold: nil, limit: .max)
    }
    let o = try #require(CallSchedule(overlapping, roundTripMs: 40))
    #expect(o.calls.allSatisfy { $0.inFlight == 0 })
  }

  /// Logs merge in order of sending and stop at their capacity, counting the rest.
  @Test func logsMergeInOrderWithinCapacity() {
    var a = CounterCallLog()
    var b = CounterCallLog()
    for k in 0..<5 {
      a.append(sentMs: Double(2 * k), serviceMs: 1, status: 200, cold: nil, limit: 3)
      b.append(sentMs: Double(2 * k + 1), serviceMs: 2, status: 429, cold: true, limit: 10)
    }
    #expect(a.count == 3 && a.omitted == 2)
    let m = a.adding(b)
    #expect(m.sentMs == [0, 1, 2, 3, 4, 5, 7, 9])
    #expect(m.cold == [-1, 1, -1, 1, -1, 1, 1, 1])
    #expect(m.omitted == 2)
  }
}
