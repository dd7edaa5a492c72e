import Foundation
import Metrics
import Testing

@testable import Pricing
@testable import ScenarioModel
@testable import Simulation
@testable import WhatIf

@Suite struct SimulationTests {
  @Test func defaultScenarioReportsEveryField() throws {
    let r = simulate(try BuiltinScenario.baseline())
    #expect(r.scenario == "baseline" && r.seed == 1 && r.simulatedSeconds == 7 * 86_400)
    #expect(r.visits > 1_900 && r.visits < 2_300, "about 300 a day for 7 days")
    for stage in Stage.allCases {
      let s = try #require(r.latencyMs[stage.name], "missing stage \(stage.name)")
      #expect(s.count > 0, "\(stage.name) recorded nothing")
      #expect(s.p50 <= s.p90 && s.p90 <= s.p95 && s.p95 <= s.p99 && s.p99 <= s.p999 && s.p999 <= s.max)
    }
    let cdn = try #require(r.cdn)
    #expect(cdn.hitRatio > 0.9)
    let lambda = try #require(r.lambda)
    // 300 visits/day against a 600 s idle timeout: P(gap > 600 s) = e^(-600·300/86400) ≈ 0.125.
    #expect(abs(lambda.coldStartRatio - exp(-600.0 * 300 / 86_400)) < 0.03)
    #expect(lambda.invocations == r.visits)
    #expect(r.errors.total == 0)
    #expect(r.dynamodb?.writes == r.visits)
  }

  @Test func sameSeedSameBytesDifferentSeedDifferentResult() throws {
    var s = try BuiltinScenario.baseline()
    s.durationSeconds = 86_400
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let a = try encoder.encode(simulate(s))
    let b = try encoder.encode(simulate(s))
    #expect(a == b)
    s.seed = 2
    #expect(try encoder.encode(simulate(s)) != a)
  }

  @Test func spikeRaisesColdStartsAndThrottlesDuringTheSpike() throws {
    // 2 visits/s; from 1 h the rate ramps over 5 min to 200× (400/s), holds 20 min and ramps
    // down over 5 min. With a 200 ms handler the spike needs about 85 busy environments, but
    // reserved concurrency allows 50: the pool grows (cold starts) and then throttles.
    var s = try BuiltinScenario.baseline()
    s.workload.visitsPerSecond = 2
    s.workload.diurnal = nil
    s.durationSeconds = 3 * 3_600
    s.warmupSeconds = 600
    s.lambda.reservedConcurrency = 50
    s.lambda.handlerMs = .constant(200)
    s.lambda.idleTimeout = .fixed(120)
    s.workload.spikes = [
      .init(startSeconds: 3_600, rampUpSeconds: 300, holdSeconds: 1_200, rampDownSeconds: 300, multiplier: 200)
    ]
    let r = simulate(s)
    let ts = try #require(r.timeSeries)
    let before = (from: 1_800.0, to: 3_600.0)  // 30 minutes before the spike
    let during = (from: 3_600.0, to: 5_400.0)  // the 30 minutes of the spike
    let coldBefore = ts.total("coldStarts", from: before.from, to: before.to)
    let coldDuring = ts.total("coldStarts", from: during.from, to: during.to)
    let throttledBefore = ts.total("lambdaThrottles", from: before.from, to: before.to)
    let throttledDuring = ts.total("lambdaThrottles", from: during.from, to: during.to)
    let visitsDuring = ts.total("visits", from: during.from, to: during.to)
    #expect(Double(visitsDuring) > 0.9 * 400 * 1_200)
    #expect(throttledBefore == 0)
    #expect(throttledDuring > visitsDuring / 10)
    #expect(coldDuring >= 45, "the pool grows to the 50 allowed")
    #expect(coldDuring > 3 * coldBefore, "cold starts before \(coldBefore), during \(coldDuring)")
    #expect(r.lambda?.peakConcurrency == 50)
    #expect(r.errors.rate > 0)
  }

  @Test func returningVisitorsSkipAssets() throws {
    let everyone = labScenario { s in
      s.workload.parts = .site
      s.workload.visitsPerSecond = 1
      s.workload.returningVisitorFraction = 1
    }
    let r = simulate(everyone)
    #expect(r.cdn?.requests == r.visits)  // the HTML document only
  }

  @Test func corsPreflightDoublesGatewayRequests() throws {
    let s = labScenario { s in
      s.workload.parts = .api
      s.workload.visitsPerSecond = 1
      s.page.corsPreflight = true
    }
    let r = simulate(s)
    let a = try #require(r.apiGateway)
    #expect(a.preflights == r.visits)
    #expect(a.requests == 2 * r.visits)
    #expect(r.lambda?.invocations == r.visits)
  }

  @Test func lambdaTimeoutEndsSlowInvocations() throws {
    let s = labScenario { s in
      s.workload.parts = .api
      s.workload.visitsPerSecond = 1
      s.lambda.handlerMs = .constant(5_000)
      s.lambda.timeoutSeconds = 3
    }
    let r = simulate(s)
    #expect(r.lambda?.timeouts == r.visits)
    #expect(r.errors.byKind["lambdaTimeout"] == r.visits)
    #expect(abs(try #require(r.latencyMs["lambda"]).max - 3_000) < 1)
    // Billed for the 3 s it ran: 3,000 ms per invocation.
    #expect(r.lambda?.billedDurationMs == 3_000 * r.visits)
  }

