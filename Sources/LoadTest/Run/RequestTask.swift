import Glibc

/// A request waiting for, or on, a connection.
struct RequestTask {
  var visit: Int
  var step: Int
  var index: Int
  /// When the request was meant to start: the visit's intended start, or when its previous
  /// step finished. Latency is measured from here.
  var ready: Int64
  /// Already sent once on a keep-alive connection that the server had closed (a request is
  /// retried at most once, as browsers do).
  var retried = false
  /// Set on a hop of a redirect: its origin, the request it sends (made from the previous
  /// hop's), its bytes, and how many hops came before.
  var redirect: Redirect?

  struct Redirect {
    var origin: Int
    var request: Request
    var bytes: [UInt8]
    var hops: Int
  }
}
