import Foundation
import Metrics
import Testing

@testable import LoadTest

/// Live mode against real servers on 127.0.0.1 that the tests start. Serialized: the timing
/// checks should not share the machine with each other.
@Suite(.serialized) struct LiveRunTests {
  func run(_ config: LiveConfig, stop: StopSignal = StopSignal()) throws -> RunReport {
    let (_, origins) = try LiveRun.preflight(config, yes: false)
    return try LiveRun.execute(config, origins: origins, name: "test", stop: stop)
  }

  func apiConfig(_ url: String, rate: Double, seconds: Double, loops: Int = 2) throws -> LiveConfig {
    var c = LiveConfig(shape: .open(stages: [.init(seconds: seconds, rate: rate)], poisson: false))
    c.api = try Target(parsing: url)
    c.parts = .api
    c.loops = loops
    c.connectionsPerOrigin = 16
    return c
  }

  @Test func exactRequestCounts() throws {
    // 200 visits/s for 2 s, evenly spaced from t = 0: exactly 400 requests, all answered 200,
    // and the server counted exactly 400.
    let server = try TestServer()
    let r = try run(try apiConfig(server.url(), rate: 200, seconds: 2))
    #expect(r.visits == 400)
    #expect(r.errors.requests == 400 && r.errors.total == 0)
    #expect(r.statusCounts?["200"] == 400)
    #expect(r.latencyMs["counterApi"]?.count == 400)
    #expect(try server.count() == 400)
    #expect(r.mode == "live")
  }

  @Test func statusBreakdown() throws {
    let server = try TestServer(["--status-every", "4", "--status", "503"])
    let r = try run(try apiConfig(server.url(), rate: 100, seconds: 2))
    #expect(r.statusCounts?["503"] == 50)
    #expect(r.statusCounts?["200"] == 150)
    #expect(r.errors.byKind["http5xx"] == 50)
    #expect(abs(r.errors.rate - 0.25) < 1e-9)
  }

  @Test func aStallPushesTheTailUpInsteadOfHidingIt() throws {
    // 100 visits/s for 3 s; from 1 s after the first request the server holds everything for
    // 1 s. The schedule keeps its intended start times, so the ~100 requests meant for that
    // second wait up to a whole second: p99 from the intended start is far above 500 ms, while
    // the time from the actual send (service) stays small for most requests.
    let server = try TestServer(["--stall-at", "1.0", "--stall-for", "1.0"])
    var c = try apiConfig(server.url(), rate: 100, seconds: 3, loops: 1)
    c.connectionsPerOrigin = 2
    let r = try run(c)
    let latency = try #require(r.histograms["counterApi"])
    #expect(r.visits == 300)
    #expect(try #require(r.latencyMs["counterApi"]).p99 >= 700)
    // At least 40 requests (of the ~100 meant for the stalled second) waited over 500 ms.
    #expect(Double(latency.count) * (1 - latency.fraction(atOrBelow: 500_000)) >= 40)
    #expect(try #require(r.latencyMs["counterApiService"]).p50 < 50)
    #expect(try #require(r.latencyMs["generatorLag"]).p99 > 300, "the generator had to queue: its lag shows it")
  }

