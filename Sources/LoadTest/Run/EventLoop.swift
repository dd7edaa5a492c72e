import CEpoll
import Decompression
import Foundation
import Glibc
import HTTPClient
import Metrics

/// One thread's share of a live run: a non-blocking HTTP/1.1 client on epoll.
///
/// The loop releases visits at their intended start times, queues their requests per origin,
/// hands them to idle keep-alive connections or opens new ones up to the pool size, and drives
/// every socket (connect, TLS handshake, write, read) without blocking. Everything it touches
/// belongs to its own thread; results are merged after it ends.
final class EventLoop {
  let config: LiveConfig
  let steps: [[Request]]
  let pageLoadStep: Int?
  let wire: [[[UInt8]]]
  let originOf: [[Int]]
  /// Each request's kind and whether it is a HEAD, by step and index: read per response
  /// without copying its `Request` (strings and arrays, a retain and release each).
  let kindOf: [[Request.Kind]]
  /// Per step: whether a failure in it lets the visit go on (`LiveConfig.goesOnAfterFailure`).
  let goesOnAfterFailure: [Bool]
  let isHead: [[Bool]]
  /// The run's origins, then those redirects led to (this loop's own, after `runOrigins`).
  var origins: [ResolvedOrigin]
  let runOrigins: Int
  var tls: TLSContext?
  let loopIndex: Int
  let stop: StopSignal
  let recorder: LiveRecorder
  /// The loop's epoll set; its timer wakes the loop shortly before the next intended start
  /// (open model), so that it waits instead of spinning; the last `spinNanoseconds` before a
  /// start are spun.
  let poller = Poller()
  static let spinNanoseconds: Int64 = 30_000
  let start: Int64
  let requestCap: Int
  /// The `--check`s on each kind of request (by `Request.Kind.rawValue`), and whether any of
  /// them reads the body (then the parser keeps it).
  let checksOf: [[Int]]
  let keepsBody: [Bool]

