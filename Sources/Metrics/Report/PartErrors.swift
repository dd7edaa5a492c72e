/// One part of a visit's requests and how many of them failed: the counter API's calls (and
/// their preflights) or the site's requests (page and assets).
///
/// `errors.rate` divides by every request of a visit, so a counter API that fails on most
/// calls hides behind the static files; `counterApi.errors.rate` does not.
public struct PartErrors: Codable, Sendable, Equatable {
  /// Requests of this part that ended (a response or an error).
  public var requests: UInt64
  /// Of which failed.
  public var total: UInt64
  /// `total / requests` (0 when there were none).
  public var rate: Double

  public init(requests: UInt64, total: UInt64) {
    self.requests = requests
    self.total = total
    self.rate = ratio(total, requests)
  }

  public func adding(_ o: PartErrors) -> PartErrors {
    PartErrors(requests: requests + o.requests, total: total + o.total)
  }
}
