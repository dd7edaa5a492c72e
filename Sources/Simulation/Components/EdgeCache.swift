import Pricing
import ScenarioModel

/// The CDN's caches: one per edge location, one entry per object.
///
/// A request finds its object fresh (hit), being fetched by an earlier request (it waits for
/// that fetch, as CloudFront collapses concurrent misses), or absent or stale (miss: the
/// caller fetches from the origin and calls `fill`). A fetched object stays fresh for its TTL
/// counted from the end of the fetch.
///
/// - Complexity: O(1) per request; memory is edges × objects.
struct EdgeCache {
  enum Lookup {
    case hit
    /// Another request's origin fetch completes at this time.
    case inFlight(readyAt: Int64)
    case miss
  }

  private let objects: Int
  private var readyAt: [Int64]
  private var expiresAt: [Int64]

  init(edges: Int, objects: Int) {
    self.objects = objects
    readyAt = Array(repeating: Int64.min, count: edges * objects)
    expiresAt = Array(repeating: Int64.min, count: edges * objects)
  }

  @inline(__always)
  func lookup(edge: Int, object: Int, at now: Int64) -> Lookup {
    let i = edge * objects + object
    if now < readyAt[i] { return .inFlight(readyAt: readyAt[i]) }
    if now < expiresAt[i] { return .hit }
    return .miss
  }

  /// Records an origin fetch of `object` at `edge` that completes at `ready`.
  @inline(__always)
  mutating func fill(edge: Int, object: Int, readyAt ready: Int64, ttl: Int64) {
    let i = edge * objects + object
    readyAt[i] = ready
    expiresAt[i] = ready &+ ttl
  }
}
