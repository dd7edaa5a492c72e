/// The visitors' caching DNS resolvers: each remembers each record until its TTL runs out.
///
/// A lookup that finds the record fresh is answered from the cache; otherwise the resolver
/// asks Route 53 (a billed query unless the record is an alias) and caches the answer.
///
/// - Complexity: O(1) per lookup; memory is resolvers × records.
struct ResolverCache {
  /// The records a visit looks up.
  enum Record: Int {
    case site = 0
    case api = 1
  }
  private var expiry: [Int64]
  private let ttl: Int64

  init(resolvers: Int, ttlNanoseconds: Int64) {
    expiry = Array(repeating: Int64.min, count: resolvers * 2)
    ttl = ttlNanoseconds
  }

  /// True when resolver `resolver` answers `record` from its cache at `now`.
  @inline(__always)
  mutating func lookup(resolver: Int, record: Record, at now: Int64) -> Bool {
    let i = resolver * 2 + record.rawValue
    if now < expiry[i] { return true }
    expiry[i] = now &+ ttl
    return false
  }
}
