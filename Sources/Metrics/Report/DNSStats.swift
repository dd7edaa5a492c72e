/// DNS lookups made by browsers and how many reached Route 53.
public struct DNSStats: Codable, Sendable, Equatable {
  public var lookups: UInt64
  public var resolverCacheHits: UInt64
  /// Queries that reached Route 53 (resolver cache misses).
  public var route53Queries: UInt64
  public init(lookups: UInt64, resolverCacheHits: UInt64, route53Queries: UInt64) {
    self.lookups = lookups
    self.resolverCacheHits = resolverCacheHits
    self.route53Queries = route53Queries
  }
}
