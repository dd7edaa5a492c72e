import Pricing
import ScenarioModel

/// The visitors' caching DNS resolvers for one record: each remembers it until its TTL runs out.
///
/// A lookup that finds the record fresh is answered from the cache; otherwise the resolver
/// asks Route 53 (a billed query unless the record is an alias) and caches the answer.
///
/// - Complexity: O(1) per lookup; memory is one expiry time per resolver.
struct ResolverCache {
  private var expiry: [Int64]
  private let ttl: Int64

  init(resolvers: Int, ttlNanoseconds: Int64) {
    expiry = Array(repeating: Int64.min, count: resolvers)
    ttl = ttlNanoseconds
  }

  /// True when resolver `resolver` answers from its cache at `now`.
  @inline(__always)
  mutating func lookup(resolver: Int, at now: Int64) -> Bool {
    if now < expiry[resolver] { return true }
    expiry[resolver] = now &+ ttl
    return false
  }
}
