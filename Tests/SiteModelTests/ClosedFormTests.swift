import Metrics
import Pricing
import ScenarioModel
import SimKernel
import Simulation
import Testing
import WhatIf

/// The simulator held to results known in closed form (MODEL.md, "Closed-form checks").
@Suite struct ClosedFormTests {
  @Test func littlesLawForBusyLambdaEnvironments() throws {
    // L = λ W: mean busy environments = invocation rate × mean time an invocation holds one.
    // Service = handler (exponential, mean 40 ms) + UpdateItem (10 ms) + init on cold starts
    // (200 ms × cold ratio). 20 visits/s for 4,000 s: about 80,000 invocations, so the time
    // average has a relative standard error well under 1%; tolerance 3%.
    let s = labScenario { s in
      s.workload.parts = .api
      s.workload.visitsPerSecond = 20
      s.durationSeconds = 4_000
      s.lambda.handlerMs = .exponential(mean: 40)
      s.lambda.coldStartMs = .constant(200)
      s.lambda.idleTimeout = .fixed(2)
      s.dynamodb.updateItemMs = .constant(10)
    }
    let r = simulate(s)
    let lambda = try #require(r.lambda)
    #expect(lambda.throttled == 0)
    #expect(lambda.coldStarts > 100, "the idle timeout is short enough to make cold starts")
    let rate = Double(lambda.invocations) / s.durationSeconds
    let meanService = 0.040 + 0.010 + lambda.coldStartRatio * 0.200
    let expected = rate * meanService
    #expect(
      abs(lambda.meanBusyInstances - expected) / expected < 0.03, "L \(lambda.meanBusyInstances) vs λW \(expected)")
    // The Lambda stage histogram measures W directly: the same law from the other side.
    let measuredW = try #require(r.latencyMs["lambda"]).mean / 1000
    #expect(abs(lambda.meanBusyInstances - rate * measuredW) / expected < 0.01)
  }

  @Test(arguments: [(5, 40.0), (10, 80.0), (2, 30.0)])
  func erlangBForReservedConcurrency(servers: Int, visitsPerSecond: Double) throws {
    // Reserved concurrency c, no queue, Poisson arrivals, exponential service 100 ms: the
    // throttled fraction is Erlang B(c, λ·0.1). Over 120,000 s × λ arrivals the estimate's
    // standard error is below 0.002; tolerance 0.01 absolute.
    let s = labScenario { s in
      s.workload.parts = .api
      s.workload.visitsPerSecond = visitsPerSecond
      s.durationSeconds = 200_000 / visitsPerSecond
      s.lambda.reservedConcurrency = servers
      s.lambda.handlerMs = .exponential(mean: 100)
      s.lambda.dynamodbCallsPerInvocation = 0
      s.lambda.timeoutSeconds = 900
    }
    let r = simulate(s)
    let lambda = try #require(r.lambda)
    let expected = erlangB(servers: servers, load: visitsPerSecond * 0.1)
    #expect(abs(lambda.throttleRatio - expected) < 0.01, "throttled \(lambda.throttleRatio) vs Erlang B \(expected)")
    #expect(lambda.peakConcurrency == servers)
    #expect((r.errors.byKind["lambdaThrottled"] ?? 0) == lambda.throttled)
  }

  @Test(arguments: [(1, 0.5, 10.0), (4, 2.0, 10.0), (2, 0.05, 30.0)])
  func ttlCacheHitRatio(edges: Int, requestsPerSecond: Double, ttlSeconds: Double) throws {
    // One object, Poisson requests spread evenly over `edges` edges, TTL T counted from the
    // fetch (an instant one here): each edge's hit ratio is rT/(1+rT) with r the per-edge rate.
    // 60,000 requests; tolerance 0.01 absolute (over 4 standard errors).
    let s = labScenario { s in
      s.workload.parts = .site
      s.workload.visitsPerSecond = requestsPerSecond
      s.durationSeconds = 60_000 / requestsPerSecond
      s.warmupSeconds = 10 * ttlSeconds
      s.page.assets = []
      s.page.htmlTtlSeconds = ttlSeconds
      s.cdn.edgeLocations = edges
    }
    let r = simulate(s)
    let cdn = try #require(r.cdn)
    let rT = requestsPerSecond / Double(edges) * ttlSeconds
    let expected = rT / (1 + rT)
    #expect(abs(cdn.hitRatio - expected) < 0.01, "hit ratio \(cdn.hitRatio) vs rT/(1+rT) \(expected)")
    #expect(cdn.originFetches == cdn.requests - cdn.hits)
  }

  @Test func coldStartsVanishWithConstantArrivalsAndALongIdleTimeout() throws {
    let s = labScenario { s in
      s.workload.parts = .api
      s.workload.process = .constant
      s.workload.visitsPerSecond = 2
      s.warmupSeconds = 30
      s.durationSeconds = 3_600
      s.lambda.idleTimeout = .fixed(600)
    }
    let r = simulate(s)
    let lambda = try #require(r.lambda)
    #expect(lambda.coldStarts == 0)
    #expect(lambda.invocations == 7_200)
    #expect(r.visits == 7_200)
    // One environment serves everything: it is alive the whole window.
    #expect(abs(lambda.meanInstances - 1) < 1e-9)
  }

  @Test func simFaaSDocumentedCase() throws {
    // SimFaaS's documented case (pacslab/simfaas README; MODEL.md): Poisson 0.9 req/s, warm
    // 1.991 s, cold 2.244 s, idle timeout 600 s gives cold-start probability about 0.0013 and
    // about 7.6 instances on average. 300,000 s here: tolerances 30% and 5%.
    let s = labScenario { s in
      s.workload.parts = .api
      s.workload.visitsPerSecond = 0.9
      s.warmupSeconds = 3_600
      s.durationSeconds = 300_000
      s.lambda.handlerMs = .exponential(mean: 1_991)
      s.lambda.coldStartMs = .constant(253)
      s.lambda.dynamodbCallsPerInvocation = 0
      s.lambda.timeoutSeconds = 900
      s.lambda.idleTimeout = .fixed(600)
    }
    let lambda = try #require(simulate(s).lambda)
    #expect(abs(lambda.coldStartRatio - 0.0013) / 0.0013 < 0.3, "cold-start ratio \(lambda.coldStartRatio)")
    #expect(abs(lambda.meanInstances - 7.6) / 7.6 < 0.05, "mean instances \(lambda.meanInstances)")
    #expect(abs(lambda.meanBusyInstances - 0.9 * 1.991) / 1.792 < 0.03)
  }

  /// API calls at a constant 1,500/s for 60 s from t = 0: half again what the counter's
  /// partition takes.
  static func partitionOverload(_ tweak: (inout Scenario) -> Void) -> Scenario {
    labScenario { s in
      s.workload.parts = .api
      s.workload.process = .constant
      s.workload.visitsPerSecond = 1_500
      s.warmupSeconds = 0
      s.durationSeconds = 60
      tweak(&s)
    }
  }

  @Test func dynamoDBPartitionCapsWritesAt1000PerSecond() throws {
    // 1,500 API calls/s for 60 s without SDK retries: one partition accepts 1,000 WCU/s plus
    // one second of burst, so 61,000 writes; the other 29,000 are throttled and fail.
    let r = simulate(Self.partitionOverload { $0.dynamodb.maxAttempts = 1 })
    let d = try #require(r.dynamodb)
    #expect(d.writes >= 60_990 && d.writes <= 61_001, "writes \(d.writes)")
    #expect(d.writes + d.failed == r.visits)
    #expect(r.visits == 90_000)  // arrivals every 666,667 ns from t = 0
    #expect(d.retries == 0)
    #expect(r.errors.byKind["dynamodbThrottled"] == d.failed)
  }

  @Test func throttledWritesAreRetriedWithBackoff() throws {
    // The same overload with botocore's policy (10 attempts, 50 ms × 2^n): retries happen,
    // fewer calls fail, and waiting for retries stretches the DynamoDB stage's tail.
    let r = simulate(Self.partitionOverload { $0.lambda.timeoutSeconds = 900 })
    let d = try #require(r.dynamodb)
    #expect(d.retries > 0)
    #expect(d.throttled == d.retries + d.failed)
    #expect(try #require(r.latencyMs["dynamodb"]).p99 > 50)
    // Over the run plus its drain the partition still never exceeds 1,000 writes/s.
    let lastWriteSeconds = 60 + 25.6 * 2 + 1  // retries can run on this long after the last arrival
    #expect(Double(d.writes) <= 1_000 * lastWriteSeconds + 1_000)
  }

  @Test func apiGatewayTokenBucketAllowsRatePlusBurst() throws {
    // A token bucket of rate 100/s and burst 50 under a constant 300/s for 10 s lets through
    // 100 × 10 + 50 requests.
    let s = labScenario { s in
      s.workload.parts = .api
      s.workload.process = .constant
      s.workload.visitsPerSecond = 300
      s.warmupSeconds = 0
      s.durationSeconds = 10
      s.apiGateway.rateLimitPerSecond = 100
      s.apiGateway.burst = 50
    }
    let r = simulate(s)
    let a = try #require(r.apiGateway)
    let passed = a.requests - a.throttled
    #expect(passed >= 1_049 && passed <= 1_051, "passed \(passed)")
    #expect(r.errors.byKind["apiGatewayThrottled"] == a.throttled)
  }

  @Test func scalingRateLimitsNewEnvironments() throws {
    // 10 new environments per 10 s, a burst of 200/s of 5-second requests: at most 10 + 1/s
    // cold starts over the first 10 s.
    let s = labScenario { s in
      s.workload.parts = .api
      s.workload.process = .constant
      s.workload.visitsPerSecond = 200
      s.warmupSeconds = 0
      s.durationSeconds = 10
      s.lambda.newEnvironmentsPer10Seconds = 10
      s.lambda.handlerMs = .constant(5_000)
      s.lambda.timeoutSeconds = 900
      s.lambda.dynamodbCallsPerInvocation = 0
    }
    let lambda = try #require(simulate(s).lambda)
    #expect(lambda.coldStarts <= 20 && lambda.coldStarts >= 19)
    #expect(lambda.throttled > 1_900)
  }
}
