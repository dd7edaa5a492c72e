import Foundation
import Glibc
import Metrics

/// The origins' current addresses, updated by re-resolution while loops open connections.
final class AddressBook: @unchecked Sendable {
  // @unchecked: every access goes through the lock.
  private let lock = NSLock()
  private var origins: [ResolvedOrigin]
  private(set) var changes = 0

  init(_ origins: [ResolvedOrigin]) { self.origins = origins }

  func current(_ i: Int) -> ResolvedOrigin {
    lock.lock()
    defer { lock.unlock() }
    return origins[i]
  }

  func update(_ i: Int, _ o: ResolvedOrigin) {
    lock.lock()
    if origins[i] != o {
      origins[i] = o
      changes += 1
    }
    lock.unlock()
  }
}
