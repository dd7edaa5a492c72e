/// One request in a CloudFront standard access log.
public struct EdgeRequest: Sendable, Equatable {
  /// `x-edge-result-type` (or `x-edge-detailed-result-type` where logged), in four classes.
  public enum Result: Sendable, Equatable {
    /// `Hit`: served from the edge's cache without contacting the origin.
    case hit
    /// `RefreshHit`: in the cache but expired, so CloudFront asked the origin whether it
    /// changed (CloudFront developer guide, "Standard log file fields"): an origin contact.
    case refreshHit
    /// `Miss`: fetched from the origin.
    case miss
    /// `Error`, `Redirect`, `LimitExceeded`, `CapacityExceeded` and anything else.
    case other(String)

    public init(_ text: some StringProtocol) {
      switch text {
      case "Hit": self = .hit
      case "RefreshHit": self = .refreshHit
      case "Miss": self = .miss
      default: self = .other(String(text))
      }
    }

    /// Whether the edge contacted the origin for this request (a miss or a refresh).
    public var contactsOrigin: Bool { self == .miss || self == .refreshHit }
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
