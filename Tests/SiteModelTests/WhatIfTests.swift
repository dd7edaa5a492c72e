import Metrics
import Testing

@testable import Pricing
@testable import ScenarioModel
@testable import Simulation
@testable import WhatIf

@Suite struct SweepTests {
  @Test func throttlingFallsMonotonicallyWithReservedConcurrency() throws {
    // 40 calls/s of 100 ms (4 erlangs): more reserved concurrency, fewer throttles, down to
    // none; each point also matches Erlang B within 0.02.
    let json = """
      {"name": "sweep-lab", "seed": 3, "duration": "30m", "warmup": "1m",
       "workload": {"arrivals": {"visitsPerSecond": 40}, "diurnal": null, "parts": "api", "returningVisitorFraction": 0},
       "network": {"rttMs": 10}, "dns": {"cachedMs": 1, "lookupMs": 1}, "apiGateway": {"overheadMs": 1},
       "lambda": {"handlerMs": {"dist": "exponential", "mean": 100}, "coldStartMs": 0, "dynamodbCallsPerInvocation": 0, "timeoutSeconds": 900}}
      """
    let sweep = try Sweep(varying: ["lambda.reservedConcurrency=1,2,3,4,5,6,8,12"])
    let r = try sweep.run(
      json: json, overrides: [], prices: .builtin(), replications: 1, metrics: ["lambda.throttleRatio"])
    let ratios = r.points.map { $0.metrics[0]! }
    #expect(ratios.count == 8)
    for (a, b) in zip(ratios, ratios.dropFirst()) { #expect(b < a || b == 0, "\(ratios)") }
    for (p, ratio) in zip(r.points, ratios) {
      let c = Int(p.values[0])!
      #expect(abs(ratio - erlangB(servers: c, load: 4)) < 0.02, "c=\(c): \(ratio)")
    }
  }

  @Test func memorySweepMarksTheCheapestPointMeetingTheObjectives() throws {
    // A purely CPU-bound 200 ms handler measured at 128 MB: 100 ms at 256 MB, 50 ms at 512,
    // 25 ms at 1,024 (plus a few ms of network and gateway). An objective of 120 ms fails at
    // 128 MB only; more memory then only costs more (the 5 ms DynamoDB wait is billed at more
    // GB), so the cheapest passing point is 256 MB.
    let json = """
      {"name": "memory-lab", "seed": 3, "duration": "30m", "warmup": "1m",
       "workload": {"arrivals": {"visitsPerSecond": 5}, "parts": "api", "returningVisitorFraction": 0},
       "network": {"rttMs": 2}, "dns": {"cachedMs": 1, "lookupMs": 1}, "apiGateway": {"overheadMs": 1},
       "dynamodb": {"updateItemMs": 5},
       "lambda": {"handlerMs": 200, "coldStartMs": 0, "cpuBoundFraction": 1},
       "pricing": {"freeTier": false}}
      """
    let objective = try Objective(parsing: "counterApi.p99<=120ms")
    let r = try Sweep(varying: ["lambda.memoryMB=128,256,512,1024"]).run(
      json: json, overrides: [], prices: .builtin(), replications: 1, metrics: ["counterApi.p50"],
      objectives: [objective])
    #expect(r.metrics == ["counterApi.p50", "counterApi.p99", "cost.monthly.total"])
    let p50 = r.points.map { $0.metrics[0]! }
    for (a, b) in zip(p50, p50.dropFirst()) { #expect(b < a, "\(p50)") }
    // Handler halves with each doubling: the differences of the medians halve too (1% slack
    // for the histogram's resolution).
    #expect(abs((p50[0] - p50[1]) - 100) < 2 && abs((p50[1] - p50[2]) - 50) < 1, "\(p50)")
    #expect(r.points.map(\.missed.isEmpty) == [false, true, true, true])
    #expect(r.cheapestPassing == 1)
    let costs = r.points.map { $0.metrics[2]! }
    #expect(costs[1] <= costs[2] && costs[2] <= costs[3], "\(costs)")
    #expect(r.objectives == ["counterApi.p99<=120ms"])
  }

  @Test func valuesRangesAndProducts() throws {
    let s = try Sweep(varying: [
      "load=1x..1000x", "lambda.memoryMB=128,256", #"lambda.handlerMs={"dist":"constant","value":5},7"#,
    ])
    #expect(s.dimensions[0].values == ["1x", "3.162x", "10x", "31.62x", "100x", "316.2x", "1000x"])
    #expect(s.dimensions[2].values == [#"{"dist":"constant","value":5}"#, "7"])
    #expect(s.points.count == 7 * 2 * 2)
    #expect(s.points.first == ["1x", "128", #"{"dist":"constant","value":5}"#])
    #expect(try Sweep(varying: ["x=10..50/5"]).dimensions[0].values == ["10", "20", "30", "40", "50"])
    #expect(try Sweep(varying: ["load=1x..100x/3"]).dimensions[0].values == ["1x", "10x", "100x"])
    let base = try Sweep.scenario(json: "{}", overrides: [], dimensions: s.dimensions, values: ["10x", "256", "7"])
    #expect(abs(base.workload.visitsPerSecond - 10 * Scenario().workload.visitsPerSecond) < 1e-12)
    #expect(base.lambda.memoryMB == 256 && base.lambda.handlerMs == .constant(7))
    #expect(throws: ScenarioError.self) { try Sweep(varying: ["load=0x,2x"]) }
    #expect(throws: ScenarioError.self) { try Sweep(varying: ["load"]) }
  }
}

@Suite struct CapacityPlanTests {
  @Test func findsTheDynamoDBPartitionLimitAndNamesIt() throws {
    // API calls at 100/s base; the counter's partition takes 1,000 writes/s, so the closed-form
    // limit is 10x. The SDK does not retry (a throttled write is an error at once), and the
    // objective allows 0.1% errors: the plan must land within 5% of 10x and name DynamoDB.
    var s = labScenario { s in
      s.workload.parts = .api
      s.workload.visitsPerSecond = 100
      s.durationSeconds = 120
      s.warmupSeconds = 5
      s.dynamodb.maxAttempts = 1
    }
    s.seed = 11
    let plan = CapacityPlan(objectives: [try Objective(parsing: "errors.rate<=0.001")], replications: 3)
    let r = try plan.run(s, prices: .builtin())
    #expect(abs(r.multiplier - 10) / 10 < 0.05, "found \(r.multiplier)x")
    #expect(r.bottleneckComponent == "dynamodb", "\(r.bottleneck)")
    #expect(r.report?.cost != nil)
    #expect(r.steps.contains { !$0.passed })
  }

  /// "What breaks first as traffic grows?": on the baseline, the counter item's partition
  /// (1,000 write units/s) saturates long before API Gateway (10,000 requests/s) or Lambda's
  /// concurrency (1,000 environments of about 30 ms each), and each p99 rests on at least
  /// 10,000 calls.
  @Test func whatBreaksFirstAsTrafficGrows() throws {
    let base = try Scenario.load(json: BuiltinScenario.baselineJSON)
    let objectives = [try Objective(parsing: "counterApi.p99<=800ms"), try Objective(parsing: "counterApi.errors.rate<=0.001")]
    let r = try CapacityPlan(objectives: objectives, replications: 3).run(base, prices: .builtin())
    let writesPerSecond = r.visitsPerSecond * Double(base.page.apiCallsPerView)
    #expect(abs(writesPerSecond - 1_000) / 1_000 < 0.05, "largest passing load writes \(writesPerSecond)/s")
    #expect(r.saturatesFirst?.hasPrefix("DynamoDB item's partition") == true, "\(r.saturatesFirst ?? "-")")
    #expect(r.headroomAtLargest?.tightest?.component == "dynamodb")
    let today = try #require(r.headroomToday?.resources.first { $0.component == "dynamodb" })
    #expect(abs(today.use - base.workload.visitsPerSecond) < 0.1, "1x: about one write per visit")
    for step in r.steps {
      #expect((step.samples?["counterApi.p99<=800ms"] ?? 0) >= 10_000, "\(step.multiplier)x")
    }
    #expect(r.todayFails == nil)
  }

  @Test func aPlanSaysWhenTodaysLoadAlreadyFails() throws {
    let s = labScenario { s in
      s.workload.parts = .api
      s.workload.visitsPerSecond = 10
      s.warmupSeconds = 5
    }
    let r = try CapacityPlan(objectives: [try Objective(parsing: "counterApi.p50<=1ms")], replications: 1).run(
      s, prices: .builtin())
    #expect(r.multiplier == 0)
    let said = try #require(r.todayFails)
    #expect(said.contains("today's load (1x) already fails: counterApi.p50 is"), "\(said)")
    #expect(said.contains("searched below 1x"))
  }

  @Test func objectivesParse() throws {
    let a = try Objective(parsing: "counterApi.p99 <= 800ms")
    #expect(a.metric == "counterApi.p99" && a.comparison == .lessOrEqual && a.limit == 800)
    #expect(try Objective(parsing: "pageLoad.p50<2s").limit == 2_000)
    #expect(try Objective(parsing: "errors.rate<=0.1%").limit == 0.001)
    #expect(try Objective(parsing: "cdn.hitRatio>=0.9").comparison == .greaterOrEqual)
    #expect(throws: ObjectiveError.self) { try Objective(parsing: "counterApi.p99") }
    #expect(throws: ObjectiveError.self) { try Objective(parsing: "counterApi.p99<=fast") }
  }
}
