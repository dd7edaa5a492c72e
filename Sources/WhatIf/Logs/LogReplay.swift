import Foundation
import Pricing
import ScenarioModel
import Simulation
import SiteLogs

/// The validation of a fit to logs: the logged visits replayed through the fitted scenario,
/// which writes its own logs, read back with the same parsers and summarised the same way, so
/// logged and simulated figures compare like with like.
public enum LogReplay {
  public struct Result: Sendable {
    public var logged: LogSummary
    public var simulated: LogSummary
    public var visits: Int
    /// Lambda requests and billed GB-seconds at the price table's first tier, without the
    /// free tier.
    public var loggedLambdaUSD: Double
    public var simulatedLambdaUSD: Double
  }

  /// The fitted scenario set to replay the logged visits: their exact times from the first,
  /// no warm-up (so no warm environment at the start), only the parts the logs show.
  public static func scenario(fitted: Scenario, calibration: LogCalibration) -> Scenario {
    var s = fitted
    let first = calibration.visits.first ?? 0
    s.workload.process = .trace
    s.workload.traceSeconds = calibration.visits.map { $0 - first }
    s.warmupSeconds = 0
    s.durationSeconds = max(1, (calibration.visits.last ?? first) - first + 1)
    s.timeOriginSeconds = 0
    switch (calibration.hasSite, calibration.hasAPI) {
    case (true, false): s.workload.parts = .site
    case (false, true): s.workload.parts = .api
    default: s.workload.parts = .all
    }
    return s
  }

  public static func run(
    _ evidence: LogEvidence, calibration: LogCalibration, fitted: Scenario, prices: PriceTable
  ) throws(LogSource.Failure) -> Result {
    let replay = scenario(fitted: fitted, calibration: calibration)
    let scratch = (NSTemporaryDirectory() as NSString).appendingPathComponent(
      "visitorsim-replay-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))")
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let logs = try SimulatedLogs(directory: scratch)
    var sim = VisitorSimulation(replay, logs: logs)
    _ = sim.run()
    try logs.close()
    var simulated = LogEvidence()
    func read(_ name: String, _ kind: LogEvidence.Kind) throws(LogSource.Failure) {
      let path = (scratch as NSString).appendingPathComponent(name)
      let text = try LogSource.text(of: path)
      switch kind {
      case .lambda: simulated.lambda = LambdaLogParser.parse(text, file: path).records
      case .cloudfront: simulated.edge = CloudFrontLogParser.parse(text, file: path).records
      case .apigateway: simulated.api = APIGatewayLogParser.parse(text, file: path).records
      }
    }
    if !evidence.lambda.isEmpty { try read(SimulatedLogs.fileNames.lambda, .lambda) }
    if !evidence.edge.isEmpty { try read(SimulatedLogs.fileNames.cloudFront, .cloudfront) }
    if !evidence.api.isEmpty { try read(SimulatedLogs.fileNames.apiGateway, .apigateway) }
    let logged = LogSummary(lambda: evidence.lambda, edge: evidence.edge, api: evidence.api)
    let summary = LogSummary(lambda: simulated.lambda, edge: simulated.edge, api: simulated.api)
    return Result(
      logged: logged, simulated: summary, visits: calibration.visits.count,
      loggedLambdaUSD: lambdaUSD(logged, architecture: fitted.lambda.architecture.rawValue, prices: prices),
      simulatedLambdaUSD: lambdaUSD(summary, architecture: fitted.lambda.architecture.rawValue, prices: prices))
  }

  /// Requests and GB-seconds at the first tier's price (no free tier).
  static func lambdaUSD(_ s: LogSummary, architecture: String, prices: PriceTable) -> Double {
    func rate(_ id: String) -> Double {
      guard let p = try? prices.price(id), let tier = p.tiers.first, p.per > 0 else { return 0 }
      return tier.usd / p.per
    }
    return Double(s.invocations) * rate("lambda.requests") + s.gbSeconds * rate("lambda.duration.\(architecture)")
  }
}
