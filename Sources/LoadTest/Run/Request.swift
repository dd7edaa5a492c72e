import Metrics

/// One request of a visit.
struct Request: Sendable {
  enum Kind: Int, CaseIterable, Sendable {
    case page, asset, preflight, api
    var stage: LatencySeries {
      switch self {
      case .page: .page
      case .asset: .asset
      case .preflight: .preflight
      case .api: .counterApi
      }
    }
  }
  var kind: Kind
  var target: Target
  var method: String
  var headers: [(String, String)]
  var body: [UInt8]

  /// The request's bytes on the wire: what a browser's fetch sends (Host, User-Agent,
  /// Accept, Accept-Encoding: gzip (the one encoding checks can read), and Content-Type with a
  /// body), each replaced by a header of the
  /// same name given by the user; a body always has its Content-Length.
  func bytes(userAgent: String = "visitorsim") -> [UInt8] {
    var defaults: [(String, String)] = [
      ("Host", target.hostHeader), ("User-Agent", userAgent), ("Accept", "*/*"),
      ("Accept-Encoding", "gzip"),
    ]
    if !body.isEmpty { defaults.append(("Content-Type", Self.contentType(of: body))) }
    let given = Set(headers.map { $0.0.lowercased() })
    var head = "\(method) \(target.path) HTTP/1.1\r\n"
    for (name, value) in defaults where !given.contains(name.lowercased()) { head += "\(name): \(value)\r\n" }
    for (name, value) in headers where name.lowercased() != "content-length" { head += "\(name): \(value)\r\n" }
    if !body.isEmpty || method == "POST" || method == "PUT" { head += "Content-Length: \(body.count)\r\n" }
    head += "\r\n"
    return Array(head.utf8) + body
  }

  /// What fetch() labels a string body with: JSON when it looks like JSON, else plain text.
  static func contentType(of body: [UInt8]) -> String {
    let first = body.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
    return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? "application/json" : "text/plain;charset=UTF-8"
  }
}
