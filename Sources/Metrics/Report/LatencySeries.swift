/// Every latency series a report may hold, by its name in reports, in the order a visit meets
/// them. Simulated and live reports share the first eight; the rest are measured by live mode
/// only. The simulator, live mode, calibration and every renderer name series through this, so
/// a typo does not compile.
public enum LatencySeries: String, CaseIterable, Sendable {
  /// Visit start to page rendered.
  case pageLoad
  /// The counter API call as the browser sees it.
  case counterApi
  case dns, cdn, origin, apiGateway, lambda, dynamodb
  /// Live: the HTML document, one asset, one CORS preflight.
  case page, asset, preflight
  /// Live: the counter API's service time (first byte sent to response read).
  case counterApiService
  /// Live: site service time, split by the CDN's X-Cache header.
  case siteService, edgeHitService, edgeMissService
  /// Live: TCP connect time (one round trip), the TLS handshake after it, and how late the
  /// generator started visits.
  case connect, tlsHandshake, generatorLag
  /// Live: a request's service time in two: from the send to the response's first byte, and
  /// from the first byte to the last; for the counter API and for the site (page and assets).
  case counterApiFirstByte, counterApiReceive, siteFirstByte, siteReceive
  /// Live: counter API service time split by the function's cold-start header.
  case counterApiColdService, counterApiWarmService
  /// Live: each redirect hop followed, request to response.
  case redirect

  /// The series a text report tabulates, in order (the cold/warm split is in JSON only).
  public static let reported: [LatencySeries] = allCases.filter {
    $0 != .counterApiColdService && $0 != .counterApiWarmService
  }

  /// The series' place in `allCases`, for recorders that keep one slot per series (a String
  /// key per record cost a hash per response).
  public var ordinal: Int {
    switch self {
    case .pageLoad: 0
    case .counterApi: 1
    case .dns: 2
    case .cdn: 3
    case .origin: 4
    case .apiGateway: 5
    case .lambda: 6
    case .dynamodb: 7
    case .page: 8
    case .asset: 9
    case .preflight: 10
    case .counterApiService: 11
    case .siteService: 12
    case .edgeHitService: 13
    case .edgeMissService: 14
    case .connect: 15
    case .tlsHandshake: 16
    case .generatorLag: 17
    case .counterApiFirstByte: 18
    case .counterApiReceive: 19
    case .siteFirstByte: 20
    case .siteReceive: 21
    case .counterApiColdService: 22
    case .counterApiWarmService: 23
    case .redirect: 24
    }
  }
}
