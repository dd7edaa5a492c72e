import Foundation
import Metrics

extension LiveSettings {
  /// The settings of a run of `config`, started at `started`.
  public init(_ config: LiveConfig, version: String, commandLine: [String], started: Date) {
    let stages: [Stage]
    var users: Int?
    var think: Double?
    let poisson: Bool
    switch config.shape {
    case .open(let s, let p):
      stages = s.map { Stage(seconds: $0.seconds, rate: $0.rate) }
      poisson = p
    case .closed(let u, let t, _):
      stages = []
      users = u
      think = t
      poisson = false
    }
    let iso = ISO8601DateFormatter()
    iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    iso.timeZone = TimeZone(identifier: "UTC")
    self.init(
      version: version, startedAtUTC: iso.string(from: started), commandLine: commandLine,
      model: users == nil ? "open" : "closed", stages: stages, poisson: poisson, seed: config.seed, users: users,
      thinkSeconds: think, durationSeconds: config.shape.durationSeconds, shardIndex: config.shard.index,
      shardCount: config.shard.count, parts: config.parts.rawValue, site: config.site?.description,
      assets: config.assets.map(\.description), api: config.api?.description, apiMethod: config.apiMethod,
      corsPreflight: config.corsPreflight, loops: config.loops, connectionsPerOrigin: config.connectionsPerOrigin,
      maxRequests: config.maxRequests, connectTimeoutMs: config.connectTimeoutMs, tlsTimeoutMs: config.tlsTimeoutMs,
      responseTimeoutMs: config.responseTimeoutMs)
    coldStartHeader = config.coldStartHeader
    cores = ProcessInfo.processInfo.activeProcessorCount
  }

  /// Why the recorded schedule cannot be replayed (a report is a file anyone can edit), or nil:
  /// the same bounds as a live run's, and at most `maxVisits` visits.
  public func scheduleProblem(maxVisits: Double) -> String? {
    guard shardCount >= 1, (0..<shardCount).contains(shardIndex) else {
      return "shard \(shardIndex) of \(shardCount) is not a shard"
    }
    var visits = 0.0
    var from = stages.first?.rate ?? 0
    var seconds = 0.0
    for s in stages {
      guard s.seconds >= 0, s.seconds.isFinite, s.rate >= 0, s.rate <= LiveConfig.highestVisitsPerSecond else {
        return "a stage of \(s.seconds) s at \(s.rate) visits/s is outside what a live run can do"
      }
      visits += (from + s.rate) / 2 * s.seconds
      seconds += s.seconds
      from = s.rate
    }
    if seconds > LiveConfig.longestRunSeconds { return "the stages last \(seconds) s, longer than a live run can" }
    if visits > maxVisits { return "the schedule holds about \(visits.rounded()) visits, above the limit \(maxVisits)" }
    return nil
  }

  /// The intended start of every visit of this shard, in seconds from the run's start: the
  /// same schedule the run followed (open model only; nil for the closed model, whose starts
  /// depend on the responses).
  public func intendedStarts() -> [Double]? {
    guard model == "open", !stages.isEmpty else { return nil }
    let shape = LoadShape.open(stages: stages.map { .init(seconds: $0.seconds, rate: $0.rate) }, poisson: poisson)
    var schedule = OpenSchedule(shape: shape, seed: seed)
    var starts: [Double] = []
    var k = 0
    while let t = schedule.next() {
      if k % max(shardCount, 1) == shardIndex { starts.append(Double(t) / 1e9) }
      k += 1
    }
    return starts
  }
}
