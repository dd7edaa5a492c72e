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
