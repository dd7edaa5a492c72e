import Foundation
import Metrics
import Testing

@testable import Pricing
@testable import ScenarioModel
@testable import Simulation
@testable import WhatIf

/// Bills of deterministic scenarios (constant arrivals, constant latencies), computed by hand
/// in the comments and matched to the cent.
@Suite struct CostModelTests {
  /// A site whose counts are exact: one edge, objects cached for longer than the run, alias
  /// DNS records (free queries), a 10 ms invocation (5 ms handler + 5 ms UpdateItem), a
  /// 30-day billed month: 720 of AWS's 730 hours, so the hosted zone and the monthly free
  /// allowances are prorated by 720/730.
  func billScenario(_ configure: (inout Scenario) -> Void) -> Scenario {
    labScenario { s in
      s.workload.process = .constant
      s.warmupSeconds = 0
      s.page.htmlBytes = 10_000
      s.page.assets = [.init(name: "a.css", bytes: 45_000), .init(name: "b.jpg", bytes: 45_000)]
      s.cdn.edgeLocations = 1
      s.cdn.ttlSeconds = 100 * 86_400
      s.dns.aliasRecords = true
      s.pricing.monthSeconds = 30 * 86_400
      configure(&s)
    }
  }

  func bill(_ s: Scenario) throws -> CostReport {
    try CostModel.bill(simulate(s), scenario: s, prices: PriceTable.builtin())
  }

  func amount(_ c: CostReport, _ id: String) -> Double {
    c.lineItems.filter { $0.priceId == id }.reduce(0) { $0 + $1.amount }
  }

  @Test func freeTierOnSmallSite() throws {
    // 1 visit/s for 1 day, scaled ×30: 2,592,000 visits a month.
    // CloudFront: 3 requests a visit = 7,776,000 (< 10M × 720/730 = 9,863,014 free) -> $0;
    //   100,000 B a visit = 2.592e11 B = 241.4 GB (< 1,010 GB free) -> $0.
    // S3: 3 origin fetches (the first visit) ×30 = 90 GETs × $0.0004/1,000 = $0.000036 -> $0.00.
    // Route 53: hosted zone $0.50 × 720/730 = $0.4932 -> $0.49; alias queries free.
    // API Gateway HTTP: 2,592,000 × $1.00/M = $2.592 -> $2.59; 300 B responses = 0.72 GB out
    //   (< 98.6 GB free) -> $0.
    // Lambda requests: (2,592,000 − 986,301 free) × $0.20/M = $0.3211 -> $0.32.
    // Lambda duration: 2,592,000 × 10 ms × 0.125 GB = 3,240 GB-s (< 394,521 free) -> $0.
    // DynamoDB on demand: 2,592,000 writes × $0.625/M = $1.62.
    // CloudWatch: 260 B logged per invocation = 0.63 GB (< 4.93 GB free) -> $0.
    // Total $0.49 + $2.59 + $0.32 + $1.62 = $5.02, of which $0.49 fixed (the zone).
    let c = try bill(
      billScenario { s in
        s.workload.visitsPerSecond = 1
        s.durationSeconds = 86_400
      })
    #expect(c.scaling.factor == 30)
    #expect(c.monthly.route53 == 0.49)
    #expect(c.monthly.cloudfront == 0)
    #expect(c.monthly.s3 == 0)
    #expect(c.monthly.apiGateway == 2.59)
    #expect(c.monthly.lambda == 0.32)
    #expect(c.monthly.dynamodb == 1.62)
    #expect(c.monthly.total == 5.02)
    #expect(c.monthly.fixed == 0.49 && c.monthly.usage == 4.53)
    #expect(c.yearly == 61.08)  // $5.02 × 8,760 / 720 = $61.0767
    let requests = try #require(c.lineItems.first { $0.priceId == "cloudfront.httpsRequests" })
    #expect(requests.quantity == 777.6 && requests.freeQuantity == 777.6 && requests.unit == "10K requests")
    let gbs = try #require(c.lineItems.first { $0.priceId == "lambda.duration.x86_64" })
    #expect(abs(gbs.quantity - 3_240) < 1e-6)
    // Per 1,000 visits counts usage only: $4.53 over 2,592 thousand visits.
    #expect(abs(c.perThousandVisits - 4.53 / 2_592) < 1e-9)
    #expect(c.scaling.warning == nil)
  }