  @Test func refusedResetAndHungConnectionsAreCountedByKind() throws {
    // Nothing listens on a port we just released: every connection is refused.
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, len) }
    }
    _ = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &len) }
    }
    let freePort = Int(UInt16(bigEndian: addr.sin_port))
    close(listener)
    let refused = try run(try apiConfig("http://127.0.0.1:\(freePort)/count", rate: 50, seconds: 1))
    #expect(refused.errors.byKind["connectRefused"] == 50)
    #expect(refused.visits == 50)
    // Counted once per request: what was issued ended as an error or was cut off.
    #expect(refused.errors.requests == 50)
    #expect(refused.live?.requestsIssued == refused.errors.requests + (refused.live?.requestsCutOff ?? 0))
    #expect(refused.errors.counterApi == PartErrors(requests: 50, total: 50))

    let resetting = try TestServer(["--reset-every", "5"])
    var c = try apiConfig(resetting.url(), rate: 50, seconds: 2, loops: 1)
    c.connectionsPerOrigin = 1
    let reset = try run(c)
    // A close without an answer on a reused keep-alive connection is sent again on a new one
    // (as a browser does); on a fresh connection it is an error. Either way it is counted.
    let closes =
      (reset.errors.byKind["reset"] ?? 0) + (reset.errors.byKind["malformed"] ?? 0)
      + (reset.live?.keepAliveRetries ?? 0)
    #expect(closes >= 15)
    #expect(reset.statusCounts?["200"] ?? 0 >= 70)
    #expect(reset.errors.requests == 100)

    let hanging = try TestServer(["--hang-every", "10"])
    var h = try apiConfig(hanging.url(), rate: 50, seconds: 1, loops: 1)
    h.responseTimeoutMs = 300
    let hung = try run(h)
    #expect(hung.errors.byKind["timeout"] == 5)
    #expect(hung.statusCounts?["200"] == 45)
  }

  @Test func tlsVerifiesCertificatesAgainstTheGivenCA() throws {
    let (cert, key) = try makeCertificate()
    let server = try TestServer(["--tls", cert, key])
    var c = try apiConfig(server.url(secure: true), rate: 50, seconds: 1)
    c.caFile = cert
    let trusted = try run(c)
    #expect(trusted.statusCounts?["200"] == 50)
    #expect(trusted.errors.total == 0)
    // The system store does not trust a self-signed certificate.
    c.caFile = nil
    let untrusted = try run(c)
    #expect(untrusted.errors.byKind["tls"] == 50)
    #expect(untrusted.notes.contains { $0.contains("certificate") })
    // --insecure skips verification.
    c.verifyTLS = false
    #expect(try run(c).statusCounts?["200"] == 50)
  }

  @Test func shardsSplitTheScheduleAndMergeToTheWholeRun() throws {
    let server = try TestServer()
    var c = try apiConfig(server.url(), rate: 100, seconds: 2)
    c.shard = (0, 3)
    let a = try run(c)
    c.shard = (1, 3)
    let b = try run(c)
    c.shard = (2, 3)
    let d = try run(c)
    #expect(a.visits + b.visits + d.visits == 200)
    let merged = try #require(RunReport.merge([a, b, d], windows: .concurrent))
    #expect(merged.visits == 200)
    #expect(merged.histograms["counterApi"]?.count == 200)
    #expect(merged.statusCounts?["200"] == 200)
    #expect(try server.count() == 200)
  }

  @Test func aFullVisitFetchesPageAssetsThenTheAPI() throws {
    let server = try TestServer()
    var c = LiveConfig(shape: .open(stages: [.init(seconds: 1, rate: 20)], poisson: false))
    c.site = try Target(parsing: server.url("/"))
    c.assets = [c.site!.with(path: "/style.css"), c.site!.with(path: "/photo.jpg")]
    c.api = try Target(parsing: server.url("/count"))
    c.corsPreflight = true
    c.loops = 1
    let r = try run(c)
    #expect(r.visits == 20)
    #expect(r.errors.requests == 20 * 5)  // page, 2 assets, preflight, API call
    #expect(r.latencyMs["pageLoad"]?.count == 20)
    #expect(r.latencyMs["asset"]?.count == 40)
    #expect(r.latencyMs["preflight"]?.count == 20)
    #expect(try server.count() == 100)
    // Counts by stage: requests and statuses as sent, request bytes exactly what each request
    // is on the wire, received bytes adding up to the whole run's.
    let stages = try #require(r.live?.stages)
    for (stage, kind, perVisit) in [
      ("page", Request.Kind.page, 1), ("asset", .asset, 2), ("preflight", .preflight, 1), ("counterApi", .api, 1),
    ] {
      let counts = try #require(stages[stage], "\(stage)")
      #expect(counts.requests == UInt64(20 * perVisit) && counts.statusCounts == ["200": UInt64(20 * perVisit)])
      let wire = c.steps.joined().filter { $0.kind == kind }.map { $0.bytes(userAgent: c.userAgent).count }.reduce(0, +)
      #expect(counts.bytesSent == UInt64(20 * wire), "\(stage): \(counts.bytesSent ?? 0) sent, \(20 * wire) expected")
      #expect(counts.bytesReceived > 0)
    }
    #expect(stages.values.map(\.bytesReceived).reduce(0, +) == r.live?.bytesReceived)
    #expect(stages.values.compactMap(\.bytesSent).reduce(0, +) == r.live?.bytesSent)
  }

  /// A browser still runs the page's script when an asset fails: the counter API is called,
  /// the asset's failure is the site's, and the page load (not complete) is not timed.
  @Test func aMissingAssetDoesNotCancelTheCounterCall() throws {
    let server = try TestServer()
    var c = LiveConfig(shape: .open(stages: [.init(seconds: 1, rate: 20)], poisson: false))
    c.site = try Target(parsing: server.url("/"))
    c.assets = [c.site!.with(path: "/missing"), c.site!.with(path: "/photo.jpg")]
    c.api = try Target(parsing: server.url("/count"))
    c.loops = 1
    let r = try run(c)
    #expect(r.visits == 20)
    #expect(r.latencyMs["counterApi"]?.count == 20, "every visit called the API")
    // The p99 over time rests on the counter calls of each bucket, not on every request.
    #expect(r.timeSeries?.series[CountSeries.counterApiCalls.rawValue]?.reduce(0, +) == 20)
    #expect(r.errors.byKind["http4xx"] == 20)
    #expect(r.errors.site == PartErrors(requests: 60, total: 20))
    #expect(r.errors.counterApi == PartErrors(requests: 20, total: 0))
    #expect(r.latencyMs["pageLoad"].map(\.count) ?? 0 == 0)
    #expect(r.metric("counterApi.errors.rate") == 0)
    #expect(abs((r.metric("site.errors.rate") ?? 0) - 1.0 / 3) < 1e-9)
  }

  @Test func closedModelKeepsUsersBusy() throws {
    // 4 users, no think time, 1 s: each user's next visit starts when the previous ends.
    let server = try TestServer(["--latency-ms", "20"])
    var c = LiveConfig(shape: .closed(users: 4, thinkSeconds: 0, durationSeconds: 1))
    c.api = try Target(parsing: server.url())
    c.parts = .api
    c.loops = 1
    let r = try run(c)
    // About 4 × 1 s / 20 ms = 200 visits; at least half that on a busy machine, never more.
    #expect(r.visits >= 100 && r.visits <= 210, "\(r.visits)")
  }

  @Test func stoppingEndsTheRunWithAReport() throws {
    let server = try TestServer()
    let stop = StopSignal()
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { stop.stop("test stop") }
    let r = try run(try apiConfig(server.url(), rate: 100, seconds: 30), stop: stop)
    #expect(r.visits > 10 && r.visits < 1_000)
    #expect(r.notes.contains { $0.contains("stopped early: test stop") })
  }
}

