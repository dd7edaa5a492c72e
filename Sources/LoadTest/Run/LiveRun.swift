import Foundation
import Glibc
import HTTPClient
import Metrics

/// Runs a live load test: one event loop per thread, then one merged report.
public enum LiveRun {
  /// Resolves every origin the visit touches (once, before the run).
  static func resolve(_ config: LiveConfig) throws(LiveError) -> [ResolvedOrigin] {
    var seen: [String] = []
    var out: [ResolvedOrigin] = []
    for target in config.steps.flatMap({ $0.map(\.target) }) where !seen.contains(target.origin) {
      seen.append(target.origin)
      out.append(try resolve(target))
    }
    guard !out.isEmpty else { throw .usage("nothing to send: give --site and/or --api") }
    return out
  }

  static func resolve(_ target: Target) throws(LiveError) -> ResolvedOrigin {
    var hints = addrinfo()
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    hints.ai_family = AF_UNSPEC
    var result: UnsafeMutablePointer<addrinfo>?
    let started = EventLoop.now()
    let rc = getaddrinfo(target.host, String(target.port), &hints, &result)
    let took = EventLoop.now() - started
    guard rc == 0, let first = result else {
      throw .failure("DNS: cannot resolve \(target.host): \(String(cString: gai_strerror(rc)))")
    }
    defer { freeaddrinfo(result) }
    // Prefer IPv4 when both are offered (loopback test servers listen on 127.0.0.1).
    var chosen = first
    var p: UnsafeMutablePointer<addrinfo>? = first
    while let a = p {
      if a.pointee.ai_family == AF_INET {
        chosen = a
        break
      }
      p = a.pointee.ai_next
    }
    let bytes = Array(UnsafeRawBufferPointer(start: chosen.pointee.ai_addr, count: Int(chosen.pointee.ai_addrlen)))
    return ResolvedOrigin(
      target: target, address: bytes, family: chosen.pointee.ai_family, resolveNanoseconds: took)
  }

  /// Whether every origin resolves to a loopback address (127.0.0.0/8 or ::1).
  /// Whether a host is written as this machine: localhost, 127.x.x.x or ::1.
  static func isLoopbackName(_ host: String) -> Bool {
    let h = host.lowercased()
    return h == "localhost" || h == "::1" || h == "[::1]" || h.hasPrefix("127.")
  }

  static func allLoopback(_ origins: [ResolvedOrigin]) -> Bool {
    origins.allSatisfy { o in
      if o.family == AF_INET { return o.address.count >= 8 && o.address[4] == 127 }
      if o.family == AF_INET6 {
        return o.address.count >= 24 && o.address[8..<23].allSatisfy { $0 == 0 } && o.address[23] == 1
      }
      return false
    }
  }

  /// Live figures while the run goes, for the progress line and --abort-on.
  public struct Snapshot: Sendable {
    public var elapsedSeconds: Double
    public var requests: UInt64
    public var errors: UInt64
    public var visits: UInt64
    /// The counter API's p99 so far in ms (the largest of the loops' own p99s).
    public var counterApiP99Ms: Double
    /// How late the generator started visits, p99 so far in ms (the largest of the loops').
    public var generatorLagP99Ms: Double = 0

    public init(
      elapsedSeconds: Double, requests: UInt64, errors: UInt64, visits: UInt64, counterApiP99Ms: Double,
      generatorLagP99Ms: Double = 0
    ) {
      self.elapsedSeconds = elapsedSeconds
      self.requests = requests
      self.errors = errors
      self.visits = visits
      self.counterApiP99Ms = counterApiP99Ms
      self.generatorLagP99Ms = generatorLagP99Ms
    }
  }

  /// Checks the safety rules before anything is sent. Returns the resolved origins.
  public static func preflight(_ config: LiveConfig, yes: Bool, safeRate: Double = 10) throws(LiveError) -> (
    loopback: Bool, origins: [ResolvedOrigin]
  ) {
    let origins = try resolve(config)
    let loopback = allLoopback(origins)
    try checkSafety(config, loopback: loopback, yes: yes, safeRate: safeRate, targets: origins.map(\.target.origin))
    return (loopback, origins)
  }

  /// The checks of `preflight` without resolving a name (`live --dry-run`): a target counts
  /// as this machine only when it is written as one (127.x.x.x, ::1, localhost).
  public static func dryRun(_ config: LiveConfig, yes: Bool, safeRate: Double = 10) throws(LiveError) -> Bool {
    let targets = [config.site, config.api].compactMap { $0 }
    let loopback = targets.allSatisfy { isLoopbackName($0.host) }
    try checkSafety(config, loopback: loopback, yes: yes, safeRate: safeRate, targets: targets.map(\.origin))
    return loopback
  }

