import ScenarioModel
import SiteLogs

/// The API part's logs: the function's REPORT lines (one log stream per execution environment)
/// and API Gateway's JSON access log.
struct ApiLogEmitter {
  let lambda: LogFileWriter
  let apiGateway: LogFileWriter
  let memoryMB: Int
  let route: String
  /// Stream serial of each environment slot (slots are reused; serials are not).
  private var streamOf: [Int] = []
  private var streams = 0
  /// When the request an environment is serving reached API Gateway.
  private var gatewayArrival: [Int64] = []
  private var requests: UInt64 = 0

  init(lambda: LogFileWriter, apiGateway: LogFileWriter, scenario: Scenario) {
    self.lambda = lambda
    self.apiGateway = apiGateway
    memoryMB = scenario.lambda.memoryMB
    route = "POST /count"
  }

  /// A new environment in `slot` (a cold start, or a provisioned one met for the first time).
  mutating func started(slot: Int32) {
    let i = Int(slot)
    while streamOf.count <= i {
      streamOf.append(-1)
      gatewayArrival.append(0)
    }
    streamOf[i] = streams
    streams += 1
  }

  /// Environment `slot` takes a request that reached the gateway at `arrival`.
  mutating func invoked(slot: Int32, gatewayArrival arrival: Int64) {
    if Int(slot) >= streamOf.count || streamOf[Int(slot)] < 0 { started(slot: slot) }
    gatewayArrival[Int(slot)] = arrival
  }

  func streamName(_ slot: Int32) -> String {
    let serial = UInt64(streamOf[Int(slot)])
    // A 32-digit hex id, as Lambda names its streams, mixed from the serial (SplitMix64's
    // finaliser) so that streams do not look sequential.
    var z = serial &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    let hex = String(z, radix: 16)
    let id =
      String(repeating: "0", count: 16 - hex.count) + hex + String(repeating: "0", count: 12)
      + String(String(serial, radix: 16).suffix(4)).leftPadded(to: 4)
    return "2026/01/01/[$LATEST]" + id
  }

  mutating func nextRequestId() -> String {
    requests &+= 1
    let hex = String(requests, radix: 16)
    return "00000000-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - hex.count)) + hex
  }

  /// An invocation of `slot` that began at `invokeStart` (with `initNanoseconds` of init) ended
  /// at `end`; the gateway answered at `responded` with `status`.
  mutating func finished(
    slot: Int32, invokeStart: Int64, initNanoseconds: Int64, end: Int64, responded: Int64, status: Int,
    timedOut: Bool
  ) {
    let id = nextRequestId()
    let durationMs = Double(end - invokeStart - initNanoseconds) / 1e6
    let initMs = Double(initNanoseconds) / 1e6
    let billed = durationMs.rounded(.up) + initMs.rounded(.up)
    let record = LambdaInvocation(
      stream: streamName(slot), endSeconds: SimulatedLogs.seconds(end), durationMs: durationMs,
      billedDurationMs: billed, memorySizeMB: memoryMB, maxMemoryUsedMB: min(memoryMB, 48),
      initDurationMs: initNanoseconds > 0 ? initMs : nil, requestId: id, status: timedOut ? "timeout" : nil)
    for line in LambdaLogFormat.lines(record) { lambda.write(line) }
    let arrival = gatewayArrival[Int(slot)]
    access(
      arrival: arrival, responded: responded, integration: Double(min(end, responded) - invokeStart) / 1e6,
      status: status, method: "POST")
  }

  /// One API Gateway access log line.
  mutating func access(arrival: Int64, responded: Int64, integration: Double?, status: Int, method: String) {
    let record = APIAccess(
      timeSeconds: SimulatedLogs.seconds(arrival), status: status,
      responseLatencyMs: Double(responded - arrival) / 1e6, integrationLatencyMs: integration,
      route: method == "OPTIONS" ? "OPTIONS /count" : route)
    requests &+= 1
    apiGateway.write(
      APIGatewayLogFormat.line(record, requestId: "gw" + String(requests, radix: 16), method: method))
  }
}

extension String {
  fileprivate func leftPadded(to n: Int) -> String {
    count >= n ? self : String(repeating: "0", count: n - count) + self
  }
}
