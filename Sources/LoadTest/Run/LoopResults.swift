import Foundation
import Glibc
import Metrics

/// The loops' recorders, handed over for merging when each loop ends.
final class LoopResults: @unchecked Sendable {
  // @unchecked: a recorder is touched only by its loop's thread while the loop runs and is
  // read for merging only after every loop has finished; while they run, each loop publishes
  // a copy of its counters under the lock, and only those copies are read.
  private let lock = NSLock()
  private var recorders: [LiveRecorder?]
  private var done: [Bool]
  private var published: [LiveRun.Snapshot]

  init(count: Int) {
    recorders = Array(repeating: nil, count: count)
    done = Array(repeating: false, count: count)
    published = Array(
      repeating: LiveRun.Snapshot(elapsedSeconds: 0, requests: 0, errors: 0, visits: 0, counterApiP99Ms: 0),
      count: count)
  }

  func publish(_ i: Int, _ s: LiveRun.Snapshot) {
    lock.lock()
    published[i] = s
    lock.unlock()
  }

  func attach(_ i: Int, _ r: LiveRecorder) {
    lock.lock()
    recorders[i] = r
    lock.unlock()
  }

  func finish(_ i: Int) {
    lock.lock()
    done[i] = true
    lock.unlock()
  }

  var allFinished: Bool {
    lock.lock()
    defer { lock.unlock() }
    return done.allSatisfy { $0 }
  }

  func snapshot(elapsed: Double) -> LiveRun.Snapshot {
    lock.lock()
    defer { lock.unlock() }
    var s = LiveRun.Snapshot(elapsedSeconds: elapsed, requests: 0, errors: 0, visits: 0, counterApiP99Ms: 0)
    for p in published {
      s.requests += p.requests
      s.errors += p.errors
      s.visits += p.visits
      s.counterApiP99Ms = max(s.counterApiP99Ms, p.counterApiP99Ms)
      s.generatorLagP99Ms = max(s.generatorLagP99Ms, p.generatorLagP99Ms)
    }
    return s
  }

  /// Merges every loop into the shared report format.
  func report(name: String, elapsedSeconds: Double, config: LiveConfig, stoppedBy: String?) -> RunReport {
    let all = recorders.compactMap { $0 }
    var histograms: [String: LatencyHistogram] = [:]
    // Every kind a live run counts, 0 where none happened.
    var byKind: [String: UInt64] = Dictionary(
      uniqueKeysWithValues: ErrorName.allCases.filter { !$0.isSimulated }.map { ($0.rawValue, 0) })
    var counterApi = PartErrors(requests: 0, total: 0)
    var site = PartErrors(requests: 0, total: 0)
    var statuses: [String: UInt64] = [:]
    var requests: UInt64 = 0
    var visits: UInt64 = 0
    var seriesMerged: TimeSeries?
    var tlsDetail: String?
    // The loops' counts added up, from the first loop's (an empty start would lack the counts
    // by stage, and a sum with a side that lacks them has none).
    var sum: LiveStats?
    var checks: CheckStats?
    for r in all {
      sum = sum.map { $0.adding(r.stats) } ?? r.stats
      checks = checks.map { $0.adding(CheckStats(r.checks)) } ?? CheckStats(r.checks)
      for (stage, rec) in r.latencies {
        if histograms[stage] == nil {
          histograms[stage] = rec.histogram
        } else {
          histograms[stage]!.merge(rec.histogram)
        }
      }
      for (k, v) in r.errors { byKind[k, default: 0] += v }
      counterApi = counterApi.adding(r.parts.counterApi)
      site = site.adding(r.parts.site)
      for (k, v) in r.statuses() { statuses[k, default: 0] += v }
      requests += r.requests
      visits += r.visits
      var ts = r.seriesCounts.timeSeries
      ts.p99Ms = [LatencySeries.counterApi.rawValue: r.counterApiByBucket.quantileMs(0.99)]
      ts.series[CountSeries.counterApiCalls.rawValue] = r.counterApiByBucket.samplesPerBucket
      seriesMerged = seriesMerged.map { $0.overlaid(with: ts) } ?? ts
      tlsDetail = tlsDetail ?? r.errorExamples[ErrorName.tls.rawValue]
    }
    var report = RunReport(
      mode: "live", scenario: name, seed: config.seed, simulatedSeconds: elapsedSeconds, warmupSeconds: 0,
      visits: visits,
      histograms: histograms,
      errors: ErrorStats(
        byKind: byKind, requests: requests, counterApi: config.parts == .site ? nil : counterApi,
        site: config.parts == .api ? nil : site))
    report.measuredSeconds = elapsedSeconds
    report.statusCounts = statuses
    report.runIds = [UUID().uuidString.lowercased()]
    let live = sum ?? LiveStats(requestsIssued: 0, requestsCutOff: 0, keepAliveRetries: 0, bytesReceived: 0)
    report.live = live
    if !config.checks.isEmpty { report.checks = checks }
    if live.requestsCutOff > 0 {
      report.notes.append(
        "\(live.requestsCutOff) requests were cut off (still queued or in flight when the run's time was up, or not sent after --max-requests): not errors, no latency"
      )
    }
    // Trim the series to the measured length.
    if var ts = seriesMerged {
      let used = Int((elapsedSeconds / ts.bucketSeconds).rounded(.up))
      for (k, v) in ts.series { ts.series[k] = Array(v.prefix(max(used, 1))) }
      for (k, v) in ts.p99Ms { ts.p99Ms[k] = Array(v.prefix(max(used, 1))) }
      report.timeSeries = ts
    }
    if let lag = histograms["generatorLag"], lag.count > 0, lag.percentileMicros(0.99) > 10_000 {
      report.notes.append(
        String(
          format:
            "generator lag p99 %.1f ms: the load generator (or its connection pool of %d per origin per loop) could not keep up with the schedule; latencies are still measured from the intended start times",
          lag.percentileMicros(0.99) / 1000, config.connectionsPerOrigin))
    }
    if let timedOut = byKind[ErrorName.timeout.rawValue] {
      report.notes.append(
        "\(timedOut) requests timed out: each is a timeout error and also leaves its wait (at least its timeout: --connect-timeout, --tls-timeout or --timeout) as a latency sample in its stage, so the tail is not flattered"
      )
    }
    if let dropped = byKind[ErrorName.generatorQueueFull.rawValue] {
      report.notes.append(
        "\(dropped) visits were dropped because \(config.maxQueuedVisits) were already waiting in one event loop")
    }
    if let stoppedBy {
      report.notes.append(
        "stopped early: \(stoppedBy); the report covers everything measured until then (requests in flight were cut off)"
      )
    }
    if let tlsDetail { report.notes.append("first TLS failure: \(tlsDetail)") }
    if config.shard.count > 1 {
      report.notes.append(
        "shard \(config.shard.index + 1) of \(config.shard.count): merge the shards' reports with visitorsim merge")
    }
    return report
  }
}
