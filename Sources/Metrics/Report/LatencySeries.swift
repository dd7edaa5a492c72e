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
}
