import Testing

@testable import HTTPClient
@testable import LoadTest

@Suite struct TargetTests {
  @Test func urls() throws {
    let t = try Target(parsing: "https://api.example.com/prod/count?x=1")
    #expect(t.secure && t.host == "api.example.com" && t.port == 443 && t.path == "/prod/count?x=1")
    #expect(t.hostHeader == "api.example.com")
    let u = try Target(parsing: "http://127.0.0.1:8080")
    #expect(!u.secure && u.port == 8080 && u.path == "/" && u.hostHeader == "127.0.0.1:8080")
    let v = try Target(parsing: "http://[::1]:9000/a")
    #expect(v.host == "::1" && v.port == 9000 && v.hostHeader == "[::1]:9000")
    #expect(throws: LiveError.self) { try Target(parsing: "ftp://x") }
    #expect(throws: LiveError.self) { try Target(parsing: "http://:80/") }
    #expect(throws: LiveError.self) { try Target(parsing: "http://host:99999/") }
  }
}

@Suite struct ResponseParserTests {
  func parse(_ chunks: [String], noBody: Bool = false) throws -> ResponseParser {
    var p = ResponseParser(noBody: noBody)
    for c in chunks {
      let bytes = Array(c.utf8)
      _ = try bytes.withUnsafeBytes { try p.feed($0) }
    }
    return p
  }

  @Test func contentLengthAcrossChunks() throws {
    let p = try parse(["HTTP/1.1 200 OK\r\nContent-Le", "ngth: 5\r\n\r\nhel", "lo"])
    #expect(p.isDone && p.status == 200 && p.bodyBytes == 5 && p.keepAlive)
  }

  /// Head lines are read in place when a read holds them whole and gathered when reads cut
  /// them: a response cut at every position, and fed a byte at a time, parses as it does whole.
  @Test func everyCutParsesAlike() throws {
    let wire =
      "HTTP/1.1 301 Moved\r\ncontent-LENGTH: 3\r\nX-Cache: Miss from cloudfront\r\nLOCATION: /b\r\nConnection: Close\r\n\r\nabc"
    func summary(_ p: ResponseParser) -> String {
      "\(p.isDone) \(p.status) \(p.bodyBytes) \(p.keepAlive) \(p.location ?? "-") \(String(describing: p.edgeCache))"
    }
    let whole = try summary(parse([wire]))
    #expect(whole == "true 301 3 false /b Optional(HTTPClient.EdgeCacheResult.miss)")
    let bytes = Array(wire.utf8)
    for cut in 1..<bytes.count {
      let p = try parse([
        String(decoding: bytes[..<cut], as: UTF8.self), String(decoding: bytes[cut...], as: UTF8.self),
      ])
      #expect(summary(p) == whole, "cut at \(cut)")
    }
    #expect(try summary(parse(bytes.map { String(decoding: [$0], as: UTF8.self) })) == whole)
  }

  @Test func theCDNsCacheHeaderIsRead() throws {
    func cache(_ header: String?) throws -> EdgeCacheResult? {
      try parse(["HTTP/1.1 200 OK\r\n" + (header.map { "X-Cache: \($0)\r\n" } ?? "") + "Content-Length: 0\r\n\r\n"])
        .edgeCache
    }
    #expect(try cache("Hit from cloudfront") == .hit)
    #expect(try cache("RefreshHit from cloudfront") == .hit)
    #expect(try cache("Miss from cloudfront") == .miss)
    #expect(try cache("MISS") == .miss)
    // nginx's $upstream_cache_status: an expired copy is fetched again, a stale one served.
    #expect(try cache("EXPIRED") == .miss && cache("BYPASS") == .miss)
    #expect(try cache("HIT") == .hit && cache("STALE") == .hit && cache("REVALIDATED") == .hit)
    #expect(try cache("Error from cloudfront") == nil)
    #expect(try cache(nil) == nil)
  }

