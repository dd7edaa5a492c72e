import Foundation
import Metrics
import Testing

@testable import Pricing
@testable import ScenarioModel
@testable import Simulation
@testable import WhatIf

/// The billing dimensions beyond requests and duration: bytes out of API Gateway, HTTP API
/// metering steps, DynamoDB write units by item size, CloudWatch Logs, the month's length.
/// Each bill is computed by hand in the comments and matched to the cent.
extension CostModelTests {
  /// API only, 1 visit/s for 1 day ×30 = 2,592,000 calls a month, free tier off.
  func apiOnly(_ configure: @escaping (inout Scenario) -> Void) -> Scenario {
    billScenario { s in
      s.workload.parts = .api
      s.workload.visitsPerSecond = 1
      s.durationSeconds = 86_400
      s.pricing.freeTier = false
      configure(&s)
    }
  }

  @Test func apiResponsesAreBilledAsDataOut() throws {
    // 3 KB responses: 2,592,000 × 3,072 B = 7,962,624,000 B = 7.4158 GB × $0.09 = $0.6674
    //   -> $0.67; requests $2.59 (one 512 KB step each): API Gateway $3.26.
    let c = try bill(apiOnly { $0.apiGateway.responseBytes = 3_072 })
    let out = try #require(c.lineItems.first { $0.priceId == "apiGateway.dataOut" })
    #expect(abs(out.quantity - 7_962_624_000 / CostModel.bytesPerGB) < 1e-9)
    #expect(out.amount == 0.67)
    #expect(c.monthly.apiGateway == 3.26)
  }

  @Test func httpAPIRequestsAreMeteredIn512KBSteps() throws {
    // 600 KB responses count as two requests: 5,184,000 × $1.00/M = $5.18. A REST API does
    // not meter in steps: 2,592,000 × $3.50/M = $9.07.
    let http = try bill(apiOnly { $0.apiGateway.responseBytes = 600 * 1_024 })
    #expect(amount(http, "apiGateway.http.requests") == 5.18)
    let exact = try bill(apiOnly { $0.apiGateway.responseBytes = 512 * 1_024 })
    #expect(amount(exact, "apiGateway.http.requests") == 2.59)
    let rest = try bill(
      apiOnly {
        $0.apiGateway.responseBytes = 600 * 1_024
        $0.apiGateway.type = .rest
      })
    #expect(amount(rest, "apiGateway.rest.requests") == 9.07)
  }

  @Test func largerItemsTakeMoreWriteUnits() throws {
    // A 2 KB counter item: 2 write units per UpdateItem: 5,184,000 × $0.625/M = $3.24.
    // 2,049 bytes: 3 units: 7,776,000 × $0.625/M = $4.86. 100 bytes: 1 unit, $1.62.
    #expect(try bill(apiOnly { $0.dynamodb.itemBytes = 2_048 }).monthly.dynamodb == 3.24)
    #expect(try bill(apiOnly { $0.dynamodb.itemBytes = 2_049 }).monthly.dynamodb == 4.86)
    #expect(try bill(apiOnly { $0.dynamodb.itemBytes = 100 }).monthly.dynamodb == 1.62)
  }

  @Test func lambdaAndAccessLogsAreBilled() throws {
    // 1,000 B logged per invocation: 2.592e9 B = 2.41399 GB × $0.50 = $1.2070 -> $1.21.
    // Access logs of 500 B a request: 1.296e9 B = 1.20699 GB × $0.50 = $0.6035 -> $0.60.
    // Storage of both for a month: 3.62098 GB × $0.03 = $0.1086 -> $0.11.
    // CloudWatch $1.21 + $0.60 + $0.11 = $1.92.
    let c = try bill(
      apiOnly {
        $0.lambda.logBytesPerInvocation = 1_000
        $0.apiGateway.accessLogBytesPerRequest = 500
      })
    #expect(amount(c, "cloudwatch.lambdaLogs.ingestion") == 1.21)
    #expect(amount(c, "cloudwatch.logs.ingestion") == 0.60)
    #expect(amount(c, "cloudwatch.logs.storage") == 0.11)
    #expect(c.monthly.cloudwatch == 1.92)
  }

  @Test func aShorterMonthProratesFixedItems() throws {
    // pricing.month = 24 h, one day simulated (factor 1): hosted zone $0.50 × 24/730 =
    // $0.01644 -> $0.02. Requests 86,400 × $1.00/M = $0.0864 -> $0.09 (API Gateway),
    // Lambda 86,400 × $0.20/M = $0.01728 -> $0.02 and 108 GB-s × $0.0000166667 = $0.0018
    // -> $0.00, DynamoDB 86,400 × $0.625/M = $0.054 -> $0.05; logs 22.5 MB: $0.01 + $0.00.
    // Total $0.02 + $0.09 + $0.02 + $0.05 + $0.01 = $0.19; a year is 365 such days: $69.35.
    let c = try bill(apiOnly { $0.pricing.monthSeconds = 86_400 })
    #expect(c.scaling.factor == 1)
    #expect(c.monthly.route53 == 0.02)
    #expect(c.monthly.apiGateway == 0.09)
    #expect(c.monthly.lambda == 0.02)
    #expect(c.monthly.dynamodb == 0.05)
    #expect(c.monthly.cloudwatch == 0.01)
    #expect(c.monthly.total == 0.19)
    #expect(c.yearly == 69.35)
    #expect(c.scaling.method.contains("prorated"))
  }

  @Test func aMonthlyRateBillsExactlyThatManyVisits() throws {
    // 100,000 visits a month over the default 730-hour month, the whole month simulated
    // with even spacing: 100,000 Lambda requests (a 30-day month would have made 101,389).
    let s = try Scenario.load(
      json: #"""
        {"duration": "730h", "warmup": 0,
         "workload": {"arrivals": {"process": "constant", "visitsPerMonth": 100000}, "parts": "api",
                      "diurnal": null},
         "pricing": {"freeTier": false}}
        """#)
    let c = try CostModel.bill(simulate(s), scenario: s, prices: PriceTable.builtin())
    let requests = try #require(c.lineItems.first { $0.priceId == "lambda.requests" })
    #expect(abs(requests.quantity * 1e6 - 100_000) <= 1, "\(requests.quantity * 1e6) requests")
    // $0.20/M × 100,000 = $0.02.
    #expect(requests.amount == 0.02)
  }

  @Test func flatRatePlansNeedCloudFrontTraffic() throws {
    #expect(try bill(apiOnly { _ in }).alternatives.isEmpty)
  }
}
