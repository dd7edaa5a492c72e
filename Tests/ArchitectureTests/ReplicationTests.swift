import Metrics
import Testing

@testable import Architecture

@Suite struct ReplicationTests {
  @Test func confidenceIntervalCoversErlangB() throws {
    // 10 replications of a reserved-concurrency limit of 4 at a = 3 erlangs: the 95% interval
    // of the throttled fraction must cover Erlang B(4, 3) = 0.2061.
    let s = labScenario { s in
      s.workload.parts = .api
      s.workload.visitsPerSecond = 30
      s.durationSeconds = 1_000
      s.lambda.reservedConcurrency = 4
      s.lambda.handlerMs = .exponential(mean: 100)
      s.lambda.dynamodbCallsPerInvocation = 0
      s.lambda.timeoutSeconds = 900
    }
    let r = try SimulationRun.execute(s, prices: .builtin(), replications: 10)
    let ci = try #require(r.confidence?["lambda.throttleRatio"])
    let expected = erlangB(servers: 4, load: 3)
    #expect(ci.replications == 10)
    #expect(ci.low <= expected && expected <= ci.high, "[\(ci.low), \(ci.high)] vs \(expected)")
    #expect(ci.halfWidth > 0 && ci.halfWidth < 0.02)
    #expect(r.replications == 10)
    #expect(r.simulatedSeconds == 10_000)
  }

  @Test func mergedReplicationsAddUpExactly() throws {
    let s = labScenario { s in
      s.workload.visitsPerSecond = 2
      s.durationSeconds = 600
    }
    let merged = try SimulationRun.execute(s, prices: .builtin(), replications: 3)
    var singles: [RunReport] = []
    for i in 0..<3 {
      var si = s
      si.seed += UInt64(i)
      singles.append(simulate(si))
    }
    #expect(merged.visits == singles.reduce(0) { $0 + $1.visits })
    var h = singles[0].histograms["counterApi"]!
    h.merge(singles[1].histograms["counterApi"]!)
    h.merge(singles[2].histograms["counterApi"]!)
    #expect(merged.histograms["counterApi"] == h)
    #expect(merged.lambda?.invocations == singles.reduce(0) { $0 + ($1.lambda?.invocations ?? 0) })
    let meanBusy = singles.reduce(0.0) { $0 + $1.lambda!.meanBusyInstances } / 3
    #expect(abs(merged.lambda!.meanBusyInstances - meanBusy) < 1e-12)
    // The bill of three merged windows is the bill of one average window.
    #expect(merged.cost!.scaling.measuredSeconds == 1_800)
  }

  @Test func replicationZeroIsTheSingleRun() throws {
    let s = labScenario { s in s.workload.visitsPerSecond = 1 }
    let one = try SimulationRun.execute(s, prices: .builtin(), replications: 1)
    #expect(one == { var r = simulate(s); r.cost = one.cost; return r }())
  }

  @Test func studentQuantiles() {
    #expect(ConfidenceInterval.t975(degreesOfFreedom: 9) == 2.262)
    #expect(abs(ConfidenceInterval.t975(degreesOfFreedom: 1000) - 1.962) < 0.001)
    let ci = ConfidenceInterval(values: [1, 2, 3, 4, 5])
    // mean 3, s = 1.5811, t(4) = 2.776: half-width 2.776 × 1.5811 / √5 = 1.9630.
    #expect(ci.mean == 3)
    #expect(abs(ci.halfWidth - 1.9630) < 0.0005)
  }
}