  /// A parser reset for the next response on its connection forgets everything of the last
  /// one but keeps the cold-start header it looks for.
  @Test func aResetParserStartsAfresh() throws {
    var p = ResponseParser(coldStartHeader: "X-Cold-Start")
    let first =
      "HTTP/1.1 302 Found\r\nLocation: /a\r\nX-Cache: Hit from cloudfront\r\nX-Cold-Start: 1\r\nContent-Length: 0\r\n\r\n"
    _ = try Array(first.utf8).withUnsafeBytes { try p.feed($0) }
    #expect(p.isDone && p.status == 302 && p.location == "/a" && p.edgeCache == .hit && p.coldStart == true)
    p.reset(noBody: false, keepBody: 4)
    #expect(!p.isDone && p.status == 0 && p.location == nil && p.edgeCache == nil && p.coldStart == nil)
    let second = "HTTP/1.1 200 OK\r\nX-Cold-Start: 0\r\nContent-Length: 5\r\n\r\nhello"
    _ = try Array(second.utf8).withUnsafeBytes { try p.feed($0) }
    #expect(p.isDone && p.status == 200 && p.coldStart == false && p.body == Array("hell".utf8) && p.bodyCut)
  }

  /// A body is kept for checks only when asked, across reads and chunks, up to the limit.
  @Test func bodiesAreKeptOnlyWhenAsked() throws {
    let wire =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n"
    var kept = ResponseParser(keepBody: 6)
    for piece in [wire.prefix(70), wire.dropFirst(70)] {
      _ = try Array(piece.utf8).withUnsafeBytes { try kept.feed($0) }
    }
    #expect(kept.isDone && kept.bodyBytes == 9 && kept.body == Array("Wikipe".utf8) && kept.bodyCut)
    #expect(kept.contentEncoding == "gzip")
    let counted = try parse([wire])
    #expect(counted.bodyBytes == 9 && counted.body.isEmpty && !counted.bodyCut)
  }

  @Test func chunkedBodies() throws {
    let p = try parse([
      "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\n\r\n"
    ])
    #expect(p.isDone && p.status == 201 && p.bodyBytes == 9)
  }

  @Test func untilCloseAndConnectionClose() throws {
    var p = try parse(["HTTP/1.0 200 OK\r\n\r\nabc"])
    #expect(!p.isDone && !p.keepAlive)
    try p.closed()
    #expect(p.isDone && p.bodyBytes == 3)
    let q = try parse(["HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"])
    #expect(q.isDone && !q.keepAlive)
  }

  @Test func interimResponsesAndHead() throws {
    let p = try parse(["HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"])
    #expect(p.isDone && p.status == 200)
    let h = try parse(["HTTP/1.1 200 OK\r\nContent-Length: 999\r\n\r\n"], noBody: true)
    #expect(h.isDone)
  }

  @Test func leftoverBytesBelongToTheNextResponse() throws {
    var p = ResponseParser()
    let bytes = Array("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxHTTP/1.1".utf8)
    let used = try bytes.withUnsafeBytes { try p.feed($0) }
    #expect(p.isDone && used == bytes.count - 8)
  }

  @Test(arguments: [
    "HTTP/2 200\r\n\r\n", "garbage\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
    "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
  ])
  func malformedResponsesAreErrors(_ text: String) {
    #expect(throws: ResponseParser.Failure.self) { try parse([text]) }
  }

  @Test func cutResponsesAreErrors() throws {
    var p = try parse(["HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"])
    #expect(throws: ResponseParser.Failure.self) { try p.closed() }
  }
}

@Suite struct ScheduleTests {
  @Test func evenScheduleIsExact() throws {
    var s = OpenSchedule(shape: .open(stages: [.init(seconds: 2, rate: 200)], poisson: false), seed: 1)
    var times: [Int64] = []
    while let t = s.next() { times.append(t) }
    #expect(times.count == 400)
    #expect(times.first == 0 && times.last == 1_995_000_000)
  }

  @Test func stagesRampAndHold() throws {
    // Ramp 0 -> 100/s over 2 s (about 100 visits), then hold 100/s for 1 s (100 visits).
    var s = OpenSchedule(
      shape: .open(
        stages: [.init(seconds: 2, rate: 0), .init(seconds: 2, rate: 100), .init(seconds: 1, rate: 100)], poisson: false
      ), seed: 1)
    var n = 0
    while s.next() != nil { n += 1 }
    #expect(abs(n - 200) <= 3, "\(n)")
    let shape = LoadShape.open(stages: [.init(seconds: 60, rate: 10), .init(seconds: 60, rate: 50)], poisson: false)
    #expect(shape.expectedVisits == 600 + 1_800)
    #expect(shape.peakRate == 50)
  }

