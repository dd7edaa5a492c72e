/// One request in a CloudFront standard access log.
public struct EdgeRequest: Sendable, Equatable {
  /// `x-edge-result-type`, in three classes.
  public enum Result: Sendable, Equatable {
    /// `Hit` or `RefreshHit`: served from the edge's cache.
    case hit
    /// `Miss`: fetched from the origin.
    case miss
    /// `Error`, `Redirect`, `LimitExceeded`, `CapacityExceeded` and anything else.
    case other(String)

    public init(_ text: some StringProtocol) {
      switch text {
      case "Hit", "RefreshHit": self = .hit
      case "Miss": self = .miss
      default: self = .other(String(text))
      }
    }
  }

  /// The `date` and `time` fields: whole seconds since the epoch.
  public var timeSeconds: Double
  public var edgeLocation: String?
  /// `cs-uri-stem`: the object's path.
  public var path: String
  public var bytes: Int?
  public var status: Int?
  public var result: Result?
  /// `time-taken` in milliseconds (the log gives seconds to the millisecond).
  public var timeTakenMs: Double?

  public init(
    timeSeconds: Double, edgeLocation: String?, path: String, bytes: Int?, status: Int?, result: Result?,
    timeTakenMs: Double?
  ) {
    self.timeSeconds = timeSeconds
    self.edgeLocation = edgeLocation
    self.path = path
    self.bytes = bytes
    self.status = status
    self.result = result
    self.timeTakenMs = timeTakenMs
  }
}
