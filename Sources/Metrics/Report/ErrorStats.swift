/// Failed browser requests. `rate` is failed requests over all requests the browsers made
/// (page, assets, API calls, preflights), as k6's `http_req_failed`; `counterApi` and `site`
/// say the same of each part alone.
public struct ErrorStats: Codable, Sendable, Equatable {
  public var total: UInt64
  public var requests: UInt64
  public var rate: Double
  /// Every error kind the run could count, 0 where none happened (reports of older versions
  /// list only the kinds seen).
  public var byKind: [String: UInt64]
  /// The counter API's calls and preflights (nil in reports of older versions).
  public var counterApi: PartErrors?
  /// The site's page and asset requests (nil in reports of older versions).
  public var site: PartErrors?

  public init(byKind: [String: UInt64], requests: UInt64, counterApi: PartErrors? = nil, site: PartErrors? = nil) {
    self.byKind = byKind
    self.total = byKind.values.reduce(0, +)
    self.requests = requests
    self.rate = ratio(total, requests)
    self.counterApi = counterApi
    self.site = site
  }

  /// Two runs' errors together; a part one side lacks (an older report) is left out.
  public func adding(_ o: ErrorStats) -> ErrorStats {
    var kinds = byKind
    for (k, v) in o.byKind { kinds[k, default: 0] += v }
    return ErrorStats(
      byKind: kinds, requests: requests + o.requests,
      counterApi: counterApi.flatMap { a in o.counterApi.map { a.adding($0) } },
      site: site.flatMap { a in o.site.map { a.adding($0) } })
  }
}
