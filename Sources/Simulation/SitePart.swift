import Metrics
import Pricing
import ScenarioModel
import SimKernel

/// The site part of every visit: arrivals, the site's DNS record, the CDN's edges and the S3
/// origin, up to the rendered page. It shares no state with the API part; each rendered page
/// becomes an `ApiCall` for it.
///
/// `advance` runs events in time order and reports its horizon, the time of its next event:
/// every call it hands over later starts at or after that time (a call starts no earlier than
/// the event that makes it), which is what lets the API part run safely behind it.
struct SitePart {
  let scenario: Scenario
  let windowStart: Int64
  let windowEnd: Int64

  var arrivals: ArrivalProcess
  var arrivalRng: RandomStream
  var visitorRng: RandomStream
  var dns: DNSLookup
  let rtt: DurationStream
  let edgeTime: DurationStream
  let originTime: DurationStream

  /// Time on the visitor's link for the page's HTML and for all its assets together.
  let pageTransfer: Int64
  let assetsTransfer: Int64
  let objectTtl: [Int64]
  let objectBytes: [Int]
  let assetBytes: Int
  let pageTimeout: Int64

  var queue = EventQueue<VisitEvent>(reservingCapacity: 4096)
  var edges: EdgeCache
  var recorder: SimulationRecorder
  /// The CloudFront access log of `simulate --emit-logs`, when asked for.
  var logs: SiteLogEmitter?
  private(set) var eventsProcessed: UInt64 = 0
  /// Calls made in the current turn (see `takeTurn`).
  private var calls: [ApiCall] = []

  init(_ scenario: Scenario, windowStart: Int64, windowEnd: Int64) {
    self.scenario = scenario
    self.windowStart = windowStart
    self.windowEnd = windowEnd
    let seed = scenario.seed
    arrivals = ArrivalProcess(scenario.workload, originSeconds: scenario.timeOriginSeconds)
    arrivalRng = RandomSource.arrivals.stream(seed: seed)
    visitorRng = RandomSource.visitors.stream(seed: seed)
    dns = DNSLookup(
      scenario.dns, seed: seed, choice: .siteResolverChoice, cached: .siteDnsCached, uncached: .siteDnsLookup)
    rtt = RandomSource.siteRtt.durations(scenario.network.rttMs, seed: seed)
    edgeTime = RandomSource.edge.durations(scenario.cdn.edgeMs, seed: seed)
    originTime = RandomSource.origin.durations(scenario.s3.originMs, seed: seed)

    let nanosecondsPerByte = 8e9 / (scenario.network.bandwidthMbps * 1e6)
    let page = scenario.page
    objectTtl = ([page.htmlTtlSeconds] + page.assets.map(\.ttlSeconds)).map {
      SimTime.seconds($0 ?? scenario.cdn.ttlSeconds).nanoseconds
    }
    objectBytes = [page.htmlBytes] + page.assets.map(\.bytes)
    assetBytes = page.assets.reduce(0) { $0 + $1.bytes }
    // Truncated to whole nanoseconds, cut to `distantFuture` (never a trap).
    func transfer(_ bytes: Int) -> Int64 {
      let ns = Double(bytes) * nanosecondsPerByte
      return ns < Double(SimTime.distantFuture.nanoseconds) ? Int64(ns) : SimTime.distantFuture.nanoseconds
    }
    pageTransfer = transfer(page.htmlBytes)
    assetsTransfer = transfer(assetBytes)
    pageTimeout = SimTime.milliseconds(scenario.client.pageTimeoutMs).nanoseconds
    edges = EdgeCache(edges: scenario.cdn.edgeLocations, objects: objectBytes.count)
    recorder = SimulationRecorder(windowStart: windowStart, windowLength: windowEnd - windowStart)

    if let t = arrivals.first(end: windowEnd, rng: &arrivalRng) {
      queue.schedule(VisitEvent(.arrival, counted: t >= windowStart, start: t), at: SimTime(nanoseconds: t))
    }
  }

  /// Runs up to `limit` events; returns the time of the next one, `Int64.max` when none is left.
  mutating func advance(events limit: Int) -> Int64 {
    for _ in 0..<limit {
      guard let entry = queue.popNext() else { return .max }
      eventsProcessed &+= 1
      let e = entry.payload
      let now = entry.time.nanoseconds
      switch e.kind {
      case .arrival: arrival(e, now)
      case .pageRequest: pageRequest(e, now)
      case .assetsRequest: assetsRequest(e, now)
      default: preconditionFailure("the site part runs only page events")
      }
    }
    return queue.peekTime?.nanoseconds ?? .max
  }

