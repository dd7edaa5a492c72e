import Metrics
import Pricing
import ScenarioModel

/// The latency stages a report breaks a visit into.
public enum Stage: Int, CaseIterable, Sendable {
  /// Visit start to page rendered (DNS, connection, HTML, assets).
  case pageLoad
  /// The counter API call as the browser sees it, from its start to its answer.
  case counterApi
  /// One DNS lookup by a visitor's resolver.
  case dns
  /// Time at the edge for one request: hit, waiting on a fetch, or fetching from the origin.
  case cdn
  /// One origin fetch from S3.
  case origin
  /// API Gateway's own added time per request.
  case apiGateway
  /// One Lambda invocation, init included, from invoke to return.
  case lambda
  /// One UpdateItem call as the handler sees it, retries and backoff included.
  case dynamodb

  /// The stage's series in reports.
  public var series: LatencySeries {
    switch self {
    case .pageLoad: .pageLoad
    case .counterApi: .counterApi
    case .dns: .dns
    case .cdn: .cdn
    case .origin: .origin
    case .apiGateway: .apiGateway
    case .lambda: .lambda
    case .dynamodb: .dynamodb
    }
  }

  /// The stage's name in reports.
  public var name: String { series.rawValue }
}
