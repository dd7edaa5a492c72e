import SiteLogs

/// The site part's CloudFront access log: one line per object served to a counted visit.
struct SiteLogEmitter {
  let writer: LogFileWriter
  /// `cs-uri-stem` of each object: `/` for the page, `/NAME` for each asset.
  let paths: [String]
  private var requests: UInt64 = 0

  /// Edge location codes in the style CloudFront logs them (airport code, number, suffix).
  static let locationCodes = [
    "IAD89-C1", "FRA56-P5", "LHR61-C2", "NRT57-P3", "SIN2-C1", "SFO53-C1", "GRU1-C1", "SYD1-C2", "BOM78-P4",
    "JFK50-P2",
  ]

  init(writer: LogFileWriter, paths: [String]) {
    self.writer = writer
    self.paths = paths
    for line in CloudFrontLogFormat.header { writer.write(line) }
  }

  static func location(_ edge: Int) -> String {
    edge < locationCodes.count ? locationCodes[edge] : "EDG\(edge)-C1"
  }

  /// A request for `object` that reached `edge` at `now` and spent `atEdge` there (CloudFront
  /// logs a request when it finishes).
  mutating func served(object: Int, bytes: Int, edge: Int, hit: Bool, at now: Int64, atEdge: Int64) {
    requests &+= 1
    let record = EdgeRequest(
      timeSeconds: SimulatedLogs.seconds(now + atEdge), edgeLocation: Self.location(edge), path: paths[object],
      bytes: bytes, status: 200, result: hit ? .hit : .miss, timeTakenMs: Double(atEdge) / 1e6)
    writer.write(CloudFrontLogFormat.line(record, requestId: "vsim\(String(requests, radix: 16))"))
  }
}
