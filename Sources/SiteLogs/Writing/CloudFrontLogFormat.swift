/// Writes CloudFront standard access log lines: the `#Version` and `#Fields` headers, then one
/// tab-separated line per request with every standard field (`-` where the model has no
/// value).
public enum CloudFrontLogFormat {
  public static let header = [
    "#Version: 1.0", "#Fields: " + CloudFrontLogParser.standardFields.joined(separator: " "),
  ]

  public static func line(_ r: EdgeRequest, requestId: String) -> String {
    let (date, time) = LogClock.dateAndTime(milliseconds: Int64((r.timeSeconds * 1_000).rounded(.down)))
    let result: String
    switch r.result {
    case .hit: result = "Hit"
    case .miss: result = "Miss"
    case .refreshHit: result = "RefreshHit"
    case .other(let s): result = s
    case nil: result = "-"
    }
    let bytes = r.bytes.map(String.init) ?? "-"
    let taken = r.timeTakenMs.map { LogNumber.fixed($0 / 1_000, digits: 3) } ?? "-"
    let host = "d111111abcdef8.cloudfront.net"
    let fields: [String] = [
      date, time, r.edgeLocation ?? "-", bytes, "192.0.2.1", "GET", host, r.path, r.status.map(String.init) ?? "-",
      "-", "visitorsim", "-", "-", result, requestId, host, "https", "120", taken, "-", "TLSv1.3",
      "TLS_AES_128_GCM_SHA256", result, "HTTP/2.0", "-", "-", "443", taken, result, "-", bytes, "-", "-",
    ]
    return fields.joined(separator: "\t")
  }
}
