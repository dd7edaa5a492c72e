import Foundation
import Metrics
import Pricing
import ScenarioModel
import SimKernel

/// The API part of every visit: the API's DNS record, API Gateway, the Lambda function and the
/// DynamoDB table, from the page's script starting the counter call to its answer.
///
/// Calls arrive from the site part with `receive` and run with `advance(before:)`. Calls are
/// scheduled ahead of the part's own events at the same instant, in the order they were made,
/// so the order of events does not depend on how the two parts' batches interleave: the same
/// scenario gives the same report run on one thread or two.
struct ApiPart {
  let scenario: Scenario
  let windowStart: Int64
  let windowEnd: Int64

  var dns: DNSLookup
  var retryJitter: RandomStream
  let rtt: DurationStream
  let apiOverhead: DurationStream
  /// What a REST API adds over an HTTP API's overhead (nil for other types).
  let restAdded: DurationStream?
  let handler: DurationStream
  let coldStart: DurationStream
  let updateItem: DurationStream
  let throttleResponse: DurationStream

  let functionURL: Bool
  let lambdaTimeout: Int64
  let integrationTimeout: Int64
  let apiTimeout: Int64
  static let sweepInterval = SimTime.seconds(60).nanoseconds

  var queue = EventQueue<VisitEvent>(reservingCapacity: 4096)
  var apiThrottle: TokenBucket
  var pool: LambdaPool
  var table: DynamoTable
  var recorder: SimulationRecorder
  /// The Lambda and API Gateway logs of `simulate --emit-logs`, when asked for.
  var logs: ApiLogEmitter?
  private(set) var eventsProcessed: UInt64 = 0
  /// The time of the last event run.
  private(set) var clock: Int64 = .min

  init(_ scenario: Scenario, windowStart: Int64, windowEnd: Int64) {
    self.scenario = scenario
    self.windowStart = windowStart
    self.windowEnd = windowEnd
    let seed = scenario.seed
    dns = DNSLookup(
      scenario.dns, seed: seed, choice: .apiResolverChoice, cached: .apiDnsCached, uncached: .apiDnsLookup)
    retryJitter = RandomSource.retryJitter.stream(seed: seed)
    rtt = RandomSource.apiRtt.durations(scenario.network.rttMs, seed: seed)
    apiOverhead = RandomSource.apiOverhead.durations(scenario.apiGateway.overheadMs, seed: seed)
    restAdded =
      scenario.apiGateway.type == .rest
      ? RandomSource.restAdded.durations(scenario.apiGateway.restAddedMs, seed: seed) : nil
    // Handler and init times as measured, scaled to the CPU this memory size buys.
    handler = RandomSource.handler.durations(
      scenario.lambda.handlerMs, unitNanoseconds: 1e6 * scenario.lambda.handlerTimeScale, seed: seed)
    coldStart = RandomSource.coldStart.durations(
      scenario.lambda.coldStartMs, unitNanoseconds: 1e6 * scenario.lambda.initTimeScale, seed: seed)
    updateItem = RandomSource.updateItem.durations(scenario.dynamodb.updateItemMs, seed: seed)
    throttleResponse = RandomSource.throttleResponse.durations(scenario.dynamodb.throttleResponseMs, seed: seed)

    functionURL = scenario.apiGateway.type == .functionUrl
    lambdaTimeout = SimTime.seconds(scenario.lambda.timeoutSeconds).nanoseconds
    integrationTimeout = SimTime.milliseconds(scenario.apiGateway.effectiveIntegrationTimeoutMs).nanoseconds
    apiTimeout = SimTime.milliseconds(scenario.client.apiTimeoutMs).nanoseconds
    apiThrottle = TokenBucket(
      ratePerSecond: scenario.apiGateway.rateLimitPerSecond, capacity: scenario.apiGateway.burst)
    pool = LambdaPool(scenario.lambda, windowStart: windowStart, windowEnd: windowEnd, seed: seed)
    table = DynamoTable(scenario.dynamodb)
    recorder = SimulationRecorder(
      windowStart: windowStart, windowLength: windowEnd - windowStart, latencyOverTime: true)
    queue.schedule(VisitEvent(.sweep, counted: false, start: 0), at: SimTime(nanoseconds: Self.sweepInterval))
  }

  /// Schedules calls handed over by the site part (oldest first).
  mutating func receive(_ calls: [ApiCall]) {
    for c in calls {
      assert(c.at >= clock, "a call at \(c.at) ns reached the API part after it ran to \(clock) ns")
      queue.scheduleExternal(VisitEvent(.apiStart, counted: c.counted, start: c.at), at: SimTime(nanoseconds: c.at))
    }
  }

  /// Runs every event due before `horizon`, the site part's next event time: calls it hands
  /// over later start at or after the horizon, so nothing earlier can still arrive.
  mutating func advance(before horizon: Int64) {
    while let entry = queue.popNext(before: horizon) {
      eventsProcessed &+= 1
      clock = entry.time.nanoseconds
      handle(entry.payload, at: clock)
    }
  }

  /// Ends the run: environments still alive are closed at the window's end.
  mutating func finish() { pool.finish() }

  @inline(__always)
  mutating func schedule(_ event: VisitEvent, at t: Int64) {
    queue.schedule(event, at: SimTime(nanoseconds: t))
  }

