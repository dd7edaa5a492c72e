/// Every counter API call of a live run, one column per field: when it was sent, how long its
/// response took, its status, and whether the function said it was cold.
///
/// Calibration reads the schedule from it: which calls arrived after every environment had
/// been idle for a while, how many calls were in flight when a 429 came back, which call needed
/// one more environment than had ever been busy at once. Histograms cannot say that.
///
/// Kept for the first `capacity` calls of a run (a few MB at most), so a long run's memory
/// stays bounded; `omitted` counts the calls after them.
public struct CounterCallLog: Codable, Sendable, Equatable {
  /// Calls kept at most (all loops together).
  public static let capacity = 100_000

  /// When each call was sent, in ms since the run started.
  public var sentMs: [Double] = []
  /// From the send to the whole response (ms); for a transport failure, until it failed.
  public var serviceMs: [Double] = []
  /// HTTP status; 0 when no response came (reset, timeout).
  public var status: [Int] = []
  /// 1 cold, 0 warm by the function's cold-start header; -1 when it did not say (or the run
  /// had no `--cold-header`).
  public var cold: [Int] = []
  /// Calls made after the log was full, not in it.
  public var omitted: UInt64 = 0

  public init() {}

  public var count: Int { sentMs.count }

  /// Appends one call, or counts it as omitted when the log is full.
  public mutating func append(sentMs s: Double, serviceMs d: Double, status code: Int, cold c: Bool?, limit: Int) {
    guard count < limit else {
      omitted += 1
      return
    }
    sentMs.append(s)
    serviceMs.append(d)
    status.append(code)
    cold.append(c.map { $0 ? 1 : 0 } ?? -1)
  }

  /// Both logs' calls in order of sending (shards or loops of one run share its clock),
  /// within `capacity`.
  public func adding(_ o: CounterCallLog) -> CounterCallLog {
    let order = (0..<(count + o.count)).sorted {
      let a = $0 < count ? sentMs[$0] : o.sentMs[$0 - count]
      let b = $1 < count ? sentMs[$1] : o.sentMs[$1 - count]
      return a < b
    }
    var out = CounterCallLog()
    out.omitted = omitted + o.omitted
    for i in order {
      let (log, k) = i < count ? (self, i) : (o, i - count)
      out.append(
        sentMs: log.sentMs[k], serviceMs: log.serviceMs[k], status: log.status[k],
        cold: log.cold[k] < 0 ? nil : log.cold[k] == 1, limit: Self.capacity)
    }
    return out
  }
}
