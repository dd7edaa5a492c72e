import HTTPClient
import Metrics

/// Everything a live run needs: targets, the visit's shape, the workload and the limits.
public struct LiveConfig: Sendable {
  /// Which part of a visit to send.
  public enum Parts: String, Sendable, CaseIterable { case all, site, api }

  /// The page; its assets are fetched after it (paths on the same origin, or full URLs).
  public var site: Target?
  public var assets: [Target] = []
  /// The counter API call.
  public var api: Target?
  public var apiMethod = "GET"
  /// Headers on every request (`--header`); one named like a default (Host, User-Agent,
  /// Accept, Accept-Encoding, Content-Type) replaces it.
  public var headers: [(String, String)] = []
  /// Headers on the API request only (`--api-header`), after `headers`.
  public var apiHeaders: [(String, String)] = []
  public var apiBody: [UInt8] = []
  /// The User-Agent sent unless a header replaces it.
  public var userAgent = "visitorsim"
  /// The response header in which the function marks its cold starts (`--cold-header`), so
  /// the run counts them exactly instead of leaving them unknown.
  public var coldStartHeader: String?
  /// Checks on the responses (`--check`), counted per stage.
  public var checks: [ResponseCheck] = []
  /// Body bytes kept for a check (more are counted, not kept; the check says so).
  public static let checkedBodyLimit = 1 << 20
  /// An OPTIONS preflight before each API call, as a browser sends for a cross-origin POST.
  public var corsPreflight = false
  /// Follow redirects (up to `maxRedirects` hops, to any origin), as a browser does;
  /// off (`--no-follow`), a redirect is counted as an error naming where it points.
  public var followRedirects = true
  public static let maxRedirects = 10
  /// Whether a redirect may lead to an origin off this machine: --yes was given or the load is
  /// light (the same rule as the run's own targets). Set by the caller that knows `--yes`.
  public var offMachineAllowed = false
  /// Origins a loop adds for redirects, at most (each keeps its own connection pool).
  public static let maxRedirectOrigins = 16
  public var parts = Parts.all

  public var shape: LoadShape
  /// Hard cap on requests sent (0: none).
  public var maxRequests: Int = 0
  /// Connections per origin per event loop (a visitor's browser keeps a handful; many visitors
  /// share the generator's pool).
  public var connectionsPerOrigin = 64
  public var connectTimeoutMs = 5_000.0
  public var tlsTimeoutMs = 5_000.0
  public var responseTimeoutMs = 10_000.0
  /// Event loops (threads); one per core by default.
  public var loops = 1
  /// This process's share of the schedule: visits whose index is `index` modulo `count`.
  public var shard = (index: 0, count: 1)
  public var seed: UInt64 = 1
  /// Verify certificates (off with --insecure); extra trusted CAs (--cacert).
  public var verifyTLS = true
  public var caFile: String?
  /// The HTTP client: visitorsim's own epoll HTTP/1.1 client, or URLSession (HTTP/2 where the
  /// platform negotiates it; open model only).
  public enum Transport: String, Sendable, CaseIterable { case native, urlsession }
  public var transport = Transport.native
  /// Names are resolved again this often during a run (0: only at the start); new connections
  /// use the latest address, open keep-alive connections stay where they are.
  public var dnsRefreshSeconds = 60.0
  /// Visits queued beyond this per loop are dropped and counted (memory stays bounded).
  public var maxQueuedVisits = 100_000

  public init(shape: LoadShape) { self.shape = shape }

  /// The visit's requests, step by step: each step starts when the previous one is done.
  var steps: [[Request]] {
    var out: [[Request]] = []
    if parts != .api, let site {
      out.append([Request(kind: .page, target: site, method: "GET", headers: headers, body: [])])
      if !assets.isEmpty {
        out.append(assets.map { Request(kind: .asset, target: $0, method: "GET", headers: headers, body: []) })
      }
    }
    if parts != .site, let api {
      if corsPreflight {
        let origin = site?.origin ?? api.origin
        out.append([
          Request(
            kind: .preflight, target: api, method: "OPTIONS",
            headers: headers + [
              ("Origin", origin), ("Access-Control-Request-Method", apiMethod),
              ("Access-Control-Request-Headers", "content-type"),
            ],
            body: [])
        ])
      }
      out.append([
        Request(kind: .api, target: api, method: apiMethod, headers: headers + apiHeaders, body: apiBody)
      ])
    }
    return out
  }

  /// The step after which the page counts as loaded (the last one with the page or its
  /// assets), or nil when visits send no site requests.
  var pageLoadStep: Int? {
    steps.lastIndex { $0.contains { $0.kind == .page || $0.kind == .asset } }
  }

  /// For each step, whether the visit goes on when one of its requests failed: a browser
  /// still runs the page's script (and calls the counter API) when an asset failed, but not
  /// when the page itself or a CORS preflight did.
  var goesOnAfterFailure: [Bool] { steps.map { $0.allSatisfy { $0.kind == .asset } } }

  /// Requests in one visit.
  public var requestsPerVisit: Int { steps.reduce(0) { $0 + $1.count } }

  /// Requests in one visit to the site (page, assets) and to the API (calls, preflights).
  public var requestsPerVisitByOrigin: (site: Double, api: Double) {
    var site = 0.0
    var api = 0.0
    for request in steps.joined() {
      switch request.kind {
      case .page, .asset: site += 1
      case .api, .preflight: api += 1
      }
    }
    return (site, api)
  }
}

extension LiveConfig {
  /// The TLS client context for this run's https origins: verification as asked (--insecure),
  /// extra CAs (--cacert).
  func tlsContext() throws(LiveError) -> TLSContext {
    do { return try TLSContext(verify: verifyTLS, caFile: caFile) } catch {
      switch error {
      case .usage(let m): throw .usage(m)
      case .failure(let m): throw .failure(m)
      }
    }
  }
}