  mutating func handle(_ e: VisitEvent, at now: Int64) {
    switch e.kind {
    case .apiStart: apiStart(e, now)
    case .preflightArrive: preflightArrive(e, now)
    case .apiArrive: apiArrive(e, now)
    case .lambdaInvoke: lambdaInvoke(e, now)
    case .dynamoWrite: dynamoWrite(e, now)
    case .lambdaDone: lambdaDone(e, now)
    case .sweep:
      pool.sweep(at: now)
      // Sweeping only reclaims memory (an environment's lifetime ends at its expiry time
      // whenever it is found), so it stops with the arrivals; `finish` closes the rest.
      if now < windowEnd { schedule(e, at: now + Self.sweepInterval) }
    case .arrival, .pageRequest, .assetsRequest:
      preconditionFailure("the API part runs only counter API events")
    }
  }

  mutating func apiStart(_ e: VisitEvent, _ now: Int64) {
    let lookup = dns.lookup(at: now, counted: e.counted, recorder: &recorder)
    let connect = Int64(scenario.network.handshakeRoundTrips) * rtt.next()
    let preflight = scenario.page.corsPreflight
    for _ in 0..<scenario.page.apiCallsPerView {
      let oneWay = rtt.next() / 2
      schedule(
        VisitEvent(preflight ? .preflightArrive : .apiArrive, counted: e.counted, start: now),
        at: now + lookup + connect + oneWay)
    }
  }

  /// The browser gets its answer `oneWayBack` after `responded`; records what it saw.
  mutating func answerBrowser(_ e: VisitEvent, respondedAt responded: Int64, failure: ErrorKind?) {
    let oneWayBack = rtt.next() / 2
    let seen = responded + oneWayBack - e.start
    guard e.counted else { return }
    let shown = min(seen, apiTimeout)
    recorder.latency(.counterApi, nanoseconds: shown)
    recorder.counterApiByBucket?.record(micros: shown / 1_000, at: e.start)
    if seen > apiTimeout {
      recorder.error(.clientTimeout, at: e.start)
    } else if let failure {
      recorder.error(failure, at: e.start)
    }
  }

  /// A request reaches API Gateway: the account's token bucket decides. Returns the gateway's
  /// added latency, or nil when throttled (the browser has been answered).
  mutating func gateway(_ e: VisitEvent, _ now: Int64, preflight: Bool) -> Int64? {
    // A Function URL has no gateway: no latency of its own and no throttle.
    let overhead = functionURL ? 0 : apiOverhead.next() + (restAdded?.next() ?? 0)
    if e.counted {
      recorder.apiRequests &+= 1
      recorder.browserRequests &+= 1
      if preflight { recorder.apiPreflights &+= 1 }
      recorder.latency(.apiGateway, nanoseconds: overhead)
    }
    if functionURL || apiThrottle.take(at: now) {
      if preflight && e.counted {
        logs?.access(arrival: now, responded: now + overhead, integration: nil, status: 204, method: "OPTIONS")
      }
      return overhead
    }
    if e.counted {
      recorder.apiThrottled &+= 1
      recorder.mark(.apiGatewayThrottles, at: now)
      logs?.access(
        arrival: now, responded: now + overhead, integration: nil, status: 429, method: preflight ? "OPTIONS" : "POST")
    }
    answerBrowser(e, respondedAt: now + overhead, failure: .apiGatewayThrottled)
    return nil
  }

  mutating func preflightArrive(_ e: VisitEvent, _ now: Int64) {
    guard let overhead = gateway(e, now, preflight: true) else { return }
    // Answer back to the browser, then the real request on the same connection.
    var next = e
    next.kind = .apiArrive
    schedule(next, at: now + overhead + rtt.next())
  }

  mutating func apiArrive(_ e: VisitEvent, _ now: Int64) {
    guard let overhead = gateway(e, now, preflight: false) else { return }
    var next = e
    next.kind = .lambdaInvoke
    next.callStart = now  // its arrival at the gateway, for the access log
    schedule(next, at: now + overhead)
  }

  mutating func lambdaInvoke(_ e: VisitEvent, _ now: Int64) {
    let id: Int32
    var initTime: Int64 = 0
    switch pool.acquire(at: now) {
    case .throttledConcurrency, .throttledScaling:
      if e.counted {
        recorder.lambdaThrottled &+= 1
        recorder.mark(.lambdaThrottles, at: now)
        logs?.access(arrival: e.callStart, responded: now, integration: nil, status: 429, method: "POST")
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
      initTime = coldStart.next()
      if e.counted {
        recorder.coldStarts &+= 1
        recorder.mark(.coldStarts, at: now)
      }
    }
    if e.counted { recorder.invocations &+= 1 }
    if logs != nil {
      if initTime > 0 { logs?.started(slot: id) }
      logs?.invoked(slot: id, gatewayArrival: e.callStart)
    }
    var next = e
    next.slot = id
    next.invokeStart = now
    next.initNanoseconds = initTime
    let handlerDone = now + initTime + handler.next()
    if scenario.lambda.dynamodbCallsPerInvocation > 0 {
      next.kind = .dynamoWrite
      next.callStart = handlerDone
    } else {
      next.kind = .lambdaDone
    }
    scheduleWithinDeadline(next, at: handlerDone)
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
      let done = now + updateItem.next()
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
    let refused = now + throttleResponse.next()
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
    case .full: ms = ceiling * retryJitter.unit()
    case .equal: ms = ceiling / 2 + ceiling / 2 * retryJitter.unit()
    }
    return Int64(ms * 1_000_000)
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
    if e.counted && logs != nil {
      let status = failure == nil ? 200 : failure == .integrationTimeout ? 504 : 500
      logs?.finished(
        slot: e.slot, invokeStart: e.invokeStart, initNanoseconds: e.initNanoseconds, end: now, responded: responded,
        status: status, timedOut: e.failure != 0 && ErrorKind(rawValue: Int(e.failure) - 1) == .lambdaTimeout)
    }
    answerBrowser(e, respondedAt: responded, failure: failure)
  }
}
