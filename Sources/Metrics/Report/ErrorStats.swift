/// Failed browser requests. `rate` is failed requests over all requests the browsers made
/// (page, assets, API calls, preflights), as k6's `http_req_failed`.
public struct ErrorStats: Codable, Sendable, Equatable {
  public var total: UInt64
  public var requests: UInt64
  public var rate: Double
  public var byKind: [String: UInt64]
  public init(byKind: [String: UInt64], requests: UInt64) {
    self.byKind = byKind
    self.total = byKind.values.reduce(0, +)
    self.requests = requests
    self.rate = ratio(total, requests)
  }
}