  @Test func parsing() throws {
    #expect(try LoadShape.parseRate("50/s", option: "--rate") == 50)
    #expect(try LoadShape.parseRate("3000/m", option: "--rate") == 50)
    #expect(try LoadShape.parseStage("1m:10/s") == .init(seconds: 60, rate: 10))
    #expect(throws: LiveError.self) { try LoadShape.parseStage("10/s") }
    #expect(throws: LiveError.self) { try LoadShape.parseRate("fast", option: "--rate") }
  }
}

@Suite struct SafetyTests {
  @Test func aRemoteTargetNeedsYesAboveTheSafeRate() throws {
    // 192.0.2.1 is TEST-NET-1: never contacted here; the check refuses before sending anything.
    var c = LiveConfig(shape: .open(stages: [.init(seconds: 10, rate: 100)], poisson: false))
    c.api = try Target(parsing: "http://192.0.2.1/count")
    c.parts = .api
    #expect(throws: LiveError.self) { try LiveRun.preflight(c, yes: false) }
    c.shape = .open(stages: [.init(seconds: 10, rate: 5)], poisson: false)
    #expect(try LiveRun.preflight(c, yes: false).loopback == false)
    c.api = try Target(parsing: "http://127.0.0.1:1/count")
    c.shape = .open(stages: [.init(seconds: 10, rate: 10_000)], poisson: false)
    #expect(try LiveRun.preflight(c, yes: false).loopback == true)
  }
}

/// What each request carries on the wire: a browser's defaults, replaced by a user's header
/// of the same name, never two Host lines.
@Suite struct RequestWireTests {
  func wire(_ r: Request) -> String { String(decoding: r.bytes(userAgent: "visitorsim/9"), as: UTF8.self) }

  @Test func defaultsAreABrowsersAndUserHeadersReplaceThem() throws {
    let target = try Target(parsing: "http://127.0.0.1:8080/count")
    let plain = wire(Request(kind: .page, target: target, method: "GET", headers: [], body: []))
    #expect(plain.hasPrefix("GET /count HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"))
    #expect(plain.contains("User-Agent: visitorsim/9\r\n") && plain.contains("Accept-Encoding: gzip\r\n"))
    #expect(!plain.contains("Content-Type") && !plain.contains("Content-Length"))
    let custom = wire(
      Request(
        kind: .api, target: target, method: "POST", headers: [("host", "example.com"), ("X-Trace", "1")],
        body: Array(#"{"n": 1}"#.utf8)))
    #expect(
      custom.components(separatedBy: "\r\n").filter { $0.lowercased().hasPrefix("host:") } == ["host: example.com"])
    #expect(custom.contains("X-Trace: 1\r\n"))
    #expect(custom.contains("Content-Type: application/json\r\n") && custom.contains("Content-Length: 8\r\n"))
    #expect(custom.hasSuffix("\r\n\r\n{\"n\": 1}"))
    let text = wire(Request(kind: .api, target: target, method: "POST", headers: [], body: Array("hi".utf8)))
    #expect(text.contains("Content-Type: text/plain;charset=UTF-8\r\n"))
  }

  @Test func headersReachEveryRequestAndAPIHeadersOnlyTheAPI() throws {
    var c = LiveConfig(shape: .open(stages: [.init(seconds: 1, rate: 1)], poisson: false))
    c.site = try Target(parsing: "http://127.0.0.1:8080/")
    c.assets = [try Target(parsing: "http://127.0.0.1:8080/a.css")]
    c.api = try Target(parsing: "http://127.0.0.1:8081/count")
    c.headers = [("Authorization", "Bearer x")]
    c.apiHeaders = [("X-Api", "1")]
    for request in c.steps.joined() {
      #expect(request.headers.contains { $0.0 == "Authorization" }, "\(request.kind)")
      #expect(request.headers.contains { $0.0 == "X-Api" } == (request.kind == .api), "\(request.kind)")
    }
  }
}
