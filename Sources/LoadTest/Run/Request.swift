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

  /// The request's bytes on the wire.
  func bytes() -> [UInt8] {
    var head =
      "\(method) \(target.path) HTTP/1.1\r\nHost: \(target.hostHeader)\r\nUser-Agent: visitorsim/0.1\r\nAccept: */*\r\n"
    for (name, value) in headers { head += "\(name): \(value)\r\n" }
    if !body.isEmpty || method == "POST" || method == "PUT" { head += "Content-Length: \(body.count)\r\n" }
    head += "\r\n"
    return Array(head.utf8) + body
  }
}
