/// One Lambda invocation as its `REPORT` line (or `platform.report` record) tells it.
public struct LambdaInvocation: Sendable, Equatable {
  /// The log stream: one per execution environment, so it names the environment.
  public var stream: String?
  /// When the report was logged, at the end of the invocation (seconds since the epoch); nil
  /// for a REPORT line copied without its timestamp (the console's message column), which
  /// still tells the handler, init, memory and whether it was cold, but not when.
  public var endSeconds: Double?
  public var durationMs: Double
  public var billedDurationMs: Double
  public var memorySizeMB: Int?
  public var maxMemoryUsedMB: Int?
  /// Present on a cold start: the environment's init phase.
  public var initDurationMs: Double?
  /// SnapStart: the snapshot's restore, in place of an init.
  public var restoreDurationMs: Double?
  public var requestId: String?
  /// `timeout`, `error` and the like when the report says so (JSON format's `status`, or a
  /// text line's `Status:`); nil for success.
  public var status: String?
  /// The log group (`/aws/lambda/NAME`: the function) where the logs name it.
  public var group: String?

  public init(
    stream: String?, endSeconds: Double?, durationMs: Double, billedDurationMs: Double, memorySizeMB: Int? = nil,
    maxMemoryUsedMB: Int? = nil, initDurationMs: Double? = nil, restoreDurationMs: Double? = nil,
    requestId: String? = nil, status: String? = nil
  ) {
    self.stream = stream
    self.endSeconds = endSeconds
    self.durationMs = durationMs
    self.billedDurationMs = billedDurationMs
    self.memorySizeMB = memorySizeMB
    self.maxMemoryUsedMB = maxMemoryUsedMB
    self.initDurationMs = initDurationMs
    self.restoreDurationMs = restoreDurationMs
    self.requestId = requestId
    self.status = status
  }

  /// Whether the invocation started its environment (an init or a SnapStart restore).
  public var isCold: Bool { initDurationMs != nil || restoreDurationMs != nil }

  /// When the invocation arrived: its end less its duration and any init or restore.
  public var startSeconds: Double? {
    endSeconds.map { $0 - (durationMs + (initDurationMs ?? 0) + (restoreDurationMs ?? 0)) / 1_000 }
  }
}
