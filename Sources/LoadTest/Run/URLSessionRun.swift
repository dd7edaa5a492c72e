import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The same visits through URLSession instead of the epoll client: for HTTP/2 where the
/// platform's URLSession negotiates it. Slower (on Linux every session of a process shares one
/// serial queue, about 2,000 requests/s at most) and open model only.
///
/// The schedule, intended start times and the report are the same as the native client's;
/// results go through one lock-protected recorder.
final class URLSessionRun: @unchecked Sendable {
  // @unchecked: `recorder` and the visit table are only touched under `lock`.
  let config: LiveConfig
  let steps: [[Request]]
  let pageLoadStep: Int?
  let session: URLSession
  let lock = NSLock()
  let recorder: LiveRecorder
  let start = EventLoop.now()
  var visits: [Int: (intended: Int64, step: Int, outstanding: Int, failed: Bool)] = [:]
  var nextVisit = 0
  var active = 0

  init(config: LiveConfig) {
    self.config = config
    steps = config.steps
    pageLoadStep = config.pageLoadStep
    let c = URLSessionConfiguration.ephemeral
    c.httpMaximumConnectionsPerHost = config.connectionsPerOrigin * max(1, config.loops)
    c.timeoutIntervalForRequest = config.responseTimeoutMs / 1000
    session = URLSession(configuration: c)
    recorder = LiveRecorder(lengthNanoseconds: Int64(config.shape.durationSeconds * 1e9) + 1_000_000_000)
    recorder.measuresBytesSent = false
  }

  func clock() -> Int64 { EventLoop.now() - start }

  /// Sends the schedule; returns when every visit is done or `stop` is set.
  func run(stop: StopSignal) -> LiveRecorder {
    var schedule = OpenSchedule(shape: config.shape, seed: config.seed)
    var index = 0
    while stop.stopped == nil, let t = schedule.next() {
      defer { index += 1 }
      guard index % config.shard.count == config.shard.index else { continue }
      let wait = t - clock()
      if wait > 0 { usleep(useconds_t(min(wait / 1_000, 1_000_000))) }
      lock.lock()
      let id = nextVisit
      nextVisit += 1
      visits[id] = (t, 0, 0, false)
      active += 1
      lock.unlock()
      send(visit: id, step: 0, ready: t)
    }
    while stop.stopped == nil {
      lock.lock()
      let busy = active
      lock.unlock()
      if busy == 0 { break }
      usleep(5_000)
    }
    session.invalidateAndCancel()
    return recorder
  }

  func send(visit id: Int, step: Int, ready: Int64) {
    lock.lock()
    visits[id]?.step = step
    visits[id]?.outstanding = steps[step].count
    lock.unlock()
    for r in steps[step] {
      var request = URLRequest(url: URL(string: r.target.description)!)
      request.httpMethod = r.method
      for (name, value) in r.headers { request.setValue(value, forHTTPHeaderField: name) }
      if !r.body.isEmpty { request.httpBody = Data(r.body) }
      let kind = r.kind
      session.dataTask(with: request) { [self] data, response, error in
        let now = clock()
        lock.lock()
        defer { lock.unlock() }
        recorder.ended(kind, at: now)
        if let http = response as? HTTPURLResponse {
          recorder.countStatus(http.statusCode, kind: kind)
          recorder.bytesInByKind[kind.rawValue] += UInt64(data?.count ?? 0)
          recorder.record(kind.stage, nanoseconds: now - ready)
          if http.statusCode >= 400 {
            recorder.error(
              http.statusCode >= 500 ? .http5xx : .http4xx, of: kind, at: now,
              reason: "HTTP \(http.statusCode) from \(r.target)")
            visits[id]?.failed = true
          }
        } else {
          let code = (error as? URLError)?.code
          recorder.error(
            code == .timedOut ? .timeout : (code == .cannotConnectToHost ? .connectRefused : .connect), of: kind,
            at: now,
            reason: error.map { "URLSession: \($0.localizedDescription)" } ?? "URLSession: no response")
          visits[id]?.failed = true
        }
        finishOne(visit: id, now: now)
      }.resume()
    }
  }

  /// Called under the lock when one request of the visit's step is over.
  func finishOne(visit id: Int, now: Int64) {
    guard var v = visits[id] else { return }
    v.outstanding -= 1
    visits[id] = v
    guard v.outstanding == 0 else { return }
    if !v.failed && v.step == pageLoadStep { recorder.record(.pageLoad, nanoseconds: now - v.intended) }
    // A failed asset does not stop the page's script: the visit goes on to the counter API.
    if v.failed && config.goesOnAfterFailure[v.step] {
      v.failed = false
      visits[id] = v
    }
    if !v.failed && v.step + 1 < steps.count {
      let next = v.step + 1
      DispatchQueue.global().async { self.send(visit: id, step: next, ready: now) }
      return
    }
    recorder.visits += 1
    recorder.seriesCounts.add(0, at: now)
    visits[id] = nil
    active -= 1
  }
}
