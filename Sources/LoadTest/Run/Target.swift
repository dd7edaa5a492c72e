/// An `http://` or `https://` URL split into what the client needs.
public struct Target: Sendable, Equatable, CustomStringConvertible {
  public var secure: Bool
  public var host: String
  public var port: UInt16
  /// Path and query, starting with "/".
  public var path: String

  /// Parses an absolute http or https URL; the error names the problem in one line.
  public init(parsing text: String) throws(LiveError) {
    let lower = text.lowercased()
    let rest: Substring
    if lower.hasPrefix("https://") {
      secure = true
      rest = text.dropFirst(8)
    } else if lower.hasPrefix("http://") {
      secure = false
      rest = text.dropFirst(7)
    } else {
      throw .usage("\"\(text)\" is not an http:// or https:// URL")
    }
    let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    var p = String(rest.dropFirst(authority.count).prefix { $0 != "#" })
    if p.isEmpty || p.hasPrefix("?") { p = "/" + p }
    path = p
    let hostPart = Substring(authority)
    if hostPart.contains("@") {
      throw .usage(
        "\"\(text)\": credentials in a URL are not sent; give them as --header 'Authorization: Basic ...'")
    }
    var portNumber: UInt16 = secure ? 443 : 80
    if hostPart.hasPrefix("[") {
      guard let close = hostPart.firstIndex(of: "]") else { throw .usage("\"\(text)\": unclosed [ in the host") }
      host = String(hostPart[hostPart.index(after: hostPart.startIndex)..<close])
      let after = hostPart[hostPart.index(after: close)...]
      if after.hasPrefix(":") {
        guard let n = UInt16(after.dropFirst()), n > 0 else { throw .usage("\"\(text)\": bad port") }
        portNumber = n
      }
    } else if let colon = hostPart.lastIndex(of: ":") {
      host = String(hostPart[..<colon])
      guard let n = UInt16(hostPart[hostPart.index(after: colon)...]), n > 0 else {
        throw .usage("\"\(text)\": bad port")
      }
      portNumber = n
    } else {
      host = String(hostPart)
    }
    guard !host.isEmpty else { throw .usage("\"\(text)\" has no host") }
    port = portNumber
  }

  /// The Host header value.
  public var hostHeader: String {
    let defaultPort: UInt16 = secure ? 443 : 80
    let h = host.contains(":") ? "[\(host)]" : host
    return port == defaultPort ? h : "\(h):\(port)"
  }

  /// The same origin with another path (assets listed relative to the site).
  public func with(path newPath: String) -> Target {
    var t = self
    t.path = newPath.hasPrefix("/") ? newPath : "/" + newPath
    return t
  }

  /// Scheme, host and port: requests to one origin share connections.
  public var origin: String { "\(secure ? "https" : "http")://\(hostHeader)" }

  public var description: String { origin + path }
}