  /// Runs up to `limit` events and hands over the calls they made, oldest first.
  mutating func takeTurn(events limit: Int) -> CallBatch {
    let horizon = advance(events: limit)
    defer { calls.removeAll(keepingCapacity: true) }
    return CallBatch(calls: calls, horizon: horizon, visits: recorder.visits, events: eventsProcessed)
  }

  @inline(__always)
  mutating func schedule(_ event: VisitEvent, at t: Int64) {
    queue.schedule(event, at: SimTime(nanoseconds: t))
  }

  mutating func arrival(_ e: VisitEvent, _ now: Int64) {
    if let t = arrivals.next(after: now, end: windowEnd, rng: &arrivalRng) {
      schedule(VisitEvent(.arrival, counted: t >= windowStart, start: t), at: t)
    }
    if e.counted {
      recorder.visits &+= 1
      recorder.mark(.visits, at: now)
    }
    switch scenario.workload.parts {
    case .api:
      calls.append(ApiCall(at: now, counted: e.counted))
    case .all, .site:
      let lookup = dns.lookup(at: now, counted: e.counted, recorder: &recorder)
      let connect = Int64(scenario.network.handshakeRoundTrips) * rtt.next()
      schedule(VisitEvent(.pageRequest, counted: e.counted, start: e.start), at: now + lookup + connect)
    }
  }

  /// One object from the visitor's edge; returns the time spent at the edge.
  mutating func edgeRequest(edge: Int, object: Int, _ now: Int64, counted: Bool) -> Int64 {
    var atEdge = edgeTime.next()
    var hit = false
    switch edges.lookup(edge: edge, object: object, at: now) {
    case .hit:
      hit = true
    case .inFlight(let ready):
      hit = true
      atEdge += ready - now
    case .miss:
      let origin = originTime.next()
      edges.fill(edge: edge, object: object, readyAt: now + origin, ttl: objectTtl[object])
      atEdge += origin
      if counted {
        recorder.originFetches &+= 1
        recorder.latency(.origin, nanoseconds: origin)
      }
    }
    if counted {
      recorder.cdnRequests &+= 1
      recorder.browserRequests &+= 1
      recorder.cdnBytesOut &+= UInt64(objectBytes[object])
      if hit { recorder.cdnHits &+= 1 }
      recorder.latency(.cdn, nanoseconds: atEdge)
      logs?.served(object: object, bytes: objectBytes[object], edge: edge, hit: hit, at: now, atEdge: atEdge)
    }
    return atEdge
  }

  mutating func pageRequest(_ e: VisitEvent, _ now: Int64) {
    // The visit's edge is drawn once and used for the page and its assets.
    let edge = visitorRng.index(below: scenario.cdn.edgeLocations)
    var next = e
    next.slot = Int32(edge)
    let atEdge = edgeRequest(edge: edge, object: 0, now, counted: e.counted)
    let arrived = now + rtt.next() + atEdge + pageTransfer
    let returning = visitorRng.chance(scenario.workload.returningVisitorFraction)
    if returning || objectBytes.count == 1 {
      pageRendered(e, at: arrived)
    } else {
      next.kind = .assetsRequest
      schedule(next, at: arrived)
    }
  }

  mutating func assetsRequest(_ e: VisitEvent, _ now: Int64) {
    // HTTP/2 to the edge: every asset is requested at once and they share the visitor's link.
    let edge = Int(e.slot)
    var slowest: Int64 = 0
    for object in 1..<objectBytes.count {
      slowest = max(slowest, edgeRequest(edge: edge, object: object, now, counted: e.counted))
    }
    pageRendered(e, at: now + rtt.next() + slowest + assetsTransfer)
  }

  mutating func pageRendered(_ e: VisitEvent, at rendered: Int64) {
    let load = rendered - e.start
    if e.counted {
      recorder.latency(.pageLoad, nanoseconds: min(load, pageTimeout))
      if load > pageTimeout { recorder.error(.pageTimeout, at: e.start) }
    }
    if scenario.workload.parts == .all && load <= pageTimeout {
      calls.append(ApiCall(at: rendered, counted: e.counted))
    }
  }
}
