import Foundation
import Metrics
import Testing

@testable import LoadTest

/// Live mode against servers that misbehave in one way each (`misbehaving_server.py`). For
/// every one: the run ends by its duration plus the response timeout, the report is written,
/// every request issued is accounted for (a response, an error or a cut-off), and errors are
/// classified. Serialized: the timing bounds should not share the machine with each other.
@Suite(.serialized) struct MisbehavingServerTests {
  static let seconds = 2.0
  static let timeoutSeconds = 1.0

  struct Outcome {
    let report: RunReport
    let wallSeconds: Double
  }

  func run(
    _ mode: String, rate: Double = 20, maxRequests: Int = 0, follow: Bool = true, location: String? = nil,
    extra: [String] = []
  ) throws -> Outcome {
    let server = try TestServer(
      ["--mode", mode] + (location.map { ["--location", $0] } ?? []) + extra, script: "misbehaving_server.py")
    var c = LiveConfig(shape: .open(stages: [.init(seconds: Self.seconds, rate: rate)], poisson: false))
    c.api = try Target(parsing: "http://127.0.0.1:\(server.port)/count")
    c.parts = .api
    c.loops = 2
    c.connectionsPerOrigin = 4
    c.responseTimeoutMs = Self.timeoutSeconds * 1_000
    c.connectTimeoutMs = 500
    c.maxRequests = maxRequests
    c.followRedirects = follow
    let (_, origins) = try LiveRun.preflight(c, yes: false)
    let started = Date()
    let report = try LiveRun.execute(c, origins: origins, name: mode, stop: StopSignal())
    withExtendedLifetime(server) {}
    return Outcome(report: report, wallSeconds: Date().timeIntervalSince(started))
  }

  /// What every run must show, whatever the server did.
  func checkInvariants(_ o: Outcome, _ mode: String) throws {
    let live = try #require(o.report.live, "\(mode): no live section")
    // Ends by duration + response timeout (plus a little for start-up and the last loop turn).
    #expect(o.wallSeconds <= Self.seconds + Self.timeoutSeconds + 0.75, "\(mode): took \(o.wallSeconds) s")
    #expect(
      live.requestsIssued == o.report.errors.requests + live.requestsCutOff,
      "\(mode): issued \(live.requestsIssued) != finished \(o.report.errors.requests) + cut off \(live.requestsCutOff)")
    let known = Set(ErrorName.allCases.map(\.rawValue))
    for (kind, n) in o.report.errors.byKind {
      #expect(known.contains(kind), "\(mode): unknown error kind \(kind)")
      if n > 0 { #expect(live.errorExamples[kind]?.isEmpty == false, "\(mode): no reason given for \(kind)") }
    }
    // Each part's requests and errors add up to the whole run's.
    let parts = [o.report.errors.counterApi, o.report.errors.site].compactMap { $0 }
    #expect(parts.reduce(0) { $0 + $1.requests } == o.report.errors.requests, "\(mode): parts' requests")
    let counted = o.report.errors.total - (o.report.errors.byKind["generatorQueueFull"] ?? 0)
    #expect(parts.reduce(0) { $0 + $1.total } == counted, "\(mode): parts' errors")
  }

  @Test(arguments: [
    "reset-mid", "hang-after-headers", "bad-status", "bad-headers", "bad-chunked", "trickle", "dies-and-returns",
  ])
  func failingServersEndOnTimeWithAReport(mode: String) throws {
    let o = try run(mode)
    try checkInvariants(o, mode)
    #expect(o.report.errors.total + (o.report.live?.requestsCutOff ?? 0) > 0, "\(mode): nothing went wrong?")
  }

  /// Each kind of error says what happened, in words.
  @Test(arguments: [
    ("bad-status", "malformed", "bad status line"),
    ("hang-after-headers", "timeout", "no complete response within 1 s"),
    ("reset-mid", "reset", "reset"),
    ("redirect", "redirect", "301 from http://127.0.0.1"),
  ])
  func errorsCarryAReason(mode: String, kind: String, words: String) throws {
    let o = try run(mode)
    if kind == "timeout" {
      // Timed-out requests leave a latency sample of at least the timeout.
      let h = try #require(o.report[series: .counterApi], "\(mode): no counterApi samples")
      #expect(h.count > 0 && Double(h.maxMicros) >= Self.timeoutSeconds * 1e6 * 0.99, "\(mode): max \(h.maxMicros) us")
      // And the report says so.
      let said =
        "requests timed out: each is a timeout error and also leaves its wait (at least its timeout: --connect-timeout, --tls-timeout or --timeout) as a latency sample in its stage, so the tail is not flattered"
      #expect(o.report.notes.contains { $0.hasSuffix(said) }, "\(o.report.notes)")
    }
    let reason = try #require(o.report.live?.errorExamples[kind], "\(mode): \(o.report.errors.byKind)")
    #expect(reason.lowercased().contains(words.lowercased()), "\(mode): \(reason)")
  }