  var connections: [Connection] = []
  /// Ids of the connections not yet closed, so the deadline scan costs what is open, not
  /// every connection ever opened; `activeSlot[id]` is an id's place in it (-1: closed).
  var active: [Int] = []
  var activeSlot: [Int?] = []
  /// Slots of closed connections: free for the next connection once the events of the batch
  /// that closed them are handled.
  var freeConnections: [Int] = []
  var closedConnections: [Int] = []
  var idle: [[Int]]
  var openCount: [Int]
  var queues: [[RequestTask]]
  var queueHeads: [Int]
  var schedule: OpenSchedule
  var nextVisitTime: Int64?
  var globalVisitIndex = 0
  var visits: [VisitState] = []
  var freeVisits: [Int] = []
  var activeVisits = 0
  var requestsSent = 0
  /// The closed model's users waiting to start their next visit, with when: in the order
  /// their visits ended, which is the order of their start times (the think time is one
  /// constant), so releasing them costs nothing per user still busy.
  var readyUsers: [(at: Int64, user: Int)] = []
  var readyHead = 0
  let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 16)

  struct VisitState {
    var intended: Int64 = 0
    var step = 0
    var outstanding = 0
    var failed = false
    /// The closed model's user running the visit (nil in the open model).
    var user: Int?
  }

  /// Receives this loop's counters about twice a second (for progress and --abort-on).
  let publish: (LiveRun.Snapshot) -> Void
  var lastPublish: Int64 = 0

  /// Where new connections go (names are re-resolved during the run).
  let addresses: AddressBook

  init(
    config: LiveConfig, origins: [ResolvedOrigin], tls: TLSContext?, loopIndex: Int, stop: StopSignal,
    addresses: AddressBook? = nil, publish: @escaping (LiveRun.Snapshot) -> Void = { _ in }
  ) {
    self.publish = publish
    self.addresses = addresses ?? AddressBook(origins)
    self.config = config
    self.origins = origins
    runOrigins = origins.count
    self.tls = tls
    self.loopIndex = loopIndex
    self.stop = stop
    steps = config.steps
    pageLoadStep = config.pageLoadStep
    wire = steps.map { $0.map { $0.bytes(userAgent: config.userAgent) } }
    originOf = steps.map { step in step.map { r in origins.firstIndex { $0.target.origin == r.target.origin }! } }
    kindOf = steps.map { $0.map(\.kind) }
    goesOnAfterFailure = config.goesOnAfterFailure
    isHead = steps.map { $0.map { $0.method == "HEAD" } }
    recorder = LiveRecorder(
      lengthNanoseconds: Int64(config.shape.durationSeconds * 1e9) + 1_000_000_000, loops: config.loops,
      checks: config.checks.map { CheckStats.Check(check: $0.text, stage: $0.stage) })
    checksOf = Request.Kind.allCases.map { kind in config.checks.indices.filter { config.checks[$0].kind == kind } }
    keepsBody = checksOf.map { list in list.contains { config.checks[$0].needsBody } }
    start = Self.now()
    idle = Array(repeating: [], count: origins.count)
    openCount = Array(repeating: 0, count: origins.count)
    queues = Array(repeating: [], count: origins.count)
    queueHeads = Array(repeating: 0, count: origins.count)
    schedule = OpenSchedule(shape: config.shape, seed: config.seed)
    // The cap split exactly between the loops: together they never send more than asked.
    requestCap =
      config.maxRequests > 0
      ? config.maxRequests / config.loops + (loopIndex < config.maxRequests % config.loops ? 1 : 0) : Int.max
    if case .closed(let users, _, _) = config.shape {
      let mine = (0..<users).filter { $0 % config.loops == loopIndex }
      readyUsers = mine.indices.map { (at: 0, user: $0) }
    }
  }

  deinit {
    for c in connections { c.close(poller) }
    readBuffer.deallocate()
  }

  static func now() -> Int64 { Poller.now() }

  /// Elapsed nanoseconds since the run started.
  func clock() -> Int64 { Self.now() - start }

  // MARK: Run

  func run() {
    // Timers on this thread fire on time (the default slack is 50 us).
    Poller.setTimerSlack(1_000)
    nextVisitTime = nextOwnVisit()
    var lastScan: Int64 = 0
    let endOfClosed = Int64(config.shape.durationSeconds * 1e9)
    // However a server stalls or trickles, the run ends by its duration plus the response
    // timeout; what is still queued or in flight then is cut off (counted, not an error).
    let hardEnd = endOfClosed + Int64(config.responseTimeoutMs * 1e6)
    while stop.stopped == nil {
      let now = clock()
      if now >= hardEnd {
        cutOffEverything(now)
        break
      }
      releaseVisits(now, closedEnd: endOfClosed)
      for o in origins.indices { dispatch(origin: o, now: now) }
      if now - lastScan > 5_000_000 {
        expireDeadlines(now)
        lastScan = now
      }
      if now - lastPublish > 500_000_000 {
        lastPublish = now
        publishCounters(now)
      }
      if finished(now, closedEnd: endOfClosed) { break }
      var t: Int64?
      poller.wait(milliseconds: waitMilliseconds(now)) { id, events in
        let at = t ?? clock()
        t = at
        handle(connections[id], events: events, now: at)
      }
      // Slots of connections closed in this batch are free once its events are handled (an
      // event later in the batch still names the old connection).
      freeConnections += closedConnections
      closedConnections.removeAll(keepingCapacity: true)
    }
    // Stopped early (Ctrl-C, --abort-on): what was in flight is cut off, so every request
    // issued is accounted for.
    if stop.stopped != nil { cutOffEverything(clock()) }
  }

  /// How long epoll may wait: up to 5 ms (the deadline scan's period); until the timer, armed
  /// `spinNanoseconds` before the next intended start, when that comes sooner; not at all in
  /// the last stretch before it (a spin of at most `spinNanoseconds`).
  func waitMilliseconds(_ now: Int64) -> Int32 {
    guard let t = nextVisitTime else { return 5 }
    let remaining = t - now
    if remaining <= Self.spinNanoseconds { return 0 }
    guard remaining < 5_000_000 else { return 5 }
    guard poller.hasTimer else { return Int32(remaining / 1_000_000) }
    poller.wake(at: start + t - Self.spinNanoseconds)
    return 5
  }

  func publishCounters(_ now: Int64) {
    func p99(_ s: LatencySeries) -> Double {
      recorder.slots[s.ordinal].map { $0.histogram.percentileMicros(0.99) / 1000 } ?? 0
    }
    publish(
      LiveRun.Snapshot(
        elapsedSeconds: Double(now) / 1e9, requests: recorder.requests, errors: recorder.errors.values.reduce(0, +),
        visits: recorder.visits, counterApiP99Ms: p99(.counterApi), generatorLagP99Ms: p99(.generatorLag)))
  }

  func finished(_ now: Int64, closedEnd: Int64) -> Bool {
    switch config.shape {
    case .open: return nextVisitTime == nil && activeVisits == 0
    case .closed: return now >= closedEnd && activeVisits == 0
    }
  }

  /// The next intended start that belongs to this loop (and this shard).
  func nextOwnVisit() -> Int64? {
    guard case .open = config.shape else { return nil }
    while let t = schedule.next() {
      let k = globalVisitIndex
      globalVisitIndex += 1
      guard k % config.shard.count == config.shard.index else { continue }
      let local = k / config.shard.count
      if local % config.loops == loopIndex { return t }
    }
    return nil
  }

  func releaseVisits(_ now: Int64, closedEnd: Int64) {
    switch config.shape {
    case .open:
      while let t = nextVisitTime, t <= now {
        beginVisit(intended: t, user: nil, now: now)
        nextVisitTime = nextOwnVisit()
      }
    case .closed:
      while readyHead < readyUsers.count && readyUsers[readyHead].at <= now && now < closedEnd {
        let (t, u) = readyUsers[readyHead]
        readyHead += 1
        beginVisit(intended: t, user: u, now: now)
      }
      if readyHead > 1_024 && readyHead * 2 > readyUsers.count {
        readyUsers.removeFirst(readyHead)
        readyHead = 0
      }
    }
  }

  func beginVisit(intended: Int64, user: Int?, now: Int64) {
    guard requestsSent < requestCap else {
      // The cap is reached: no more visits start (a closed-model user stays idle).
      if case .open = config.shape { nextVisitTime = nil }
      return
    }
    if activeVisits >= config.maxQueuedVisits {
      recorder.error(
        .generatorQueueFull, of: nil, at: now,
        reason: "\(config.maxQueuedVisits) visits were already waiting in this event loop")
      return
    }
    let slot =
      freeVisits.popLast()
      ?? {
        visits.append(VisitState())
        return visits.count - 1
      }()
    visits[slot] = VisitState(intended: intended, step: 0, outstanding: 0, failed: false, user: user)
    activeVisits += 1
    enqueueStep(visit: slot, step: 0, ready: intended)
  }

  func enqueueStep(visit: Int, step: Int, ready: Int64) {
    visits[visit].step = step
    visits[visit].outstanding = kindOf[step].count
    for i in kindOf[step].indices {
      recorder.requestsIssued += 1
      queues[originOf[step][i]].append(RequestTask(visit: visit, step: step, index: i, ready: ready))
    }
  }

  // MARK: Dispatch

  func dispatch(origin o: Int, now: Int64) {
    while queueHeads[o] < queues[o].count {
      guard requestsSent < requestCap else {
        // --max-requests reached: what waits will never be sent. Cut it off so the visits
        // end and the run finishes (it used to wait for them forever).
        cutOffQueue(origin: o, now: now)
        return
      }
      let connection: Connection
      if let id = idle[o].popLast() {
        connection = connections[id]
        if connection.idleUntil > 0 && now >= connection.idleUntil {
          // The server announced it closes idle connections about now: close it first.
          drop(connection)
          continue
        }
      } else if openCount[o] < config.connectionsPerOrigin {
        switch open(origin: o, now: now) {
        case .success(let c): connection = c
        case .failure(let f):
          // The connect failed at once (refused, unreachable): the request waiting for it
          // fails once, as one that failed later would; the next request tries again.
          let task = queues[o][queueHeads[o]]
          queueHeads[o] += 1
          failUnsent(task, kind: f.kind == .refused ? .connectRefused : .connect, now: now, reason: f.reason)
          continue
        }
      } else {
        return
      }
      let task = queues[o][queueHeads[o]]
      queueHeads[o] += 1
      if queueHeads[o] > 4_096 && queueHeads[o] * 2 > queues[o].count {
        queues[o].removeFirst(queueHeads[o])
        queueHeads[o] = 0
      }
      assign(task, to: connection, now: now)
    }
  }

  func assign(_ task: RequestTask, to c: Connection, now: Int64) {
    c.task = task
    c.kind = kindOf[task.step][task.index]
    c.out = task.redirect?.bytes ?? wire[task.step][task.index]
    c.written = 0
    c.gotBytes = false
    c.parser.reset(
      noBody: task.redirect.map { $0.request.method == "HEAD" } ?? isHead[task.step][task.index],
      keepBody: keepsBody[c.kind.rawValue] ? LiveConfig.checkedBodyLimit : 0)
    requestsSent += 1
    if c.state == .idle { beginWrite(c, now: now) }
  }

  func beginWrite(_ c: Connection, now: Int64) {
    c.state = .writing
    c.sendStart = now
    c.deadline = now + Int64(config.responseTimeoutMs * 1e6)
    if let task = c.task { recorder.record(.generatorLag, nanoseconds: now - task.ready) }
    write(c, now: now)
  }

  /// Opens a non-blocking connection; the request is sent once it (and TLS) is up.
  func open(origin o: Int, now: Int64) -> Result<Connection, IOFailure> {
    let r = o < runOrigins ? addresses.current(o) : origins[o]
    let stream: TCPStream
    switch TCPStream.connect(family: r.family, address: r.address) {
    case .success(let s): stream = s
    case .failure(let f): return .failure(f)
    }
    let c: Connection
    if let id = freeConnections.popLast() {
      c = connections[id]
      c.origin = o
    } else {
      c = Connection(id: connections.count, origin: o)
      connections.append(c)
      activeSlot.append(nil)
    }
    activeSlot[c.id] = active.count
    active.append(c.id)
    c.stream = stream
    c.parser = ResponseParser(coldStartHeader: config.coldStartHeader)
    openCount[o] += 1
    c.state = .connecting
    c.openedAt = now
    c.deadline = now + Int64(config.connectTimeoutMs * 1e6)
    poller.add(stream.fd, id: c.id, events: EPOLLOUT.rawValue)
    c.interest = EPOLLOUT.rawValue
    // Connected at once (a local socket may be) or not: epoll reports it writable either way,
    // and the connect is finished there.
    return .success(c)
  }

  func want(_ c: Connection, _ interest: Interest) {
    let events = interest.epollEvents
    guard let s = c.stream, c.interest != events else { return }
    poller.modify(s.fd, id: c.id, events: events)
    c.interest = events
  }

  /// An I/O failure as the report counts it.
  static func errorName(_ f: IOFailure) -> ErrorName {
    switch f.kind {
    case .refused: .connectRefused
    case .reset: .reset
    case .timedOut: .timeout
    case .tls: .tls
    case .other: .connect
    }
  }

  // MARK: Socket events

  func handle(_ c: Connection, events: UInt32, now: Int64) {
    switch c.state {
    case .closed:
      return
    case .connecting:
      guard let stream = c.stream else { return }
      if case .failed(let f) = stream.connectOutcome() {
        fail(c, kind: Self.errorName(f), now: now, reason: f.reason)
        return
      }
      recorder.record(.connect, nanoseconds: now - c.openedAt)
      c.connectedAt = now
      // TLS for an https origin only: a run may mix http and https origins.
      if origins[c.origin].target.secure, let tls {
        guard c.stream!.startTLS(tls, host: origins[c.origin].target.host) else {
          fail(c, kind: .tls, now: now, reason: "cannot create a TLS session")
          return
        }
        c.state = .handshaking
        c.deadline = now + Int64(config.tlsTimeoutMs * 1e6)
        handshake(c, now: now)
      } else {
        connected(c, now: now)
      }
    case .handshaking:
      handshake(c, now: now)
    case .writing:
      write(c, now: now)
    case .reading:
      read(c, now: now)
    case .idle:
      // An idle keep-alive connection became readable: the server closed it (or sent junk).
      if c.stream?.peerClosed() ?? true { drop(c) }
    }
  }

  func connected(_ c: Connection, now: Int64) {
    c.state = .idle
    if c.task != nil {
      beginWrite(c, now: now)
    } else {
      c.deadline = 0
      want(c, .read)
      idle[c.origin].append(c.id)
    }
  }

  func handshake(_ c: Connection, now: Int64) {
    guard let stream = c.stream else { return }
    switch stream.handshake() {
    case .done:
      recorder.record(.tlsHandshake, nanoseconds: now - c.connectedAt)
      connected(c, now: now)
    case .wouldBlock(let interest): want(c, interest)
    case .endOfStream: fail(c, kind: .tls, now: now, reason: "the server closed the connection in the TLS handshake")
    case .failed(let f): fail(c, kind: .tls, now: now, reason: f.reason)
    }
  }

  func write(_ c: Connection, now: Int64) {
    while c.written < c.out.count {
      guard let stream = c.stream else { return }
      let step = c.out.withUnsafeBytes { raw in
        stream.send(raw.baseAddress! + c.written, count: c.out.count - c.written)
      }
      switch step {
      case .done(let n):
        c.written += n
        recorder.bytesOutByKind[c.kind.rawValue] &+= UInt64(n)
      case .wouldBlock(let interest):
        want(c, interest)
        return
      case .endOfStream:
        fail(c, kind: .reset, now: now, reason: "send: the connection was closed")
        return
      case .failed(let f):
        fail(c, kind: f.kind == .other ? .connect : .reset, now: now, reason: f.reason)
        return
      }
    }
    // The response cannot be there yet: wait for epoll to say so (a recv now would only
    // answer EAGAIN, a wasted system call on half the requests of a closed loop).
    c.state = .reading
    want(c, .read)
  }

  func read(_ c: Connection, now: Int64) {
    while c.state == .reading {
      guard let stream = c.stream else { return }
      let n: Int
      switch stream.receive(into: readBuffer) {
      case .done(let count):
        n = count
      case .wouldBlock(let interest):
        if interest == .write { want(c, .write) }
        return
      case .endOfStream:
        endOfStream(c, now: now)
        return
      case .failed(let f):
        fail(c, kind: f.kind == .other ? .connect : .reset, now: now, reason: f.reason)
        return
      }
      if !c.gotBytes { c.firstByteAt = now }
      c.gotBytes = true
      recorder.bytesInByKind[c.kind.rawValue] &+= UInt64(n)
      let used: Int
      do {
        used = try c.parser.feed(UnsafeRawBufferPointer(rebasing: readBuffer[0..<n]))
      } catch {
        fail(c, kind: .malformed, now: now, reason: error.reason)
        return
      }
      if c.parser.isDone {
        let reusable = c.parser.keepAlive && used == n
        let keepAliveTimeout = c.parser.keepAliveTimeoutSeconds
        complete(c, now: now)
        if reusable {
          c.reused = true
          c.state = .idle
          c.deadline = 0
          // Close a second early (half the time for timeouts under 2 s), before the server does;
          // the server's figure is held to an hour (a timeout of 1e308 s must not overflow).
          c.idleUntil =
            keepAliveTimeout.map { t in
              let s = min(t, LiveConfig.longestWaitSeconds)
              return now + Int64((s >= 2 ? s - 1 : s / 2) * 1e9)
            } ?? 0
          idle[c.origin].append(c.id)
        } else {
          drop(c)
        }
        return
      }
    }
  }

  func endOfStream(_ c: Connection, now: Int64) {
    do {
      try c.parser.closed()
      complete(c, now: now)
      drop(c)
    } catch {
      fail(c, kind: c.gotBytes ? .malformed : .reset, now: now, reason: error.reason)
    }
  }

  func expireDeadlines(_ now: Int64) {
    // Collected first: failing a connection closes it, which changes `active`.
    let expired = active.map { connections[$0] }.filter {
      $0.state != .closed && $0.state != .idle && $0.deadline > 0 && now > $0.deadline
    }
    for c in expired {
      let reason: String
      switch c.state {
      case .connecting:
        reason = String(format: "no connection within %.3g s (--connect-timeout)", config.connectTimeoutMs / 1e3)
      case .handshaking:
        reason = String(format: "no TLS handshake within %.3g s (--tls-timeout)", config.tlsTimeoutMs / 1e3)
      default: reason = String(format: "no complete response within %.3g s (--timeout)", config.responseTimeoutMs / 1e3)
      }
      fail(c, kind: .timeout, now: now, reason: reason)
    }
  }

  // MARK: Outcomes

  /// A response arrived whole.
  func complete(_ c: Connection, now: Int64) {
    guard let task = c.task else { return }
    c.task = nil
    let kind = c.kind
    let status = c.parser.status
    recorder.ended(kind, at: now)
    recorder.countStatus(status, kind: kind)
    // Where the request went (the URL of an error's example): made only when needed.
    var target: Target { task.redirect?.request.target ?? steps[task.step][task.index].target }
    if (300..<400).contains(status) && status != 304 && config.followRedirects {
      // A browser follows it: the hop is timed and counted, and the request goes on.
      recorder.record(.redirect, nanoseconds: now - c.sendStart)
      switch follow(task, status: status, location: c.parser.location) {
      case .success(let next):
        recorder.requestsIssued += 1
        queues[next.redirect!.origin].append(next)
        return
      case .failure(let reason):
        recorder.error(
          .redirect, of: kind, at: now,
          reason: "HTTP \(status) from \(target) to \(RedirectLocation.printable(c.parser.location ?? "?")): \(reason.reason)")
        visits[task.visit].failed = true
        progress(visit: task.visit, now: now)
        return
      }
    }
    if !checksOf[kind.rawValue].isEmpty { check(kind, status: status, parser: c.parser) }
    let latency = now - task.ready
    recorder.record(kind.stage, nanoseconds: latency)
    switch kind {
    case .api:
      recorder.record(.counterApiService, nanoseconds: now - c.sendStart)
      recorder.record(.counterApiFirstByte, nanoseconds: c.firstByteAt - c.sendStart)
      recorder.record(.counterApiReceive, nanoseconds: now - c.firstByteAt)
      if let cold = c.parser.coldStart {
        // The function said whether this call was cold: service times apart, for calibration.
        recorder.record(cold ? .counterApiColdService : .counterApiWarmService, nanoseconds: now - c.sendStart)
      }
      recorder.logCounterCall(sent: c.sendStart, end: now, status: status, cold: c.parser.coldStart)
      recorder.counterApiByBucket.record(micros: latency / 1_000, at: task.ready)
    case .page, .asset:
      let service = now - c.sendStart
      recorder.record(.siteService, nanoseconds: service)
      recorder.record(.siteFirstByte, nanoseconds: c.firstByteAt - c.sendStart)
      recorder.record(.siteReceive, nanoseconds: now - c.firstByteAt)
      switch c.parser.edgeCache {
      case .hit: recorder.record(.edgeHitService, nanoseconds: service)
      case .miss: recorder.record(.edgeMissService, nanoseconds: service)
      case nil: break
      }
    case .preflight:
      break
    }
    if status >= 400 {
      recorder.error(status >= 500 ? .http5xx : .http4xx, of: kind, at: now, reason: "HTTP \(status) from \(target)")
      visits[task.visit].failed = true
    } else if (300..<400).contains(status) && status != 304 {
      // Not followed (--no-follow): the run measured the redirect, not the page. Counted as an
      // error with where it points, so a threshold on errors catches it.
      recorder.error(
        .redirect, of: kind, at: now,
        reason:
          "HTTP \(status) from \(target) to \(RedirectLocation.printable(c.parser.location ?? "?")) (not followed: --no-follow)")
      visits[task.visit].failed = true
    }
    progress(visit: task.visit, now: now)
  }

  /// Runs the checks on a response of `kind`: the body as it came, gunzipped when the server
  /// compressed it.
  func check(_ kind: Request.Kind, status: Int, parser: ResponseParser) {
    var body: [UInt8]?
    var unreadable: String?
    if keepsBody[kind.rawValue] {
      switch parser.contentEncoding {
      case nil, "identity":
        body = parser.body
      case "gzip":
        do { body = [UInt8](try Gzip.decompress(Data(parser.body), limit: 8 * LiveConfig.checkedBodyLimit)) } catch {
          unreadable = "the gzip body does not decompress (\(error.description))"
        }
      case let other?:
        unreadable = "the body is encoded as \(other), which checks cannot read"
      }
    }
    let cut = parser.bodyCut ? " (only the body's first \(LiveConfig.checkedBodyLimit >> 20) MB were kept)" : ""
    for i in checksOf[kind.rawValue] {
      let c = config.checks[i]
      let failure = c.needsBody && unreadable != nil ? unreadable : c.failure(status: status, body: body)
      recorder.check(i, failure: failure.map { c.needsBody ? $0 + cut : $0 })
    }
  }

  struct RedirectRefused: Error {
    var reason: String
  }

  /// The headers that describe a body, dropped with it (the fetch standard's request-body-header names).
  static let bodyHeaders: Set<String> = ["content-type", "content-encoding", "content-language", "content-location"]
  /// The user's headers that belong to one origin, dropped on the way to another.
  static let originHeaders: Set<String> = ["authorization", "cookie", "proxy-authorization", "host"]

  /// The next hop of a redirect: the Location resolved against the request's URL, on one of the
  /// run's origins or another one (`addOrigin`). The hop is the previous hop's request, changed
  /// as browsers change it (the fetch standard's HTTP-redirect fetch): 303, and 301 and 302
  /// after a POST, become a GET without a body and without the headers that describe one; on
  /// the way to another origin the user's credentials (`Authorization`, `Cookie`,
  /// `Proxy-Authorization`, as curl also drops them) and `Host` stay behind, so a token given
  /// for the site never reaches where the site points and the new origin gets its own host.
  func follow(_ task: RequestTask, status: Int, location: String?) -> Result<RequestTask, RedirectRefused> {
    var request = task.redirect?.request ?? steps[task.step][task.index]
    let target = request.target
    let hops = (task.redirect?.hops ?? 0) + 1
    guard hops <= LiveConfig.maxRedirects else {
      return .failure(RedirectRefused(reason: "more than \(LiveConfig.maxRedirects) redirects"))
    }
    guard let given = location, !given.isEmpty else { return .failure(RedirectRefused(reason: "no Location header")) }
    let location: String
    switch RedirectLocation.check(given) {
    case .success(let checked): location = checked
    case .failure(let refused): return .failure(refused)
    }
    let next: Target
    if location.lowercased().hasPrefix("http://") || location.lowercased().hasPrefix("https://") {
      guard let t = try? Target(parsing: location) else {
        return .failure(RedirectRefused(reason: "the Location is not a URL this client reads"))
      }
      next = t
    } else if location.hasPrefix("//") {
      return .failure(RedirectRefused(reason: "a scheme-relative Location is not followed"))
    } else if location.hasPrefix("/") {
      next = target.with(path: location)
    } else {
      let base = target.path.prefix { $0 != "?" }
      let directory = base.lastIndex(of: "/").map { base[...$0] } ?? "/"
      next = target.with(path: directory + location)
    }
    let origin: Int
    if let known = origins.firstIndex(where: { $0.target.origin == next.origin }) {
      origin = known
    } else {
      switch addOrigin(next) {
      case .success(let added): origin = added
      case .failure(let refused): return .failure(refused)
      }
    }
    let keepsMethod =
      status == 307 || status == 308 || (status != 303 && request.method == "GET") || request.method == "HEAD"
    if !keepsMethod {
      request.method = "GET"
      request.body = []
      request.headers.removeAll { Self.bodyHeaders.contains($0.0.lowercased()) }
    }
    if next.origin != target.origin {
      request.headers.removeAll { Self.originHeaders.contains($0.0.lowercased()) }
    }
    request.target = next
    var hop = task
    hop.retried = false
    hop.redirect = RequestTask.Redirect(
      origin: origin, request: request, bytes: request.bytes(userAgent: config.userAgent), hops: hops)
    return .success(hop)
  }

  /// An origin a redirect leads to, resolved now (its look-up timed in the dns stage) and given
  /// its own connection pool; refused off this machine unless the run may go there, and past
  /// `LiveConfig.maxRedirectOrigins`.
  func addOrigin(_ target: Target) -> Result<Int, RedirectRefused> {
    guard origins.count - runOrigins < LiveConfig.maxRedirectOrigins else {
      return .failure(
        RedirectRefused(reason: "more than \(LiveConfig.maxRedirectOrigins) origins reached by redirects"))
    }
    // A host this run may not reach is refused before it is looked up: no DNS query leaves
    // for a name the run would refuse anyway.
    guard config.offMachineAllowed || LiveRun.isLoopbackName(target.host) else {
      return .failure(
        RedirectRefused(
          reason: "\(target.origin) is not on this machine and the load exceeds 10 visits/s: add --yes to follow it"))
    }
    let resolved: ResolvedOrigin
    do { resolved = try LiveRun.resolve(target) } catch { return .failure(RedirectRefused(reason: error.description)) }
    guard LiveRun.allLoopback([resolved]) || config.offMachineAllowed else {
      return .failure(
        RedirectRefused(
          reason: "\(target.origin) is not on this machine and the load exceeds 10 visits/s: add --yes to follow it"))
    }
    if target.secure && tls == nil {
      do { tls = try config.tlsContext() } catch {
        return .failure(RedirectRefused(reason: "no TLS for \(target.origin): \(error.description)"))
      }
    }
    recorder.record(.dns, nanoseconds: resolved.resolveNanoseconds)
    origins.append(resolved)
    idle.append([])
    openCount.append(0)
    queues.append([])
    queueHeads.append(0)
    return .success(origins.count - 1)
  }

  /// A request failed: counted by kind, and the visit ends (as wrk and k6 count them).
  ///
  /// One exception, as browsers make it: a request that failed on a reused keep-alive
  /// connection before any byte of a response arrived met a connection the server had
  /// already closed (at its keep-alive timeout or request limit). It is sent once more on a
  /// new connection and counted apart (`keepAliveRetries`), not as an error.
  func fail(_ c: Connection, kind: ErrorName, now: Int64, reason: @autoclosure () -> String) {
    let task = c.task
    let requestKind = c.kind
    // Sent only once writing began (a failed connect or handshake never sent it).
    let sent: Int64? = c.state == .writing || c.state == .reading ? c.sendStart : nil
    let staleKeepAlive = c.reused && !c.gotBytes && (kind == .reset || kind == .connect)
    drop(c)
    guard var t = task else { return }
    if staleKeepAlive && !t.retried {
      t.retried = true
      recorder.keepAliveRetries += 1
      let o = t.redirect?.origin ?? originOf[t.step][t.index]
      queues[o].insert(t, at: queueHeads[o])
      return
    }
    recorder.ended(requestKind, at: now)
    recorder.error(kind, of: requestKind, at: now, reason: reason())
    for i in checksOf[requestKind.rawValue] { recorder.check(i, failure: "no response (\(kind.rawValue))") }
    if requestKind == .api, let sent {
      recorder.logCounterCall(sent: sent, end: now, status: 0, cold: nil)
    }
    // A timed-out request waited at least this long: its sample keeps the tail honest (a
    // request that failed fast says nothing about latency and leaves none).
    if kind == .timeout { recorder.record(requestKind.stage, nanoseconds: now - t.ready) }
    visits[t.visit].failed = true
    progress(visit: t.visit, now: now)
  }

  /// A request that failed before it had a connection (its connect failed at once): ended,
  /// counted as one error, its visit moved on.
  func failUnsent(_ t: RequestTask, kind: ErrorName, now: Int64, reason: String) {
    let requestKind = kindOf[t.step][t.index]
    recorder.ended(requestKind, at: now)
    recorder.error(kind, of: requestKind, at: now, reason: reason)
    for i in checksOf[requestKind.rawValue] { recorder.check(i, failure: "no response (\(kind.rawValue))") }
    visits[t.visit].failed = true
    progress(visit: t.visit, now: now)
  }

  /// A request that never got its chance: still queued or in flight when the run's time was
  /// up, or never sent because of --max-requests. Counted apart, without a latency, and its
  /// visit ends.
  func cutOff(_ task: RequestTask, now: Int64) {
    recorder.requestsCutOff += 1
    visits[task.visit].failed = true
    progress(visit: task.visit, now: now)
  }

  /// The hard end of the run: every queued and in-flight request is cut off.
  func cutOffEverything(_ now: Int64) {
    for c in connections where c.task != nil {
      let task = c.task!
      drop(c)
      cutOff(task, now: now)
    }
    for o in origins.indices { cutOffQueue(origin: o, now: now) }
    if case .open = config.shape { nextVisitTime = nil }
  }

  /// Cuts off every request still queued for origin `o`.
  func cutOffQueue(origin o: Int, now: Int64) {
    while queueHeads[o] < queues[o].count {
      let task = queues[o][queueHeads[o]]
      queueHeads[o] += 1
      cutOff(task, now: now)
    }
  }

  func drop(_ c: Connection) {
    if c.state == .idle, let i = idle[c.origin].firstIndex(of: c.id) { idle[c.origin].remove(at: i) }
    if c.state != .closed { openCount[c.origin] -= 1 }
    c.close(poller)
    if let slot = activeSlot[c.id] {
      let last = active.removeLast()
      if last != c.id {
        active[slot] = last
        activeSlot[last] = slot
      }
      activeSlot[c.id] = nil
      closedConnections.append(c.id)
    }
  }

  /// One request of the visit's current step is over; move the visit on.
  func progress(visit v: Int, now: Int64) {
    visits[v].outstanding -= 1
    guard visits[v].outstanding == 0 else { return }
    let step = visits[v].step
    if !visits[v].failed && step == pageLoadStep { recorder.record(.pageLoad, nanoseconds: now - visits[v].intended) }
    // A failed asset does not stop the page's script: the visit goes on to the counter API.
    if visits[v].failed && goesOnAfterFailure[step] { visits[v].failed = false }
    if !visits[v].failed && step + 1 < steps.count {
      enqueueStep(visit: v, step: step + 1, ready: now)
      return
    }
    recorder.visits += 1
    recorder.count(.visits, at: now)
    if case .closed(_, let think, _) = config.shape, let user = visits[v].user {
      readyUsers.append((at: now + Int64(think * 1e9), user: user))
    }
    activeVisits -= 1
    freeVisits.append(v)
  }
}
