import Foundation

/// What a live run refuses before it sends anything: values the generator cannot honour and
/// bytes that would change the meaning of a request on the wire.
extension LiveConfig {
  /// The highest rate the generator accepts, in visits/s (measured: 20,000/s on one core; a
  /// higher number is a typo, not a plan).
  public static let highestVisitsPerSecond = 200_000.0
  /// The longest run, and the longest timeout or think time.
  public static let longestRunSeconds = 30 * 86_400.0
  public static let longestWaitSeconds = 3_600.0

  /// Refuses (as a usage error, exit 64) rates, durations and timeouts out of range, and CR,
  /// LF and other control characters in methods, header names and values, and URLs: one
  /// request must never arrive as two (header injection, request smuggling).
  public func validate() throws(LiveError) {
    switch shape {
    case .open(let stages, _):
      for s in stages where !(s.rate <= Self.highestVisitsPerSecond) {
        throw .usage("rate \(s.rate) visits/s is above the generator's limit of \(Int(Self.highestVisitsPerSecond))/s")
      }
    case .closed(_, let think, _):
      if !(think <= Self.longestWaitSeconds) {
        throw .usage("--think: \(think) s is above the limit of \(Int(Self.longestWaitSeconds)) s")
      }
    }
    if !(shape.durationSeconds <= Self.longestRunSeconds) {
      throw .usage(
        "the run would last \(shape.durationSeconds) s, above the limit of \(Int(Self.longestRunSeconds)) s (30 days)")
    }
    for (option, ms) in [
      ("--timeout", responseTimeoutMs), ("--connect-timeout", connectTimeoutMs), ("--tls-timeout", tlsTimeoutMs),
    ] where !(ms <= Self.longestWaitSeconds * 1_000) {
      throw .usage("\(option): \(ms / 1_000) s is above the limit of \(Int(Self.longestWaitSeconds)) s")
    }
    guard Self.isToken(apiMethod) else { throw .usage("--method: \"\(apiMethod)\" is not an HTTP method name") }
    if let h = coldStartHeader, !Self.isToken(h) { throw .usage("--cold-header: \"\(h)\" is not a header name") }
    for (name, value) in headers + apiHeaders {
      guard Self.isToken(name) else { throw .usage("--header: \"\(name)\" is not a header name") }
      guard value.unicodeScalars.allSatisfy({ $0 == "\t" || !Self.isControl($0) }) else {
        throw .usage("--header \(name): the value holds a control character (CR, LF, ...)")
      }
    }
    let stages = Set(steps.joined().map(\.kind))
    for check in checks where !stages.contains(check.kind) {
      throw .usage("--check \"\(check.text)\": this run sends no \(check.stage) request")
    }
    if let caFile {
      // A FIFO would block the run's start forever, a directory fails deep in libssl: only a
      // regular file is read.
      var info = stat()
      guard stat(caFile, &info) == 0 else { throw .usage("--cacert \(caFile): no such file") }
      guard info.st_mode & S_IFMT == S_IFREG else {
        throw .usage("--cacert \(caFile): not a regular file (a directory, FIFO or device is not read)")
      }
    }
    for target in [site, api].compactMap({ $0 }) + assets {
      try Self.checkWireText(target.host, what: "host of \(target.origin)")
      try Self.checkWireText(target.path, what: "path")
    }
  }

  /// A method or header name: RFC 9110's token characters only.
  static func isToken(_ s: String) -> Bool {
    !s.isEmpty
      && s.unicodeScalars.allSatisfy { c in
        (c.value > 0x20 && c.value < 0x7F) && !"\"(),/:;<=>?@[\\]{}".unicodeScalars.contains(c)
      }
  }

  static func isControl(_ c: Unicode.Scalar) -> Bool { c.value < 0x20 || c.value == 0x7F }

  /// Hosts and paths go into the request line and the Host header: no spaces or controls.
  static func checkWireText(_ s: String, what: String) throws(LiveError) {
    if s.unicodeScalars.contains(where: { isControl($0) || $0 == " " }) {
      throw .usage("URL \(what): a space or control character (CR, LF, ...) cannot be sent; percent-encode it")
    }
  }
}