  /// A redirect is followed as a browser follows it: each hop timed and counted; with
  /// --no-follow it is an error naming where it points.
  @Test func redirectsAreFollowedHopByHop() throws {
    let followed = try run("redirect-once")
    try checkInvariants(followed, "redirect-once")
    let visits = followed.report.visits
    #expect(visits > 0)
    #expect(followed.report.errors.total == 0, "\(followed.report.errors.byKind)")
    #expect(followed.report.statusCounts?["302"] == visits && followed.report.statusCounts?["200"] == visits)
    #expect(followed.report[series: .redirect]?.count == visits)
    // The call's latency runs from its intended start to the final answer, the hop included.
    #expect(followed.report[series: .counterApi]!.count == visits)
    let refused = try run("redirect-once", follow: false)
    try checkInvariants(refused, "redirect-once")
    #expect(refused.report.errors.byKind["redirect"] == refused.report.errors.requests)
    #expect(refused.report.live?.errorExamples["redirect"]?.contains("to /final (not followed: --no-follow)") == true)
    // To another origin: resolved mid-run, given its own connections, timed in dns.
    let final = try TestServer(["--mode", "ok"], script: "misbehaving_server.py")
    let away = try run("redirect-away", location: "http://localhost:\(final.port)/final")
    try checkInvariants(away, "redirect-away")
    #expect(away.report.errors.total == 0, "\(away.report.live?.errorExamples ?? [:])")
    #expect(
      away.report.statusCounts?["302"] == away.report.visits && away.report.statusCounts?["200"] == away.report.visits)
    #expect(away.report[series: .dns]?.count == 1 + 2, "the run's origin, then one look-up per loop")
    // Off this machine only when the run may go there (--yes, or a light load): refused here,
    // before anything is sent there (192.0.2.1 is a documentation address).
    let off = try run("redirect-away", location: "http://192.0.2.1/final")
    #expect(off.report.errors.byKind["redirect"] == off.report.errors.requests)
    #expect(off.report.live?.errorExamples["redirect"]?.contains("not on this machine") == true)
    withExtendedLifetime(final) {}
    // A loop of redirects ends after ten hops.
    let loop = try run("redirect")
    #expect(loop.report.live?.errorExamples["redirect"]?.contains("more than 10 redirects") == true)
  }

  /// A redirect's Location never reaches the wire raw: controls are refused (a bare CR would
  /// start a second header line), schemes other than http and https are refused rather than
  /// read as paths, spaces are percent-encoded. Each refusal is a redirect error naming why.
  @Test(arguments: [
    ("/a\rX-Injected: 1", "control character (U+000D)"),
    ("/a\u{0}b", "control character (U+0000)"),
    ("/a\u{1B}[31mX", "control character (U+001B)"),
    ("file:///etc/passwd", "a file: Location is not followed"),
    ("javascript:alert(1)", "a javascript: Location is not followed"),
    ("data:text/html,hi", "a data: Location is not followed"),
  ])
  func aRedirectNeverPutsItsLocationRawOnTheWire(location: String, says: String) throws {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("requests-\(UUID().uuidString).log")
    defer { try? FileManager.default.removeItem(at: log) }
    let hex = location.utf8.map { String(format: "%02x", $0) }.joined()
    let o = try run("redirect-away", rate: 10, extra: ["--location-hex", hex, "--log", log.path])
    try checkInvariants(o, "redirect to \(location.debugDescription)")
    #expect(o.report.errors.byKind["redirect"] == o.report.errors.requests)
    let example = o.report.live?.errorExamples["redirect"] ?? ""
    #expect(example.contains(says), "\(example)")
    #expect(!example.unicodeScalars.contains { $0.value < 0x20 }, "no control reaches the report: \(example.debugDescription)")
    let seen = try String(contentsOf: log, encoding: .utf8)
    #expect(!seen.isEmpty)
    for line in seen.split(separator: "\n") {
      #expect(line.hasPrefix("b'GET /count HTTP/1.1"), "only the run's own requests arrive: \(line)")
      #expect(!line.contains("X-Injected") && !line.contains("passwd"), "\(line)")
    }
  }

  @Test func aSpaceInALocationIsPercentEncoded() throws {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("requests-\(UUID().uuidString).log")
    defer { try? FileManager.default.removeItem(at: log) }
    let hex = "/a b\u{E9}".utf8.map { String(format: "%02x", $0) }.joined()
    let o = try run("redirect-away", rate: 5, extra: ["--location-hex", hex, "--log", log.path])
    try checkInvariants(o, "a space in a Location")
    let seen = try String(contentsOf: log, encoding: .utf8)
    #expect(seen.contains("GET /a%20b%C3%A9 HTTP/1.1"), "\(seen)")
  }

  /// `Keep-Alive: timeout=1e308` is held to an hour, not multiplied into an overflow.
  @Test func aHugeKeepAliveTimeoutIsClamped() throws {
    let o = try run("keepalive-huge")
    try checkInvariants(o, "keepalive-huge")
    #expect(o.report.errors.total == 0)
    #expect(o.report.visits == UInt64(Self.seconds * 20))
  }

  @Test func aWellBehavedServerHasNoErrors() throws {
    let o = try run("ok")
    try checkInvariants(o, "ok")
    #expect(o.report.errors.total == 0)
    #expect(o.report.visits == 40)
  }

  /// A server that closes a keep-alive connection just as the client reuses it: the request is
  /// sent again on a new connection, as browsers do, and is not a false error.
  @Test func staleKeepAliveConnectionsAreRetriedNotErrors() throws {
    let o = try run("stale-keep-alive", rate: 50)
    try checkInvariants(o, "stale-keep-alive")
    #expect(o.report.errors.total == 0, "errors: \(o.report.errors.byKind)")
    #expect((o.report.live?.keepAliveRetries ?? 0) > 0)
    #expect(o.report.statusCounts?["200"] == 100)
  }

  @Test(arguments: ["close-each", "announced-timeout"])
  func serversThatCloseConnectionsCauseNoErrors(mode: String) throws {
    let o = try run(mode)
    try checkInvariants(o, mode)
    #expect(o.report.errors.total == 0, "\(mode): \(o.report.errors.byKind)")
    #expect(o.report.statusCounts?["200"] == 40)
  }

  @Test func aShareOf5xxIsCountedAsSuch() throws {
    let o = try run("some-5xx")
    try checkInvariants(o, "some-5xx")
    #expect(o.report.errors.byKind["http5xx"] == 10)
  }

  @Test func aHugeBodyIsCountedNotKept() throws {
    func peakMB() -> Int {
      var usage = rusage()
      getrusage(RUSAGE_SELF.rawValue, &usage)
      return usage.ru_maxrss / 1024
    }
    let before = peakMB()
    let o = try run("huge-body", rate: 2)
    try checkInvariants(o, "huge-body")
    #expect((o.report.live?.bytesReceived ?? 0) > 200_000_000)
    // Four 200 MB bodies went by; the process's peak memory grew by far less than one.
    #expect(peakMB() - before < 150, "peak memory grew by \(peakMB() - before) MB")
  }

  /// --max-requests is a hard cap split exactly between the loops, and a run that reaches it
  /// ends (it used to wait forever for the requests it would never send).
  @Test(arguments: [1, 7, 39])
  func maxRequestsIsNeverExceededAndNeverHangs(cap: Int) throws {
    let server = try TestServer()
    var c = LiveConfig(shape: .open(stages: [.init(seconds: 2, rate: 500)], poisson: false))
    c.api = try Target(parsing: server.url())
    c.parts = .api
    c.loops = 2
    c.maxRequests = cap
    let (_, origins) = try LiveRun.preflight(c, yes: false)
    let started = Date()
    let r = try LiveRun.execute(c, origins: origins, name: "cap", stop: StopSignal())
    #expect(Date().timeIntervalSince(started) < 4)
    #expect(r.errors.requests <= UInt64(cap))
    #expect(try server.count() == cap)
  }
}
