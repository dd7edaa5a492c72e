import Glibc

/// An incremental HTTP/1.1 response parser: feed it bytes as they arrive; it says when a whole
/// response (status line, headers, body by Content-Length, chunked, or until close) is in.
///
/// Bodies are counted, not kept, unless a check needs them (`keepBody`: the first bytes up to
/// that many, as they came: still compressed when `contentEncoding` says so). Malformed input is
/// an error, never a crash.
package struct ResponseParser {
  package enum State: Equatable {
    case head
    case body(remaining: Int)
    case chunkSize
    case chunkData(remaining: Int)
    case chunkDataEnd
    case trailers
    case untilClose
    case done
  }

  package enum Failure: Error, Equatable {
    case malformed(String)

    /// What was wrong, in words, for the report's error examples.
    package var reason: String {
      switch self {
      case .malformed(let m): m
      }
    }
  }

  package private(set) var state = State.head
  package private(set) var status = 0
  package private(set) var keepAlive = true
  package private(set) var bodyBytes = 0
  /// What a CDN's `X-Cache` header said ("Hit from cloudfront", "Miss from cloudfront"), if any.
  package private(set) var edgeCache: EdgeCacheResult?
  /// The server's `Keep-Alive: timeout=N`: how long it keeps an idle connection open.
  package private(set) var keepAliveTimeoutSeconds: Double?
  /// The Location header of a redirect.
  package private(set) var location: String?
  /// The Content-Encoding header, lowercased (`gzip`).
  package private(set) var contentEncoding: String?
  /// The body's first `keepBody` bytes (empty when not kept), and whether there were more.
  package private(set) var body: [UInt8] = []
  package private(set) var bodyCut = false
  private var keepBody = 0
  private var line: [UInt8] = []
  /// The head read so far: lines seen, and what the status line and the headers that matter
  /// said (headers are read as bytes; a string is made only for a header the client uses).
  private var headLineCount = 0
  private var head = Head()
  private var noBody = false
  /// The response header (lowercased name) in which the function marks its cold starts.
  private var coldStartHeader: [UInt8]?

  struct Head {
    var code = 0
    var http10 = false
    var contentLength: Int?
    var chunked = false
    /// The Connection header's tokens that matter (read as bytes: a string search per
    /// response cost a few percent of a closed loop's CPU).
    var connectionClose = false
    var connectionKeepAlive = false
  }
  /// That header's verdict: true for "1", "true" or "yes", false for anything else; nil when
  /// the header is not asked for or absent.
  package private(set) var coldStart: Bool?

  /// - Parameter noBody: the request was HEAD (the response has no body whatever it says).
  /// - Parameter keepBody: keep up to this many body bytes (0: count them only).
  package init(noBody: Bool = false, coldStartHeader: String? = nil, keepBody: Int = 0) {
    self.noBody = noBody
    self.keepBody = keepBody
    self.coldStartHeader = coldStartHeader.map { Array($0.lowercased().utf8) }
  }

  package var isDone: Bool { state == .done }

  /// Ready for the next response on the same connection: everything as new, field by field,
  /// keeping the line buffer's memory and the cold-start header's bytes (a fresh parser per
  /// response cost an allocation, a lowercasing and a retain and release of every field).
  package mutating func reset(noBody: Bool, keepBody: Int) {
    state = .head
    status = 0
    keepAlive = true
    bodyBytes = 0
    edgeCache = nil
    keepAliveTimeoutSeconds = nil
    if location != nil { location = nil }
    if contentEncoding != nil { contentEncoding = nil }
    if !body.isEmpty { body = [] }
    bodyCut = false
    self.keepBody = keepBody
    line.removeAll(keepingCapacity: true)
    headLineCount = 0
    head = Head()
    self.noBody = noBody
    coldStart = nil
  }

  /// Consumes bytes; returns how many were used (the rest belong to the next response).
  package mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> Int {
    var i = 0
    let n = bytes.count
    while i < n && state != .done {
      switch state {
      case .head:
        if line.isEmpty, let end = Self.lineEnd(bytes, from: i) {
          // The whole line is in the input (nearly always): read it there, without a copy.
          var last = end
          if last > i && bytes[last - 1] == 0x0D { last -= 1 }
          if last - i > Self.longestLine { throw .malformed("a header line longer than 16 KB") }
          try headLine(UnsafeRawBufferPointer(rebasing: bytes[i..<last]))
          i = end + 1
        } else if try takeLine(bytes, &i) {
          var whole: [UInt8] = []
          swap(&whole, &line)
          defer {
            whole.removeAll(keepingCapacity: true)
            swap(&whole, &line)
          }
          var failure: Failure?
          whole.withUnsafeBytes { l in
            do throws(Failure) { try headLine(l) } catch { failure = error }
          }
          if let failure { throw failure }
        }
      case .chunkSize, .chunkDataEnd, .trailers:
        if try takeLine(bytes, &i) {
          let text = String(decoding: line, as: UTF8.self)
          line.removeAll(keepingCapacity: true)
          try endOfLine(text)
        }
      case .body(let remaining):
        let take = takeBody(bytes, &i, upTo: remaining)
        state = remaining - take == 0 ? .done : .body(remaining: remaining - take)
      case .chunkData(let remaining):
        let take = takeBody(bytes, &i, upTo: remaining)
        state = remaining - take == 0 ? .chunkDataEnd : .chunkData(remaining: remaining - take)
      case .untilClose:
        _ = takeBody(bytes, &i, upTo: n - i)
      case .done:
        break
      }
    }
    return i
  }

  /// The longest line of a head or of chunk framing.
  static let longestLine = 16_384

  /// The index of the next LF in `bytes` from `i` (memchr), nil when there is none.
  @inline(__always)
  static func lineEnd(_ bytes: UnsafeRawBufferPointer, from i: Int) -> Int? {
    let base = bytes.baseAddress! + i
    return memchr(base, 0x0A, bytes.count - i).map { i + (UnsafeRawPointer($0) - base) }
  }

  /// Appends the input from `i` to the end of its line (or of the input) to `line`, a run at
  /// a time (memchr), and moves `i` past it; true when the line is whole (its CR taken off).
  private mutating func takeLine(_ bytes: UnsafeRawBufferPointer, _ i: inout Int) throws(Failure) -> Bool {
    let newline = Self.lineEnd(bytes, from: i)
    let end = newline ?? bytes.count
    line.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i..<end]))
    i = newline == nil ? bytes.count : end + 1
    if line.count > Self.longestLine { throw .malformed("a header line longer than 16 KB") }
    guard newline != nil else { return false }
    if line.last == 0x0D { line.removeLast() }
    return true
  }

  /// Counts the body bytes from `i`, at most `limit` and what the input holds (kept when
  /// asked), and moves `i` past them; returns how many.
  private mutating func takeBody(_ bytes: UnsafeRawBufferPointer, _ i: inout Int, upTo limit: Int) -> Int {
    let take = min(limit, bytes.count - i)
    if keepBody > 0 { keep(bytes, i, take) }
    i += take
    bodyBytes += take
    return take
  }

  /// Keeps `count` body bytes from `start`, up to `keepBody` in all.
  private mutating func keep(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ count: Int) {
    let room = keepBody - body.count
    if count > room { bodyCut = true }
    let k = min(room, count)
    if k > 0 { body.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + k)])) }
  }

  /// The peer closed the connection: a body read until close is complete; anything else was cut.
  package mutating func closed() throws(Failure) {
    switch state {
    case .untilClose: state = .done
    case .done: break
    default:
      throw .malformed(
        state == .head && headLineCount == 0
          ? "connection closed before a response" : "connection closed inside a response")
    }
  }

  private mutating func endOfLine(_ text: String) throws(Failure) {
    switch state {
    case .chunkSize:
      let hex = text.prefix { $0 != ";" }.trimmingSpaces
      guard let size = Int(hex, radix: 16), size >= 0 else { throw .malformed("bad chunk size \"\(text.prefix(20))\"") }
      state = size == 0 ? .trailers : .chunkData(remaining: size)
    case .chunkDataEnd:
      guard text.isEmpty else { throw .malformed("chunk data not followed by CRLF") }
      state = .chunkSize
    case .trailers:
      if text.isEmpty { state = .done }
    default:
      break
    }
  }

  /// One line of the head (without its CRLF): the status line, a header, or the blank line
  /// that ends it. Header names are matched as bytes, by length first; a string is made only
  /// for a header the client keeps as text.
  private mutating func headLine(_ line: UnsafeRawBufferPointer) throws(Failure) {
    guard !line.isEmpty else {
      if headLineCount == 0 { return }  // tolerate blank lines before the status line
      try finishHead()
      return
    }
    headLineCount += 1
    if headLineCount > 200 { throw .malformed("more than 200 header lines") }
    if headLineCount == 1 {
      try statusLine(line)
      return
    }
    guard let colon = line.firstIndex(of: 0x3A) else { throw .malformed("header without a colon") }
    var start = colon + 1
    var end = line.count
    while start < end && (line[start] == 0x20 || line[start] == 0x09) { start += 1 }
    while end > start && (line[end - 1] == 0x20 || line[end - 1] == 0x09) { end -= 1 }
    let value = UnsafeRawBufferPointer(rebasing: line[start..<end])
    func text() -> String { String(decoding: value, as: UTF8.self) }
    switch colon {
    case 14 where Self.named(line, "content-length"):
      var n = 0
      var digits = 0
      for b in value {
        guard b >= 0x30 && b <= 0x39, digits < 18 else {
          throw .malformed("bad Content-Length \"\(text().prefix(20))\"")
        }
        n = n * 10 + Int(b - 0x30)
        digits += 1
      }
      guard digits > 0 else { throw .malformed("bad Content-Length \"\"") }
      head.contentLength = n
      return
    case 17 where Self.named(line, "transfer-encoding"):
      head.chunked = Self.containsLowercased(value, "chunked")
      return
    case 10 where Self.named(line, "connection"):
      head.connectionClose = Self.containsLowercased(value, "close")
      head.connectionKeepAlive = Self.containsLowercased(value, "keep-alive")
      return
    case 10 where Self.named(line, "keep-alive"):
      keepAliveTimeoutSeconds = Self.keepAliveTimeout(text())
      return
    case 7 where Self.named(line, "x-cache"):
      edgeCache = EdgeCacheResult(header: text())
      return
    case 16 where Self.named(line, "content-encoding"):
      contentEncoding = text().lowercased()
      return
    case 8 where Self.named(line, "location"):
      location = String(text().prefix(200))
      return
    default:
      break
    }
    if let cold = coldStartHeader, colon == cold.count, (0..<colon).allSatisfy({ Self.lower(line[$0]) == cold[$0] }) {
      coldStart = ["1", "true", "yes"].contains(text().lowercased())
    }
  }

  /// Whether the line starts with `name` (lowercase ASCII), whatever the case of its letters.
  @inline(__always)
  static func named(_ line: UnsafeRawBufferPointer, _ name: StaticString) -> Bool {
    let n = name.utf8CodeUnitCount
    guard line.count >= n else { return false }
    let bytes = name.utf8Start
    for k in 0..<n where lower(line[k]) != bytes[k] { return false }
    return true
  }

  @inline(__always)
  static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

  /// Whether `bytes`, lowercased, contain `needle` (lowercase ASCII).
  static func containsLowercased(_ bytes: UnsafeRawBufferPointer, _ needle: StaticString) -> Bool {
    let n = needle.utf8CodeUnitCount
    guard bytes.count >= n else { return false }
    let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: n)
    var i = 0
    while i + n <= bytes.count {
      var k = 0
      while k < n && lower(bytes[i + k]) == pattern[k] { k += 1 }
      if k == n { return true }
      i += 1
    }
    return false
  }

  /// `HTTP/1.1 200 OK`: the version and a three-digit code.
  private mutating func statusLine(_ line: UnsafeRawBufferPointer) throws(Failure) {
    func bad() -> Failure {
      .malformed("bad status line \"\(String(decoding: line.prefix(40), as: UTF8.self))\"")
    }
    let version: StaticString = "HTTP/1."
    guard line.count >= 12, memcmp(line.baseAddress!, version.utf8Start, version.utf8CodeUnitCount) == 0,
      let space = line.firstIndex(of: 0x20)
    else { throw bad() }
    var k = space
    while k < line.count && line[k] == 0x20 { k += 1 }
    var code = 0
    var digits = 0
    while k < line.count && line[k] >= 0x30 && line[k] <= 0x39 && digits < 4 {
      code = code * 10 + Int(line[k] - 0x30)
      digits += 1
      k += 1
    }
    guard digits > 0, k == line.count || line[k] == 0x20, (100...999).contains(code) else { throw bad() }
    head.code = code
    head.http10 = space == 8 && line[7] == 0x30
  }

  private mutating func finishHead() throws(Failure) {
    let code = head.code
    let http10 = head.http10
    let contentLength = head.contentLength
    let chunked = head.chunked
    if (100..<200).contains(code) {  // an interim response: the real one follows
      headLineCount = 0
      head = Head()
      return
    }
    status = code
    keepAlive = http10 ? head.connectionKeepAlive : !head.connectionClose
    if noBody || code == 204 || code == 304 {
      state = .done
    } else if chunked {
      state = .chunkSize
    } else if let n = contentLength {
      state = n == 0 ? .done : .body(remaining: n)
    } else {
      keepAlive = false
      state = .untilClose
    }
  }
}

extension StringProtocol {
  package var trimmingSpaces: String {
    var s = Substring(self)
    while s.first == " " || s.first == "\t" { s = s.dropFirst() }
    while s.last == " " || s.last == "\t" { s = s.dropLast() }
    return String(s)
  }
}

extension ResponseParser {
  /// `timeout=N` from a Keep-Alive header value such as `timeout=5, max=100`.
  package static func keepAliveTimeout(_ value: some StringProtocol) -> Double? {
    for part in value.split(separator: ",") {
      let kv = part.split(separator: "=", maxSplits: 1).map { String($0.trimmingSpaces) }
      if kv.count == 2, kv[0].lowercased() == "timeout", let n = Double(kv[1]), n.isFinite, n >= 0 { return n }
    }
    return nil
  }
}
