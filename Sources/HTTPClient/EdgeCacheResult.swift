/// A CDN's answer to "was this object in the edge cache?", from its `X-Cache` header.
package enum EdgeCacheResult: Equatable, Sendable {
  case hit, miss

  /// CloudFront: "Hit from cloudfront", "RefreshHit from cloudfront" (revalidated, no body from
  /// the origin), "Miss from cloudfront". Other CDNs and nginx's `$upstream_cache_status`: HIT,
  /// STALE, UPDATING and REVALIDATED answered from the cache; MISS, EXPIRED (the cached copy
  /// was too old, fetched again) and BYPASS from the origin. Anything else: nil.
  package init?(header: String) {
    let v = header.lowercased()
    if ["hit", "refreshhit", "stale", "updating", "revalidated"].contains(where: { v.hasPrefix($0) }) {
      self = .hit
    } else if ["miss", "expired", "bypass"].contains(where: { v.hasPrefix($0) }) {
      self = .miss
    } else {
      return nil
    }
  }
}
