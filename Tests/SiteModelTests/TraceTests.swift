import Testing

@testable import Pricing
@testable import ScenarioModel
@testable import Simulation
@testable import WhatIf

@Suite struct TraceTests {
  @Test func parsesSecondsISODatesAndAHeader() throws {
    let csv = """
      timestamp,path
      2026-11-24T18:00:00Z,/
      2026-11-24T18:00:00.500Z,/
      # a comment

      2026-11-24T19:00:01+01:00,/count
      """
    #expect(try TraceCSV.parse(csv, file: "t.csv") == [0, 0.5, 1])
    #expect(try TraceCSV.parse("10\n12.5\n11\n", file: "t.csv") == [0, 1, 2.5])
    #expect(throws: ScenarioError.self) { try TraceCSV.parse("1\nlater\n", file: "t.csv") }
    #expect(throws: ScenarioError.self) { try TraceCSV.parse("header only\n", file: "t.csv") }
  }

  @Test func replayedArrivalsAreTheTracesTimestamps() throws {
    // 1,000 arrivals in the first second, then one every 10 s: the replay must see exactly the
    // timestamps that fall in the window [warmup, warmup + duration).
    var times = (0..<1_000).map { Double($0) / 1_000 }
    times += (1...100).map { Double($0) * 10 }
    var s = labScenario { s in
      s.workload.parts = .api
      s.workload.process = .trace
      s.warmupSeconds = 0.5
      s.durationSeconds = 500
    }
    s.workload.traceSeconds = times
    let r = simulate(s)
    let expected = times.filter { $0 >= 0.5 && $0 < 500.5 }.count
    #expect(r.visits == UInt64(expected))
    #expect(r.lambda?.invocations == UInt64(expected))
    #expect((r.lambda?.peakConcurrency ?? 0) > 1, "the burst in the first second overlaps")
  }

  @Test func traceNeedsAFileAndNoSpikes() {
    #expect(throws: ScenarioError.self) {
      try Scenario.load(json: #"{"workload": {"arrivals": {"process": "trace"}}}"#)
    }
    #expect(throws: ScenarioError.self) {
      try Scenario.load(
        json: #"{"workload": {"arrivals": {"process": "trace", "traceFile": "a.csv"}, "diurnal": {"amplitude": 0.5}}}"#)
    }
    #expect(throws: ScenarioError.self) {
      try Scenario.load(json: #"{"workload": {"arrivals": {"traceFile": "a.csv"}}}"#)
    }
  }
}
