import Dispatch
import Foundation
import LoadTest
import Metrics
import Pricing
import Reporting
import ScenarioModel
import Simulation
import WhatIf

/// What a live run will send and roughly what it costs on AWS, printed before it starts.
enum LiveEstimate {
  static func text(_ c: LiveConfig, loopback: Bool) -> String {
    let visits: Double
    switch c.shape {
    case .open: visits = c.shape.expectedVisits / Double(c.shard.count)
    case .closed(let users, let think, let duration): visits = Double(users) * duration / max(think, 0.05)
    }
    var requests = visits * Double(c.requestsPerVisit)
    if c.maxRequests > 0 { requests = min(requests, Double(c.maxRequests)) }
    let (cdnPerVisit, apiPerVisit) = c.requestsPerVisitByOrigin
    let scale =
      c.maxRequests > 0 && visits * Double(c.requestsPerVisit) > Double(c.maxRequests)
      ? Double(c.maxRequests) / (visits * Double(c.requestsPerVisit)) : 1
    let v = visits * scale
    let cost = awsCost(
      cdnRequests: v * cdnPerVisit, apiRequests: v * apiPerVisit, lambdaInvocations: v * (c.parts == .site ? 0 : 1))
    var out: String
    switch c.shape {
    case .open:
      out = String(format: "live: about %.0f visits, %.0f requests", v, requests)
    case .closed(let users, let think, let duration):
      // A closed loop's rate is set by the server's response time, which is not known yet.
      out =
        think > 0
        ? String(
          format:
            "live: closed model, %d users for %.0f s: at most %.0f visits (%.0f requests) even if every response were instant; the server's speed sets the real count",
          users, duration, v, requests)
        : String(
          format:
            "live: closed model, %d users for %.0f s with no think time: as many visits as the server answers%@",
          users, duration, c.maxRequests > 0 ? " (capped below)" : "")
    }
    out +=
      loopback
      ? " to this machine (loopback)"
      : String(
        format:
          "; estimated AWS cost of the test on a serverless site like the baseline: $%.4f (us-east-1 prices, free tier off, CloudFront data transfer not included)",
        cost)
    if c.maxRequests > 0 { out += "; capped at \(c.maxRequests) requests (--max-requests)" }
    return out
  }

  /// The marginal AWS cost of the test's requests, priced with the built-in table.
  static func awsCost(cdnRequests: Double, apiRequests: Double, lambdaInvocations: Double) -> Double {
    let t = PriceTable.builtin()
    func per(_ id: String) -> Double {
      guard let p = try? t.price(id), let tier = p.tiers.first else { return 0 }
      return tier.usd / p.per
    }
    let lambdaSeconds = lambdaInvocations * 0.015 * 0.125  // ~15 ms at 128 MB (the baseline's guess)
    return cdnRequests * per("cloudfront.httpsRequests") + apiRequests * per("apiGateway.http.requests")
      + lambdaInvocations * (per("lambda.requests") + per("dynamodb.onDemand.writes")) + lambdaSeconds
      * per("lambda.duration.x86_64")
  }
}
