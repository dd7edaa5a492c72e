/// An incremental HTTP/1.1 response parser: feed it bytes as they arrive; it says when a whole
/// response (status line, headers, body by Content-Length, chunked, or until close) is in.
///
/// Bodies are counted, not kept. Malformed input is an error, never a crash.
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
  private var line: [UInt8] = []
  private var headLines: [String] = []
  private var noBody = false
  /// The response header (lowercased name) in which the function marks its cold starts.
  private var coldStartHeader: String?
  /// That header's verdict: true for "1", "true" or "yes", false for anything else; nil when
  /// the header is not asked for or absent.
  package private(set) var coldStart: Bool?

  /// - Parameter noBody: the request was HEAD (the response has no body whatever it says).
  package init(noBody: Bool = false, coldStartHeader: String? = nil) {
    self.noBody = noBody
    self.coldStartHeader = coldStartHeader?.lowercased()
  }

  package var isDone: Bool { state == .done }

  /// Consumes bytes; returns how many were used (the rest belong to the next response).
  package mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> Int {
    var i = 0
    let n = bytes.count
    while i < n && state != .done {
      switch state {
      case .head, .chunkSize, .chunkDataEnd, .trailers:
        let b = bytes[i]
        i += 1
        if b == 0x0A {
          if line.last == 0x0D { line.removeLast() }
          let text = String(decoding: line, as: UTF8.self)
          line.removeAll(keepingCapacity: true)
          try endOfLine(text)
        } else {
          line.append(b)
          if line.count > 16_384 { throw .malformed("a header line longer than 16 KB") }
        }
      case .body(let remaining):
        let take = min(remaining, n - i)
        i += take
        bodyBytes += take
        state = remaining - take == 0 ? .done : .body(remaining: remaining - take)
      case .chunkData(let remaining):
        let take = min(remaining, n - i)
        i += take
        bodyBytes += take
        state = remaining - take == 0 ? .chunkDataEnd : .chunkData(remaining: remaining - take)
      case .untilClose:
        bodyBytes += n - i
        i = n
      case .done:
        break
      }
    }
    return i
  }

  /// The peer closed the connection: a body read until close is complete; anything else was cut.
  package mutating func closed() throws(Failure) {
    switch state {
    case .untilClose: state = .done
    case .done: break
    default:
      throw .malformed(
        state == .head && headLines.isEmpty
          ? "connection closed before a response" : "connection closed inside a response")
    }
  }

  private mutating func endOfLine(_ text: String) throws(Failure) {
    switch state {
    case .head:
      if !text.isEmpty {
        headLines.append(text)
        if headLines.count > 200 { throw .malformed("more than 200 header lines") }
        return
      }
      if headLines.isEmpty { return }  // tolerate blank lines before the status line
      try finishHead()
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

  private mutating func finishHead() throws(Failure) {
    let statusLine = headLines[0]
    let parts = statusLine.split(separator: " ", maxSplits: 2)
    guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let code = Int(parts[1]), (100...999).contains(code) else {
      throw .malformed("bad status line \"\(statusLine.prefix(40))\"")
    }
    let http10 = parts[0] == "HTTP/1.0"
    var contentLength: Int?
    var chunked = false
    var connection = ""
    for h in headLines.dropFirst() {
      guard let colon = h.firstIndex(of: ":") else { throw .malformed("header without a colon") }
      let name = h[..<colon].lowercased()
      let value = h[h.index(after: colon)...].trimmingSpaces
      switch name {
      case "content-length":
        guard let n = Int(value), n >= 0 else { throw .malformed("bad Content-Length \"\(value.prefix(20))\"") }
        contentLength = n
      case "transfer-encoding": chunked = value.lowercased().contains("chunked")
      case "connection": connection = value.lowercased()
      case "x-cache": edgeCache = EdgeCacheResult(header: value)
      case "keep-alive": keepAliveTimeoutSeconds = Self.keepAliveTimeout(value)
      case "location": location = String(value.prefix(200))
      case coldStartHeader: coldStart = ["1", "true", "yes"].contains(value.lowercased())
      default: break
      }
    }
    if (100..<200).contains(code) {  // an interim response: the real one follows
      headLines.removeAll()
      return
    }
    status = code
    keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close")
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
