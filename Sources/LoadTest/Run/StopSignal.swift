import Foundation

/// A flag every event loop checks once per turn: set by Ctrl-C, by an --abort-on condition, or
/// by the caller. Reasons are kept for the report.
public final class StopSignal: @unchecked Sendable {
  // @unchecked: every access goes through the lock.
  private let lock = NSLock()
  private var reason: String?

  public init() {}

  public func stop(_ why: String) {
    lock.lock()
    if reason == nil { reason = why }
    lock.unlock()
  }

  public var stopped: String? {
    lock.lock()
    defer { lock.unlock() }
    return reason
  }
}
