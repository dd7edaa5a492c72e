import Testing

@testable import Metrics

/// Two live reports' counts added up (shards merged): by stage, bytes and statuses summed; a
/// count that one side lacks (a report of an older version) left out rather than half-counted.
@Suite struct LiveStatsTests {
  func stats(api: UInt64, page: UInt64?, sent: UInt64?) -> LiveStats {
    var s = LiveStats(requestsIssued: api + (page ?? 0), requestsCutOff: 0, keepAliveRetries: 0, bytesReceived: 100)
    s.bytesSent = sent
    if let sent {
      var stages = [
        "counterApi": LiveStats.StageCounts(
          requests: api, bytesSent: sent, bytesReceived: 100, statusCounts: ["200": api - 1, "503": 1])
      ]
      if let page {
        stages["page"] = LiveStats.StageCounts(
          requests: page, bytesSent: nil, bytesReceived: 0, statusCounts: ["200": page])
      }
      s.stages = stages
    }
    return s
  }

  @Test func stagesAddUpAndMissingCountsStayMissing() throws {
    let sum = stats(api: 10, page: nil, sent: 1_000).adding(stats(api: 5, page: 3, sent: 400))
    #expect(sum.bytesSent == 1_400 && sum.bytesReceived == 200 && sum.requestsIssued == 18)
    let api = try #require(sum.stages?["counterApi"])
    #expect(api.requests == 15 && api.bytesSent == 1_400 && api.statusCounts == ["200": 13, "503": 2])
    // A stage only one side had is taken as it is; a byte count one side lacks stays unknown.
    #expect(sum.stages?["page"]?.requests == 3 && sum.stages?["page"]?.bytesSent == nil)
    let withOld = stats(api: 10, page: nil, sent: 1_000).adding(stats(api: 5, page: nil, sent: nil))
    #expect(withOld.bytesSent == nil && withOld.stages == nil && withOld.bytesReceived == 200)
  }
}
