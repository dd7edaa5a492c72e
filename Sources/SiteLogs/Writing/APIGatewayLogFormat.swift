/// Writes API Gateway access log lines in JSON with the usual `$context` fields, quoted as a
/// stage's access log format quotes them (`"status": "200"`), `-` for a latency the request
/// did not have.
public enum APIGatewayLogFormat {
  public static func line(_ r: APIAccess, requestId: String, method: String) -> String {
    let ms = Int64(((r.timeSeconds ?? 0) * 1_000).rounded(.down))
    func latency(_ x: Double?) -> String { x.map { String(Int64($0.rounded())) } ?? "-" }
    return
      "{\"requestId\":\"\(requestId)\",\"ip\":\"192.0.2.1\",\"requestTime\":\"\(LogClock.commonLog(milliseconds: ms))\",\"requestTimeEpoch\":\"\(ms)\",\"httpMethod\":\"\(method)\",\"routeKey\":\"\(r.route ?? "-")\",\"status\":\"\(r.status.map(String.init) ?? "-")\",\"protocol\":\"HTTP/1.1\",\"responseLatency\":\"\(latency(r.responseLatencyMs))\",\"integrationLatency\":\"\(latency(r.integrationLatencyMs))\"}"
  }
}
