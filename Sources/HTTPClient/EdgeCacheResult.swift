/// A CDN's answer to "was this object in the edge cache?", from its `X-Cache` header.
package enum EdgeCacheResult: Equatable, Sendable {
  case hit, miss

  /// CloudFront: "Hit from cloudfront", "RefreshHit from cloudfront" (revalidated, no body from
  /// the origin), "Miss from cloudfront"; other CDNs use HIT and MISS. Anything else: nil.
  package init?(header: String) {
    let v = header.lowercased()
    if v.hasPrefix("hit") || v.hasPrefix("refreshhit") {
      self = .hit
    } else if v.hasPrefix("miss") {
      self = .miss
    } else {
      return nil
    }
  }
}
