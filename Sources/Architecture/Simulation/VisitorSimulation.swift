import Foundation
import Metrics
import SimKernel

/// A discrete-event simulation of every visit to the serverless resume site.
///
/// Single-threaded and deterministic: the same scenario and seed give the same report.
/// Every source of randomness has its own stream (`RandomSource`). Only visits that start inside the
/// measured window (after the warm-up) are recorded; visits still in flight at the end are
/// run to completion.
public struct VisitorSimulation {
  public let scenario: Scenario

  // Time frame, nanoseconds.
  let windowStart: Int64
  let windowEnd: Int64

  // Random streams for choices (fixed stream indices, see `RandomSource`).
  var arrivalRng: RandomStream
  var visitorRng: RandomStream
  var dnsRng: RandomStream
  var dynamoRng: RandomStream

  /// Durations in nanoseconds, one stream each.
  let durations: VisitDurations

  // Derived constants.
  var arrivals: ArrivalProcess
  let nanosecondsPerByte: Double
  let objectTtl: [Int64]
  let objectBytes: [Int]
  let assetBytes: Int
  let lambdaTimeout: Int64
  let integrationTimeout: Int64
  let apiTimeout: Int64
  let pageTimeout: Int64
  static let sweepInterval = SimTime.seconds(60).nanoseconds

  // Components.
  var queue = EventQueue<VisitEvent>(reservingCapacity: 4096)
  var resolvers: ResolverCache
  var edges: EdgeCache
  var apiThrottle: TokenBucket
  var pool: LambdaPool
  var table: DynamoTable
  var recorder: SimulationRecorder
  /// Events processed, for benchmarks.
  public private(set) var eventsProcessed: UInt64 = 0

  public init(_ scenario: Scenario) {
    self.scenario = scenario
    let seed = scenario.seed
    windowStart = SimTime.seconds(scenario.warmupSeconds).nanoseconds
    windowEnd = windowStart + SimTime.seconds(scenario.durationSeconds).nanoseconds
    arrivalRng = RandomSource.arrivals.stream(seed: seed)
    visitorRng = RandomSource.visitors.stream(seed: seed)
    dnsRng = RandomSource.resolverChoice.stream(seed: seed)
    dynamoRng = RandomSource.retryJitter.stream(seed: seed)

    durations = VisitDurations(scenario)

    arrivals = ArrivalProcess(scenario.workload, originSeconds: scenario.timeOriginSeconds)
    nanosecondsPerByte = 8e9 / (scenario.network.bandwidthMbps * 1e6)
    let page = scenario.page
    objectTtl = ([page.htmlTtlSeconds] + page.assets.map(\.ttlSeconds)).map {
      SimTime.seconds($0 ?? scenario.cdn.ttlSeconds).nanoseconds
    }
    objectBytes = [page.htmlBytes] + page.assets.map(\.bytes)
    assetBytes = page.assets.reduce(0) { $0 + $1.bytes }
    lambdaTimeout = SimTime.seconds(scenario.lambda.timeoutSeconds).nanoseconds
    integrationTimeout = SimTime.milliseconds(scenario.apiGateway.effectiveIntegrationTimeoutMs).nanoseconds
    apiTimeout = SimTime.milliseconds(scenario.client.apiTimeoutMs).nanoseconds
    pageTimeout = SimTime.milliseconds(scenario.client.pageTimeoutMs).nanoseconds

    resolvers = ResolverCache(
      resolvers: scenario.dns.resolvers, ttlNanoseconds: SimTime.seconds(scenario.dns.ttlSeconds).nanoseconds)
    edges = EdgeCache(edges: scenario.cdn.edgeLocations, objects: objectBytes.count)
    apiThrottle = TokenBucket(
      ratePerSecond: scenario.apiGateway.rateLimitPerSecond, capacity: scenario.apiGateway.burst)
    pool = LambdaPool(scenario.lambda, windowStart: windowStart, windowEnd: windowEnd, seed: seed)
    table = DynamoTable(scenario.dynamodb)
    recorder = SimulationRecorder(windowStart: windowStart, windowLength: windowEnd - windowStart)
  }

  // MARK: Run loop