  @Test func freeTierOffOverTheHTTPAPITierBoundary() throws {
    // API only, 200 visits/s for 1 hour, scaled ×720: 518,400,000 calls a month.
    // API Gateway HTTP: first 300M × $1.00/M = $300.00; next 218.4M × $0.90/M = $196.56;
    //   -> $496.56.
    // API data out: 518.4M × 300 B = 144.84 GB × $0.09 = $13.0355 -> $13.04; API Gateway
    //   $509.60.
    // Lambda requests: 518.4M × $0.20/M = $103.68.
    // Lambda duration: 518.4M × 10 ms × 0.125 GB = 648,000 GB-s × $0.0000166667 = $10.80002
    //   -> $10.80.
    // DynamoDB: 518.4M × $0.625/M = $324.00. Route 53: $0.4932 -> $0.49.
    // CloudWatch: 518.4M × 260 B = 125.53 GB × $0.50 = $62.76 ingested, × $0.03 = $3.77 kept.
    // Total $0.49 + $509.60 + $103.68 + $10.80 + $324.00 + $66.53 = $1,015.10.
    let c = try bill(
      billScenario { s in
        s.workload.parts = .api
        s.workload.visitsPerSecond = 200
        s.durationSeconds = 3_600
        s.pricing.freeTier = false
      })
    #expect(c.scaling.factor == 720)
    let api = c.lineItems.filter { $0.priceId == "apiGateway.http.requests" }
    #expect(api.map(\.amount) == [300.00, 196.56])
    #expect(api.map(\.quantity) == [300, 218.4])
    #expect(api.map(\.unitPrice) == [1.00, 0.90])
    #expect(amount(c, "apiGateway.dataOut") == 13.04)
    #expect(c.monthly.apiGateway == 509.60)
    #expect(amount(c, "lambda.requests") == 103.68)
    #expect(amount(c, "lambda.duration.x86_64") == 10.80)
    #expect(c.monthly.dynamodb == 324.00)
    #expect(amount(c, "cloudwatch.lambdaLogs.ingestion") == 62.76)
    #expect(amount(c, "cloudwatch.logs.storage") == 3.77)
    #expect(c.monthly.cloudwatch == 66.53)
    #expect(c.monthly.total == 1_015.10)
  }

  @Test func provisionedConcurrencyOnArm64() throws {
    // API only, 1 visit/s for 1 day ×30, 2 provisioned arm64 environments of 128 MB.
    // Provisioned concurrency: 2 × 0.125 GB × 2,592,000 s = 648,000 GB-s × $0.0000033334
    //   = $2.1600 -> $2.16.
    // Every invocation runs on them: 2,592,000 × 10 ms × 0.125 GB = 3,240 GB-s ×
    //   $0.0000077778 = $0.0252 -> $0.03.
    // No Lambda free tier for a function with provisioned concurrency (even with the free
    //   tier on): requests 2,592,000 × $0.20/M = $0.5184 -> $0.52.
    // API Gateway $2.59. DynamoDB $1.62. Route 53 $0.49.
    // Total $0.49 + $2.59 + ($2.16 + $0.03 + $0.52) + $1.62 = $7.41; fixed $0.49 + $2.16.
    let c = try bill(
      billScenario { s in
        s.workload.parts = .api
        s.workload.visitsPerSecond = 1
        s.durationSeconds = 86_400
        s.lambda.architecture = .arm64
        s.lambda.provisionedConcurrency = 2
      })
    #expect(amount(c, "lambda.provisionedConcurrency.arm64") == 2.16)
    #expect(amount(c, "lambda.provisionedDuration.arm64") == 0.03)
    #expect(amount(c, "lambda.duration.arm64") == 0)
    let requests = try #require(c.lineItems.first { $0.priceId == "lambda.requests" })
    #expect(requests.freeQuantity == 0 && requests.amount == 0.52)
    #expect(c.monthly.lambda == 2.71)
    #expect(c.monthly.total == 7.41)
    #expect(c.monthly.fixed == 2.65 && c.monthly.usage == 4.76)
  }

