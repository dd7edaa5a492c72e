import Metrics
import Pricing
import ScenarioModel

/// Why a browser request failed.
public enum ErrorKind: Int, CaseIterable, Sendable {
  case apiGatewayThrottled
  case lambdaThrottled
  case lambdaTimeout
  case dynamodbThrottled
  case integrationTimeout
  case clientTimeout
  case pageTimeout

  /// The kind's name in reports.
  public var reportName: ErrorName {
    switch self {
    case .apiGatewayThrottled: .apiGatewayThrottled
    case .lambdaThrottled: .lambdaThrottled
    case .lambdaTimeout: .lambdaTimeout
    case .dynamodbThrottled: .dynamodbThrottled
    case .integrationTimeout: .integrationTimeout
    case .clientTimeout: .clientTimeout
    case .pageTimeout: .pageTimeout
    }
  }

  public var name: String { reportName.rawValue }

  /// Whether the kind fails a counter API call (every kind but the page's timeout).
  public var isCounterApi: Bool { self != .pageTimeout }
}
