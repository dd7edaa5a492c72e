import Foundation
import Metrics
import Pricing
import ScenarioModel
import SimKernel

/// A discrete-event simulation of every visit to the serverless resume site.
///
/// A visit has two parts that share no state: the site part (arrivals, the site's DNS record,
/// the CDN and S3, up to the rendered page) and the API part (the API's DNS record, API
/// Gateway, Lambda and DynamoDB, up to the browser's answer). Each part runs its own events in
/// time order with its own random streams (`RandomSource`), and the API part runs only up to the
/// site part's horizon, before which no new call can appear (conservative synchronisation):
/// it sees every call in the same order whether the parts take turns on one thread or run on two
/// (`parallel`). Deterministic either way: the same scenario and seed give the same report.
///
/// Only visits that start inside the measured window (after the warm-up) are recorded; visits
/// still in flight at the end are run to completion.
public struct VisitorSimulation {
  public let scenario: Scenario
  // Time frame, nanoseconds.
  let windowStart: Int64
  let windowEnd: Int64

  var site: SitePart
  var api: ApiPart

  /// Events processed, for benchmarks.
  public var eventsProcessed: UInt64 { site.eventsProcessed &+ api.eventsProcessed }

  /// Site events per turn: each turn hands one batch of calls to the API part.
  public static let defaultTurnEvents = 8_192

  /// - Parameter logs: where to write the run as the site's own logs would show it
  ///   (`simulate --emit-logs`); the caller closes them after the run.
  public init(_ scenario: Scenario, logs: SimulatedLogs? = nil) {
    self.scenario = scenario
    windowStart = SimTime.seconds(scenario.warmupSeconds).nanoseconds
    windowEnd = windowStart + SimTime.seconds(scenario.durationSeconds).nanoseconds
    site = SitePart(scenario, windowStart: windowStart, windowEnd: windowEnd)
    api = ApiPart(scenario, windowStart: windowStart, windowEnd: windowEnd)
    if let logs {
      site.logs = SiteLogEmitter(writer: logs.cloudFront, paths: ["/"] + scenario.page.assets.map { "/" + $0.name })
      api.logs = ApiLogEmitter(lambda: logs.lambda, apiGateway: logs.apiGateway, scenario: scenario)
    }
  }

  /// Runs the whole scenario and returns its report (without the bill: see `CostModel`).
  ///
  /// - Parameters:
  ///   - parallel: run the site part on a second thread (for one simulation on a machine with
  ///     a core to spare; replications and sweeps already fill the cores). Same report.
  ///   - turnEvents: site events per batch of calls handed over (the report does not depend
  ///     on it; tests vary it to show so).
  ///   - progress: called about every million events, never per event.
  public mutating func run(
    parallel: Bool = false, turnEvents: Int = defaultTurnEvents,
    progress: (@Sendable (SimulationProgress) -> Void)? = nil
  ) -> RunReport {
    var meter = ProgressMeter(endNanoseconds: windowEnd, callback: progress)
    let turn = max(1, turnEvents)
    if parallel {
      runOnTwoThreads(turnEvents: turn, &meter)
    } else {
      while apiTakes(site.takeTurn(events: turn), &meter) {}
    }
    api.finish()
    return makeReport()
  }

  /// The API part runs the calls of one site turn, up to the turn's horizon. Returns false
  /// after the site part's last turn.
  mutating func apiTakes(_ batch: CallBatch, _ meter: inout ProgressMeter) -> Bool {
    api.receive(batch.calls)
    api.advance(before: batch.horizon)
    meter.update(horizon: batch.horizon, visits: batch.visits, events: batch.events &+ api.eventsProcessed)
    return batch.horizon != .max
  }

  /// The site part on a thread of its own, handing batches of calls over a bounded channel (so
  /// memory stays flat however far ahead it could run); the API part on the calling thread.
  mutating func runOnTwoThreads(turnEvents: Int, _ meter: inout ProgressMeter) {
    let channel = CallChannel(capacity: 4)
    let worker = SiteWorker(site)
    let finished = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      while true {
        let batch = worker.site.takeTurn(events: turnEvents)
        channel.put(batch)
        if batch.horizon == .max { break }
      }
      finished.signal()
    }
    while apiTakes(channel.take(), &meter) {}
    finished.wait()
    site = worker.site
  }
}