  @Test func provisionedDynamoDBCapacityPastTheFreeTier() throws {
    // 100 WCU and 25 RCU for a 720-hour month; 25 of each free per hour.
    // WCU: 72,000 WCU-hours − 18,000 free = 54,000 × $0.00065 = $35.10. RCU: all free.
    let c = try bill(
      billScenario { s in
        s.workload.parts = .api
        s.workload.visitsPerSecond = 1
        s.durationSeconds = 3_600
        s.dynamodb.billingMode = .provisioned
        s.dynamodb.writeCapacityUnits = 100
        s.dynamodb.readCapacityUnits = 25
      })
    #expect(amount(c, "dynamodb.provisioned.wcuHours") == 35.10)
    #expect(amount(c, "dynamodb.provisioned.rcuHours") == 0)
    #expect(c.monthly.dynamodb == 35.10)
  }

  @Test func restAPICostsMoreThanHTTP() throws {
    // 2,592,000 requests: REST $3.50/M = $9.072 -> $9.07 against HTTP $2.59.
    let c = try bill(
      billScenario { s in
        s.workload.parts = .api
        s.workload.visitsPerSecond = 1
        s.durationSeconds = 86_400
        s.apiGateway.type = .rest
      })
    #expect(c.monthly.apiGateway == 9.07)
  }

  @Test func nonAliasQueriesAreBilled() throws {
    // One resolver, TTL 60 s, one API lookup a second: Route 53 sees one query a minute,
    // 1,440 a day, ×30 = 43,200 queries × $0.40/M = $0.01728 -> $0.02; zone $0.49.
    let c = try bill(
      billScenario { s in
        s.workload.parts = .api
        s.workload.visitsPerSecond = 1
        s.durationSeconds = 86_400
        s.dns.resolvers = 1
        s.dns.aliasRecords = false
      })
    let q = try #require(c.lineItems.first { $0.priceId == "route53.queries" })
    #expect(q.quantity == 0.0432)
    #expect(c.monthly.route53 == 0.51)
  }

  @Test func spikesInTheWindowAreFlaggedWhenScaled() throws {
    var s = billScenario { s in
      s.workload.parts = .api
      s.workload.visitsPerSecond = 1
      s.durationSeconds = 3_600
      s.workload.spikes = [
        .init(startSeconds: 600, rampUpSeconds: 0, holdSeconds: 600, rampDownSeconds: 0, multiplier: 10)
      ]
    }
    let warned = try bill(s)
    #expect(warned.scaling.warning?.contains("repeats the spike 720.00 times") == true)
    s.workload.spikes = []
    #expect(try bill(s).scaling.warning == nil)
    // A whole month simulated: nothing is multiplied, nothing to warn about.
    s.workload.spikes = [
      .init(startSeconds: 600, rampUpSeconds: 0, holdSeconds: 600, rampDownSeconds: 0, multiplier: 10)
    ]
    s.durationSeconds = s.pricing.monthSeconds
    s.workload.visitsPerSecond = 0.01
    #expect(try bill(s).scaling.warning == nil)
  }

  @Test func flatRatePlansAreComparedWithPayAsYouGo() throws {
    // 7,776,000 CloudFront requests and 241 GB a month: over the Free plan's 1M requests,
    // within Pro's 10M.
    let c = try bill(
      billScenario { s in
        s.workload.visitsPerSecond = 1
        s.durationSeconds = 86_400
      })
    let fits = Dictionary(uniqueKeysWithValues: c.alternatives.map { ($0.name, $0.fits) })
    #expect(fits["CloudFront flat-rate Free"] == false)
    #expect(fits["CloudFront flat-rate Pro"] == true)
    #expect(c.alternatives.first { $0.name == "CloudFront flat-rate Pro" }?.monthly == 15)
  }
}

