/// CDN requests (page and assets) and how many the edge answered from cache.
public struct CDNStats: Codable, Sendable, Equatable {
  public var requests: UInt64
  public var hits: UInt64
  public var hitRatio: Double
  /// Requests that went to the S3 origin.
  public var originFetches: UInt64
  /// Bytes the edge sent to browsers.
  public var bytesOut: UInt64
  public init(requests: UInt64, hits: UInt64, originFetches: UInt64, bytesOut: UInt64) {
    self.requests = requests
    self.hits = hits
    self.hitRatio = ratio(hits, requests)
    self.originFetches = originFetches
    self.bytesOut = bytesOut
  }
}
