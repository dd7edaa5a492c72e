/// Every count-over-time series a report may hold (`series.counts`), by its name in reports.
public enum CountSeries: String, CaseIterable, Sendable {
  case visits, requests, coldStarts, lambdaThrottles, apiGatewayThrottles, dynamodbThrottles, errors
  /// Counter API calls per bucket: the samples each bucket's p99 (`p99Ms.counterApi`) rests on.
  case counterApiCalls
}