  /// Runs the whole scenario and returns its report (without the bill: see `CostModel`).
  ///
  /// - Parameter progress: called every 2^20 events (a few times a second), never per event.
  public mutating func run(progress: (@Sendable (SimulationProgress) -> Void)? = nil) -> RunReport {
    if let t = arrivals.first(end: windowEnd, rng: &arrivalRng) {
      queue.schedule(VisitEvent(.arrival, counted: t >= windowStart, start: t), at: SimTime(nanoseconds: t))
    }
    queue.schedule(VisitEvent(.sweep, counted: false, start: 0), at: SimTime(nanoseconds: Self.sweepInterval))
    let end = Double(windowEnd) / 1e9
    while let entry = queue.popNext() {
      eventsProcessed &+= 1
      handle(entry.payload, at: entry.time.nanoseconds)
      if eventsProcessed & 0xF_FFFF == 0, let progress {
        progress(SimulationProgress(simulatedSeconds: entry.time.seconds, endSeconds: end, visits: recorder.visits))
      }
    }
    pool.finish()
    return makeReport()
  }

  @inline(__always)
  mutating func schedule(_ event: VisitEvent, at t: Int64) {
    queue.schedule(event, at: SimTime(nanoseconds: t))
  }

  @inline(__always)
  static func ns(_ ms: Double) -> Int64 { Int64(ms * 1_000_000) }

  mutating func handle(_ e: VisitEvent, at now: Int64) {
    switch e.kind {
    case .arrival: arrival(e, now)
    case .pageRequest: pageRequest(e, now)
    case .assetsRequest: assetsRequest(e, now)
    case .apiStart: apiStart(e, now)
    case .preflightArrive: preflightArrive(e, now)
    case .apiArrive: apiArrive(e, now)
    case .lambdaInvoke: lambdaInvoke(e, now)
    case .dynamoWrite: dynamoWrite(e, now)
    case .lambdaDone: lambdaDone(e, now)
    case .sweep:
      pool.sweep(at: now)
      // Keep sweeping only while anything else is still scheduled.
      if !queue.isEmpty { schedule(e, at: now + Self.sweepInterval) }
    }
  }

