import Foundation
import InputText

/// Where a command's output goes: the real stdout and stderr, or buffers in tests.
public final class Console: @unchecked Sendable {
  // @unchecked: used from one thread at a time (the command's); the lock guards the buffers
  // against a signal-handling thread printing a last message.
  private let lock = NSLock()
  private let capture: Bool
  private var outBuffer = Data()
  private var errBuffer = ""

  /// A console writing to the process's stdout and stderr.
  public static func standard() -> Console { Console(capture: false) }
  /// A console that keeps everything, for tests.
  public static func capturing() -> Console { Console(capture: true) }

  private init(capture: Bool) { self.capture = capture }

  private var outFailure: Int32?

  /// Writes to stdout. A failed write (a full disk, a closed pipe) is kept, not thrown: the
  /// CLI turns it into a one-line error and exit code 73 when the command ends, and nothing
  /// more is written after it.
  public func out(_ data: Data) {
    lock.lock()
    defer { lock.unlock() }
    if capture {
      outBuffer.append(data)
    } else if outFailure == nil {
      outFailure = Files.writeAll(data, to: STDOUT_FILENO)
    }
  }

  /// The errno of the first failed write to stdout, if any.
  var stdoutFailure: Int32? {
    lock.lock()
    defer { lock.unlock() }
    return outFailure
  }

  public func out(_ text: String) { out(Data(text.utf8)) }

  public func err(_ text: String) {
    lock.lock()
    defer { lock.unlock() }
    // Every line on stderr is for a person: an escape sequence from a file must not act.
    let shown = Text.printable(text)
    let line = shown.hasSuffix("\n") ? shown : shown + "\n"
    if capture { errBuffer += line } else { _ = Files.writeAll(Data(line.utf8), to: STDERR_FILENO) }
  }

  public var capturedOut: String {
    lock.lock()
    defer { lock.unlock() }
    return String(decoding: outBuffer, as: UTF8.self)
  }
  public var capturedErr: String {
    lock.lock()
    defer { lock.unlock() }
    return errBuffer
  }
}