  @Test func clientTimeoutCapsWhatTheBrowserWaits() throws {
    let s = labScenario { s in
      s.workload.parts = .api
      s.workload.visitsPerSecond = 1
      s.lambda.handlerMs = .constant(2_000)
      s.client.apiTimeoutMs = 1_000
    }
    let r = simulate(s)
    #expect(r.errors.byKind["clientTimeout"] == r.visits)
    #expect(try #require(r.latencyMs["counterApi"]).max == 1_000)
  }

  @Test func provisionedEnvironmentsServeWithoutColdStarts() throws {
    let s = labScenario { s in
      s.workload.parts = .api
      s.workload.visitsPerSecond = 5
      s.lambda.provisionedConcurrency = 3
      s.lambda.coldStartMs = .constant(300)
    }
    let r = simulate(s)
    let l = try #require(r.lambda)
    // 5/s × 11 ms of service never needs more than the three provisioned environments.
    #expect(l.coldStarts == 0)
    #expect(l.provisionedInvocations == l.invocations)
    #expect(abs(l.meanInstances - 3) < 1e-9)
  }

  @Test func billedDurationRoundsEachInvocationUpToAMillisecond() throws {
    // Handler 5.3 ms + UpdateItem 5 ms = 10.3 ms; init 100.4 ms on the one cold start.
    let s = labScenario { s in
      s.workload.parts = .api
      s.workload.process = .constant
      s.workload.visitsPerSecond = 1
      s.warmupSeconds = 0
      s.durationSeconds = 100
      s.lambda.handlerMs = .constant(5.3)
      s.lambda.coldStartMs = .constant(100.4)
    }
    let l = try #require(simulate(s).lambda)
    #expect(l.invocations == 100 && l.coldStarts == 1)  // one a second at 0, 1, ..., 99 s
    // 10.3 ms -> 11 ms each; init 100.4 ms -> 101 ms once.
    #expect(l.billedDurationMs == 100 * 11 + 101)
    #expect(l.billedInitMs == 101)
  }
}

@Suite struct SimulationStateTests {
  @Test func stateStaysFlatAsVisitsGrow() throws {
    // Ten times the visits must not mean ten times the state: pending events, environments and
    // cache entries depend on concurrency and configuration, not on how many visits ran.
    func footprint(days: Double) throws -> (visits: UInt64, events: Int, environments: Int) {
      var s = try BuiltinScenario.baseline()
      s.workload.visitsPerSecond = 2
      s.durationSeconds = days * 86_400
      var sim = VisitorSimulation(s)
      let r = sim.run()
      return (r.visits, sim.site.queue.capacity + sim.api.queue.capacity, sim.api.pool.trackedEnvironments)
    }
    let small = try footprint(days: 0.5)
    let large = try footprint(days: 5)
    #expect(large.visits > 9 * small.visits)
    #expect(large.events <= 2 * max(small.events, 2 * 4_096))
    #expect(large.environments <= small.environments + 8)
  }
}

@Suite struct VisitEventTests {
  @Test func everyKindSurvivesThePackedWord() {
    for kind in VisitEvent.Kind.allCases {
      var e = VisitEvent(kind, counted: true, start: 7)
      e.slot = 12
      e.attempt = 3
      #expect(e.kind == kind && e.counted && e.slot == 12 && e.attempt == 3)
      e.kind = .sweep
      e.kind = kind
      #expect(e.kind == kind)
    }
  }
}

@Suite struct TwoPartsTests {
  /// Scenarios whose events tie often (constant latencies, evenly spaced arrivals), throttle,
  /// retry and time out: the order of events is most fragile there.
  static let scenarios: [(name: String, scenario: Scenario)] = [
    (
      "baseline day",
      {
        var s = try! BuiltinScenario.baseline()
        s.durationSeconds = 86_400
        s.workload.visitsPerSecond = 2
        return s
      }()
    ),
    (
      "constant latencies, whole page",
      labScenario { s in
        s.workload.visitsPerSecond = 40
        s.durationSeconds = 600
        s.lambda.reservedConcurrency = 3
        s.page.corsPreflight = true
      }
    ),
    (
      "API only, evenly spaced, DynamoDB retries",
      labScenario { s in
        s.workload.parts = .api
        s.workload.process = .constant
        s.workload.visitsPerSecond = 1_500
        s.warmupSeconds = 0
        s.durationSeconds = 20
        s.lambda.timeoutSeconds = 1
      }
    ),
  ]

  @Test(arguments: 0..<3)
  func theReportDoesNotDependOnHowThePartsInterleave(_ index: Int) throws {
    // One site event per turn, 8,192 per turn, and 97 per turn on two threads: the API part
    // sees its calls at different moments each time, and must run the same events in the same
    // order regardless.
    let (name, s) = Self.scenarios[index]
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    func bytes(parallel: Bool, turnEvents: Int) throws -> Data {
      var sim = VisitorSimulation(s)
      return try encoder.encode(sim.run(parallel: parallel, turnEvents: turnEvents))
    }
    let oneByOne = try bytes(parallel: false, turnEvents: 1)
    #expect(try bytes(parallel: false, turnEvents: 8_192) == oneByOne, "\(name): batches of 8,192")
    #expect(try bytes(parallel: true, turnEvents: 97) == oneByOne, "\(name): two threads")
  }
}