  // MARK: Page

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
      apiStart(VisitEvent(.apiStart, counted: e.counted, start: now), now)
    case .all, .site:
      let dns = lookup(.site, now, counted: e.counted)
      let connect = Int64(scenario.network.handshakeRoundTrips) * durations.rtt.next()
      schedule(VisitEvent(.pageRequest, counted: e.counted, start: e.start), at: now + dns + connect)
    }
  }

  /// One DNS lookup through a random resolver; returns its latency.
  mutating func lookup(_ record: ResolverCache.Record, _ now: Int64, counted: Bool) -> Int64 {
    let resolver = dnsRng.index(below: scenario.dns.resolvers)
    let hit = resolvers.lookup(resolver: resolver, record: record, at: now)
    let latency = hit ? durations.dnsCached.next() : durations.dnsLookup.next()
    if counted {
      recorder.dnsLookups &+= 1
      if hit { recorder.dnsCacheHits &+= 1 }
      recorder.latency(.dns, nanoseconds: latency)
    }
    return latency
  }

  /// One object from the visitor's edge; returns the time spent at the edge.
  mutating func edgeRequest(edge: Int, object: Int, _ now: Int64, counted: Bool) -> Int64 {
    var atEdge = durations.edge.next()
    var hit = false
    switch edges.lookup(edge: edge, object: object, at: now) {
    case .hit:
      hit = true
    case .inFlight(let ready):
      hit = true
      atEdge += ready - now
    case .miss:
      let origin = durations.origin.next()
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
    }
    return atEdge
  }

  mutating func pageRequest(_ e: VisitEvent, _ now: Int64) {
    // The visit's edge is drawn once and used for the page and its assets.
    let edge = visitorRng.index(below: scenario.cdn.edgeLocations)
    var next = e
    next.slot = Int32(edge)
    let atEdge = edgeRequest(edge: edge, object: 0, now, counted: e.counted)
    let transfer = Int64(Double(objectBytes[0]) * nanosecondsPerByte)
    let arrived = now + durations.rtt.next() + atEdge + transfer
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
    let transfer = Int64(Double(assetBytes) * nanosecondsPerByte)
    pageRendered(e, at: now + durations.rtt.next() + slowest + transfer)
  }

  mutating func pageRendered(_ e: VisitEvent, at rendered: Int64) {
    let load = rendered - e.start
    if e.counted {
      recorder.latency(.pageLoad, nanoseconds: min(load, pageTimeout))
      if load > pageTimeout { recorder.error(.pageTimeout, at: e.start) }
    }
    if scenario.workload.parts == .all && load <= pageTimeout {
      schedule(VisitEvent(.apiStart, counted: e.counted, start: rendered), at: rendered)
    }
  }

  // MARK: Counter API

  mutating func apiStart(_ e: VisitEvent, _ now: Int64) {
    let dns = lookup(.api, now, counted: e.counted)
    let connect = Int64(scenario.network.handshakeRoundTrips) * durations.rtt.next()
    let preflight = scenario.page.corsPreflight
    for _ in 0..<scenario.page.apiCallsPerView {
      let oneWay = durations.rtt.next() / 2
      schedule(
        VisitEvent(preflight ? .preflightArrive : .apiArrive, counted: e.counted, start: now),
        at: now + dns + connect + oneWay)
    }
  }

  /// The browser gets its answer `oneWayBack` after `responded`; records what it saw.
  mutating func answerBrowser(_ e: VisitEvent, respondedAt responded: Int64, failure: ErrorKind?) {
    let oneWayBack = durations.rtt.next() / 2
    let seen = responded + oneWayBack - e.start
    guard e.counted else { return }
    let shown = min(seen, apiTimeout)
    recorder.latency(.counterApi, nanoseconds: shown)
    recorder.counterApiByBucket.record(micros: shown / 1_000, at: e.start)
    if seen > apiTimeout {
      recorder.error(.clientTimeout, at: e.start)
    } else if let failure {
      recorder.error(failure, at: e.start)
    }
  }

  /// A request reaches API Gateway: the account's token bucket decides. Returns the gateway's
  /// added latency, or nil when throttled (the browser has been answered).
  mutating func gateway(_ e: VisitEvent, _ now: Int64, preflight: Bool) -> Int64? {
    let overhead = durations.apiOverhead.next()
    if e.counted {
      recorder.apiRequests &+= 1
      recorder.browserRequests &+= 1
      if preflight { recorder.apiPreflights &+= 1 }
      recorder.latency(.apiGateway, nanoseconds: overhead)
    }
    if apiThrottle.take(at: now) { return overhead }
    if e.counted {
      recorder.apiThrottled &+= 1
      recorder.mark(.apiGatewayThrottles, at: now)
    }
    answerBrowser(e, respondedAt: now + overhead, failure: .apiGatewayThrottled)
    return nil
  }

  mutating func preflightArrive(_ e: VisitEvent, _ now: Int64) {
    guard let overhead = gateway(e, now, preflight: true) else { return }
    // Answer back to the browser, then the real request on the same connection.
    var next = e
    next.kind = .apiArrive
    schedule(next, at: now + overhead + durations.rtt.next())
  }

  mutating func apiArrive(_ e: VisitEvent, _ now: Int64) {
    guard let overhead = gateway(e, now, preflight: false) else { return }
    var next = e
    next.kind = .lambdaInvoke
    schedule(next, at: now + overhead)
  }

  // MARK: Lambda and DynamoDB

  mutating func lambdaInvoke(_ e: VisitEvent, _ now: Int64) {
    let id: Int32
    var initTime: Int64 = 0
    switch pool.acquire(at: now) {
    case .throttledConcurrency, .throttledScaling:
      if e.counted {
        recorder.lambdaThrottled &+= 1
        recorder.mark(.lambdaThrottles, at: now)
      }
      answerBrowser(e, respondedAt: now, failure: .lambdaThrottled)
      return
    case .warm(let env):
      id = env
    case .provisioned(let env):
      id = env
      if e.counted { recorder.provisionedInvocations &+= 1 }
    case .cold(let env):
      id = env
      initTime = durations.coldStart.next()
      if e.counted {
        recorder.coldStarts &+= 1
        recorder.mark(.coldStarts, at: now)
      }
    }
    if e.counted { recorder.invocations &+= 1 }
    var next = e
    next.slot = id
    next.invokeStart = now
    next.initNanoseconds = initTime
    let handlerDone = now + initTime + durations.handler.next()
    if scenario.lambda.dynamodbCallsPerInvocation > 0 {
      next.kind = .dynamoWrite
      next.callStart = handlerDone
      scheduleWithinDeadline(next, at: handlerDone)
    } else {
      next.kind = .lambdaDone
      scheduleWithinDeadline(next, at: handlerDone)
    }
  }

  /// Schedules the invocation's next step, or its timeout if the step would come later.
  mutating func scheduleWithinDeadline(_ e: VisitEvent, at t: Int64) {
    let deadline = e.invokeStart + e.initNanoseconds + lambdaTimeout
    if t <= deadline {
      schedule(e, at: t)
    } else {
      var timedOut = e
      timedOut.kind = .lambdaDone
      timedOut.failure = UInt32(ErrorKind.lambdaTimeout.rawValue + 1)
      schedule(timedOut, at: deadline)
    }
  }

  mutating func dynamoWrite(_ e: VisitEvent, _ now: Int64) {
    var next = e
    if table.write(at: now) {
      let done = now + durations.updateItem.next()
      if e.counted {
        recorder.dynamoWrites &+= 1
        recorder.latency(.dynamodb, nanoseconds: done - e.callStart)
      }
      if Int(e.call) + 1 < scenario.lambda.dynamodbCallsPerInvocation {
        next.call += 1
        next.attempt = 0
        next.callStart = done
      } else {
        next.kind = .lambdaDone
      }
      scheduleWithinDeadline(next, at: done)
      return
    }
    let refused = now + durations.throttleResponse.next()
    if e.counted {
      recorder.dynamoThrottled &+= 1
      recorder.mark(.dynamodbThrottles, at: now)
    }
    if Int(e.attempt) + 1 < scenario.dynamodb.maxAttempts {
      if e.counted { recorder.dynamoRetries &+= 1 }
      next.attempt += 1
      scheduleWithinDeadline(next, at: refused + backoff(retry: Int(next.attempt)))
    } else {
      if e.counted {
        recorder.dynamoFailed &+= 1
        recorder.latency(.dynamodb, nanoseconds: refused - e.callStart)
      }
      next.kind = .lambdaDone
      next.failure = UInt32(ErrorKind.dynamodbThrottled.rawValue + 1)
      scheduleWithinDeadline(next, at: refused)
    }
  }

  /// The SDK's delay before retry number `retry` (1-based): base × 2^(retry−1), with jitter.
  mutating func backoff(retry: Int) -> Int64 {
    let ceiling = scenario.dynamodb.retryBaseMs * pow(2, Double(retry - 1))
    let ms: Double
    switch scenario.dynamodb.retryJitter {
    case .none: ms = ceiling
    case .full: ms = ceiling * dynamoRng.unit()
    case .equal: ms = ceiling / 2 + ceiling / 2 * dynamoRng.unit()
    }
    return Self.ns(ms)
  }

  mutating func lambdaDone(_ e: VisitEvent, _ now: Int64) {
    pool.release(e.slot, busySince: e.invokeStart, at: now)
    var failure: ErrorKind? = e.failure == 0 ? nil : ErrorKind(rawValue: Int(e.failure) - 1)
    if e.counted {
      let duration = now - e.invokeStart
      recorder.latency(.lambda, nanoseconds: duration)
      let handlerMs = UInt64((duration - e.initNanoseconds + 999_999) / 1_000_000)
      let initMs = UInt64((e.initNanoseconds + 999_999) / 1_000_000)
      if e.initNanoseconds == 0 && pool.isProvisioned(e.slot) {
        recorder.provisionedBilledDurationMs &+= handlerMs
      } else {
        recorder.billedDurationMs &+= handlerMs + initMs
        recorder.billedInitMs &+= initMs
      }
      if failure == .lambdaTimeout { recorder.lambdaTimeouts &+= 1 }
    }
    var responded = now
    if now - e.invokeStart > integrationTimeout {
      responded = e.invokeStart + integrationTimeout
      failure = .integrationTimeout
    }
    answerBrowser(e, respondedAt: responded, failure: failure)
  }
}