@Suite(.serialized) struct DNSRefreshTests {
  @Test func namesAreResolvedAgainDuringTheRun() throws {
    let server = try TestServer()
    var c = LiveConfig(shape: .open(stages: [.init(seconds: 2.5, rate: 40)], poisson: false))
    c.api = try Target(parsing: "http://localhost:\(server.port)/count")
    c.parts = .api
    c.loops = 1
    c.dnsRefreshSeconds = 1
    let (loopback, origins) = try LiveRun.preflight(c, yes: false)
    #expect(loopback)
    let r = try LiveRun.execute(c, origins: origins, name: "dns", stop: StopSignal())
    #expect(r.statusCounts?["200"] == 100)
    #expect(r.notes.contains { $0.hasPrefix("DNS re-resolved 2 times") }, "\(r.notes)")
  }
}

@Suite(.serialized) struct URLSessionTransportTests {
  @Test func theSameScheduleThroughURLSession() throws {
    let server = try TestServer()
    var c = LiveConfig(shape: .open(stages: [.init(seconds: 1, rate: 50)], poisson: false))
    c.site = try Target(parsing: server.url("/"))
    c.api = try Target(parsing: server.url("/count"))
    c.transport = .urlsession
    let (_, origins) = try LiveRun.preflight(c, yes: false)
    let r = try LiveRun.execute(c, origins: origins, name: "urlsession", stop: StopSignal())
    #expect(r.visits == 50)
    #expect(r.statusCounts?["200"] == 100)  // page and API call per visit
    #expect(r.latencyMs["pageLoad"]?.count == 50)
    #expect(r.latencyMs["counterApi"]?.count == 50)
    #expect(try server.count() == 100)
  }
}
