import Metrics
import Testing

@testable import Pricing
@testable import ScenarioModel
@testable import Simulation
@testable import WhatIf

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
    #expect(
      one
        == {
          var r = simulate(s)
          r.cost = one.cost
          return r
        }())
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

@Suite struct SegmentTests {
  @Test func segmentsReproduceTheSingleRun() throws {
    // Two days of 4 visits/s with a daily cycle and a spike on day 2, simulated whole and as 4
    // parallel segments: the segmented run covers the same clock (same visit count within
    // Poisson noise, the spike in the same place) and agrees on the figures within noise.
    var s = try BuiltinScenario.baseline()
    s.workload.visitsPerSecond = 4
    s.durationSeconds = 2 * 86_400
    s.workload.spikes = [
      .init(startSeconds: 1.5 * 86_400, rampUpSeconds: 600, holdSeconds: 3_600, rampDownSeconds: 600, multiplier: 5)
    ]
    let whole = try SimulationRun.execute(s, prices: .builtin())
    let parts = try SimulationRun.segmented(s, prices: .builtin(), segments: 4)
    #expect(parts.simulatedSeconds == whole.simulatedSeconds)
    let ratio = Double(parts.visits) / Double(whole.visits)
    #expect(abs(ratio - 1) < 0.01, "visits \(parts.visits) vs \(whole.visits)")
    let a = try #require(whole.lambda)
    let b = try #require(parts.lambda)
    #expect(abs(a.meanBusyInstances - b.meanBusyInstances) / a.meanBusyInstances < 0.03)
    #expect(abs(a.meanInstances - b.meanInstances) / a.meanInstances < 0.05)
    #expect(
      abs(whole.latencyMs["counterApi"]!.p99 - parts.latencyMs["counterApi"]!.p99) / whole.latencyMs["counterApi"]!.p99
        < 0.05)
    #expect(abs(whole.cost!.monthly.total - parts.cost!.monthly.total) / whole.cost!.monthly.total < 0.02)
    // The spike sits at the same place of the joined time series.
    let wt = try #require(whole.timeSeries)
    let pt = try #require(parts.timeSeries)
    let spikeAt = 1.5 * 86_400 + 1_800
    func visitsNear(_ ts: TimeSeries) -> UInt64 { ts.total("visits", from: spikeAt - 1_200, to: spikeAt + 1_200) }
    let joined = TimeSeries(bucketSeconds: pt.bucketSeconds, startSeconds: wt.startSeconds, series: pt.series)
    #expect(abs(Double(visitsNear(joined)) / Double(visitsNear(wt)) - 1) < 0.05)
  }
}
