import Foundation
import Testing

@testable import SiteLogs

/// The timestamps and the writers, against Foundation's formatters as an independent oracle,
/// and each written line read back by its parser.
@Suite struct LogFormatTests {
  static let millis: [Int64] = {
    var rng = SystemRandomNumberGenerator()
    return [0, 951_782_400_000, 4_102_444_799_999, 1_767_225_600_000]
      + (0..<200).map { _ in Int64.random(in: 0...4_102_444_799_999, using: &rng) }
  }()

  @Test func isoAndCommonLogTimesMatchFoundation() {
    let iso = ISO8601DateFormatter()
    iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    let clf = DateFormatter()
    clf.locale = Locale(identifier: "en_US_POSIX")
    clf.timeZone = TimeZone(identifier: "UTC")
    clf.dateFormat = "dd/MMM/yyyy:HH:mm:ss Z"
    for ms in Self.millis {
      let date = Date(timeIntervalSince1970: Double(ms) / 1_000)
      #expect(LogClock.iso(milliseconds: ms) == iso.string(from: date), "\(ms)")
      #expect(LogClock.commonLog(milliseconds: ms) == clf.string(from: date), "\(ms)")
      let back = LogClock.parseISO(LogClock.tail(milliseconds: ms))!
      #expect(abs(back - Double(ms) / 1_000) < 1e-6)
      #expect(LogClock.parseCommonLog(LogClock.commonLog(milliseconds: ms)) == (Double(ms) / 1_000).rounded(.down))
    }
    #expect(LogClock.parseISO("2026-11-20T10:00:00+02:00") == LogClock.parseISO("2026-11-20T08:00:00Z"))
    #expect(LogClock.parseISO("2026-13-20T10:00:00Z") == nil)
    #expect(LogClock.parseISO("yesterday") == nil)
  }

  @Test func writtenLinesReadBack() {
    let r = LambdaInvocation(
      stream: "2026/01/01/[$LATEST]abc", endSeconds: 1_767_229_451.25, durationMs: 9.71, billedDurationMs: 330,
      memorySizeMB: 512, maxMemoryUsedMB: 48, initDurationMs: 320.06, requestId: "r1", status: "timeout")
    let (lambda, p) = LambdaLogParser.parse(LambdaLogFormat.lines(r).joined(separator: "\n"), file: "l")
    #expect(p.skipped == 2 && lambda.count == 1)
    #expect(lambda.first == r)

    let e = EdgeRequest(
      timeSeconds: 1_767_229_451, edgeLocation: "IAD89-C1", path: "/style.css", bytes: 9000, status: 200,
      result: .miss, timeTakenMs: 93)
    let cf = (CloudFrontLogFormat.header + [CloudFrontLogFormat.line(e, requestId: "x")]).joined(separator: "\n")
    #expect(CloudFrontLogParser.parse(cf, file: "c").records == [e])

    let a = APIAccess(
      timeSeconds: 1_767_229_451.235, status: 200, responseLatencyMs: 15, integrationLatencyMs: 10,
      route: "POST /count")
    let back = APIGatewayLogParser.parse(APIGatewayLogFormat.line(a, requestId: "g", method: "POST"), file: "a")
    #expect(back.records == [a])
  }
}
