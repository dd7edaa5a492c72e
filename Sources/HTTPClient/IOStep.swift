import CEpoll
import Glibc

/// What one non-blocking I/O call did, with `errno` read at the call (never later, when other
/// calls may have changed it).
package enum IOStep: Equatable, Sendable {
  /// Bytes moved (for a handshake or a connect: finished).
  case done(Int)
  /// Not now: wait until the socket is ready for this.
  case wouldBlock(Interest)
  /// The peer closed the stream cleanly.
  case endOfStream
  case failed(IOFailure)
}

/// Which readiness a call waits for.
package enum Interest: Equatable, Sendable {
  case read, write

  package var epollEvents: UInt32 { self == .read ? EPOLLIN.rawValue : EPOLLOUT.rawValue }
}

/// Why an I/O call failed, in classes a report counts and in the C library's or OpenSSL's words.
package struct IOFailure: Error, Equatable, Sendable {
  package enum Kind: Equatable, Sendable {
    case refused, reset, timedOut, tls, other
  }

  package var kind: Kind
  package var reason: String

  package init(_ kind: Kind, _ reason: String) {
    self.kind = kind
    self.reason = reason
  }

  /// A failure from `errno` after a system call named `call` (`connect`, `send`, `recv`).
  package static func system(_ call: String, _ code: Int32) -> IOFailure {
    let kind: Kind =
      switch code {
      case ECONNREFUSED: .refused
      case ECONNRESET, EPIPE: .reset
      case ETIMEDOUT: .timedOut
      default: .other
      }
    return IOFailure(kind, "\(call): " + String(cString: strerror(code)))
  }
}