  /// Whether this run may send requests off this machine: the rule of `preflight`, as if its
  /// targets were elsewhere (for redirects that lead there).
  public static func mayLeaveThisMachine(_ config: LiveConfig, yes: Bool, safeRate: Double = 10) -> Bool {
    (try? checkSafety(config, loopback: false, yes: yes, safeRate: safeRate, targets: [])) != nil
  }

  static func checkSafety(_ config: LiveConfig, loopback: Bool, yes: Bool, safeRate: Double, targets: [String])
    throws(LiveError)
  {
    if !loopback && !yes {
      let heavy: Bool
      switch config.shape {
      case .open: heavy = config.shape.peakRate > safeRate
      case .closed(let users, _, _): heavy = users > Int(safeRate)
      }
      if heavy {
        throw .unsafe(
          "\(targets.joined(separator: ", ")) is not on this machine and the load exceeds \(Int(safeRate)) visits/s: add --yes to confirm you own it and mean it"
        )
      }
    }
  }

  /// Runs the test. Returns when the schedule is done, `stop` is set, or the caps are hit.
  /// `onSnapshot` is called about once a second from the calling thread.
  public static func execute(
    _ config: LiveConfig, origins: [ResolvedOrigin], name: String, stop: StopSignal,
    onSnapshot: ((Snapshot) -> Void)? = nil
  ) throws(LiveError) -> RunReport {
    signal(SIGPIPE, SIG_IGN)
    if config.transport == .urlsession {
      guard case .open = config.shape else {
        throw .usage("--transport urlsession runs the open model only (use --rate or --stage)")
      }
      let started = EventLoop.now()
      let recorder = URLSessionRun(config: config).run(stop: stop)
      let results = LoopResults(count: 1)
      results.attach(0, recorder)
      results.finish(0)
      var report = results.report(
        name: name, elapsedSeconds: Double(EventLoop.now() - started) / 1e9, config: config, stoppedBy: stop.stopped)
      report.notes.append(
        "sent through URLSession (--transport urlsession): latency from each request's intended start; no service time or generator lag"
      )
      return report
    }
    let needsTLS = origins.contains { $0.target.secure }
    let tls = needsTLS ? try config.tlsContext() : nil
    let loops = max(1, config.loops)
    let results = LoopResults(count: loops)
    let addresses = AddressBook(origins)
    let started = EventLoop.now()
    var threads: [Thread] = []
    for i in 0..<loops {
      let t = Thread {
        let loop = EventLoop(config: config, origins: origins, tls: tls, loopIndex: i, stop: stop, addresses: addresses)
        { snapshot in
          results.publish(i, snapshot)
        }
        results.attach(i, loop.recorder)
        loop.run()
        results.finish(i)
      }
      t.stackSize = 1 << 20
      threads.append(t)
      t.start()
    }
    // Wait, publishing snapshots (the loops' counters are read under the results lock).
    var lastSnapshot = started
    var lastResolve = started
    var resolutions = 0
    var resolveFailures = 0
    while !results.allFinished {
      usleep(20_000)
      let now = EventLoop.now()
      if config.dnsRefreshSeconds > 0 && Double(now - lastResolve) / 1e9 >= config.dnsRefreshSeconds {
        lastResolve = now
        resolutions += 1
        for (i, o) in origins.enumerated() {
          if let fresh = try? resolve(o.target) { addresses.update(i, fresh) } else { resolveFailures += 1 }
        }
      }
      if now - lastSnapshot >= 1_000_000_000 {
        lastSnapshot = now
        let s = results.snapshot(elapsed: Double(now - started) / 1e9)
        onSnapshot?(s)
      }
    }
    let elapsed = Double(EventLoop.now() - started) / 1e9
    var report = results.report(name: name, elapsedSeconds: elapsed, config: config, stoppedBy: stop.stopped)
    // Names are resolved before the run (and again every --dns-refresh): each look-up at the
    // start, and of each origin a redirect led to, is the run's dns stage.
    var dns = report[series: .dns] ?? LatencyHistogram()  // origins reached by redirects
    for o in origins { dns.record(micros: o.resolveNanoseconds / 1_000) }
    report.histograms[LatencySeries.dns.rawValue] = dns
    report.latencyMs[LatencySeries.dns.rawValue] = LatencySummary(dns)
    if resolutions > 0 {
      report.notes.append(
        "DNS re-resolved \(resolutions) times (every \(Int(config.dnsRefreshSeconds)) s): \(addresses.changes) address changes, \(resolveFailures) failed look-ups (the last address was kept)"
      )
    }
    return report
  }
}