@Suite struct PriceTableTests {
  @Test func embeddedTableIsTheCommittedFile() throws {
    let file = try String(
      contentsOf: ScenarioTests.repoRoot.appendingPathComponent("Pricing/us-east-1.json"), encoding: .utf8)
    #expect(file == BuiltinPrices.usEast1JSON + "\n")
  }

  @Test func everyPriceHasASourceAndADate() {
    let t = PriceTable.builtin()
    #expect(t.prices.count >= 20)
    for p in t.prices {
      #expect(!p.source.isEmpty && p.read.count == 10, "\(p.id)")
    }
  }

  @Test func overridesReplaceOnePrice() throws {
    var t = PriceTable.builtin()
    try t.apply(overrides: ["lambda.requests": 0.25])
    #expect(try t.price("lambda.requests").tiers == [.init(upTo: nil, usd: 0.25)])
    #expect(throws: ScenarioError.self) { try t.apply(overrides: ["lambda.requestz": 1]) }
  }

  @Test func badPricingFilesNameTheFileAndPath() {
    let cases: [(String, String)] = [
      (#"{"prices": [{"id": "x"}]}"#, "p.json: prices[0].service: missing"),
      (
        #"{"prices": [{"id": "x", "service": "s", "description": "d", "unit": "u", "source": "s", "read": "r", "usd": -1}]}"#,
        "p.json: prices[0].usd: -1 is below the minimum 0"
      ),
      (
        #"{"prices": [{"id": "x", "service": "s", "description": "d", "unit": "u", "source": "s", "read": "r", "tiers": [{"upTo": 5, "usd": 1}]}]}"#,
        "p.json: prices[0].tiers: the last tier must have no upTo"
      ),
      ("{", "p.json: JSON syntax error"),
      (
        #"{"prices": [{"id": "x", "service": "ec2", "description": "d", "unit": "u", "source": "s", "read": "r", "usd": 1}]}"#,
        "p.json: prices[0].service: \"ec2\" is not one of route53, cloudfront"
      ),
    ]
    for (json, expected) in cases {
      do {
        _ = try PriceTable.parse(json: json, file: "p.json")
        Issue.record("accepted \(json)")
      } catch {
        #expect(error.description.hasPrefix(expected), "got \(error.description)")
      }
    }
  }
}

/// A Lambda Function URL in place of API Gateway: no gateway latency, no throttle, no charge.
@Suite struct FunctionURLTests {
  @Test func aFunctionURLHasNoGatewayLatencyThrottleOrCharge() throws {
    func run(_ type: Scenario.APIGateway.Kind) throws -> RunReport {
      let s = labScenario { s in
        s.workload.process = .constant
        s.workload.visitsPerSecond = 5
        s.warmupSeconds = 0
        s.durationSeconds = 600
        s.apiGateway.type = type
        s.apiGateway.overheadMs = .constant(4)
        // A throttle API Gateway would enforce: one request a second, a burst of one.
        s.apiGateway.rateLimitPerSecond = 1
        s.apiGateway.burst = 1
      }
      var report = simulate(s)
      report.cost = try CostModel.bill(report, scenario: s, prices: PriceTable.builtin())
      return report
    }
    let gateway = try run(.http)
    let url = try run(.functionUrl)
    #expect(gateway.apiGateway!.throttled > 0)
    #expect(url.apiGateway!.throttled == 0)
    #expect(gateway.latencyMs["apiGateway"]!.p50 == 4)
    #expect(url.latencyMs["apiGateway"]!.p50 == 0)
    #expect(url.cost!.monthly.apiGateway == 0)
    #expect(gateway.cost!.monthly.apiGateway > 0)
    // The function itself is billed the same way either way.
    #expect(url.cost!.monthly.lambda >= gateway.cost!.monthly.lambda)
  }
}
