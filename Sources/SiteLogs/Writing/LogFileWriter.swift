import Foundation

/// A log file written through a buffer: lines are appended in memory and written out a
/// megabyte at a time. The first write error is kept and reported by `close`, so a full disk
/// is an error the user sees, not a silently short file.
///
/// `@unchecked Sendable`: a writer belongs to one part of a simulation and is used by the one
/// thread that runs that part at a time (the part moves to a worker thread and back, with a
/// semaphore between), never by two at once.
public final class LogFileWriter: @unchecked Sendable {
  public let path: String
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var failure: String?
  public private(set) var lines = 0

  static let flushBytes = 1 << 20

  public init(path: String) throws(LogSource.Failure) {
    self.path = path
    guard FileManager.default.createFile(atPath: path, contents: nil) else {
      throw LogSource.Failure(description: "\(path): cannot create the file")
    }
    guard let h = FileHandle(forWritingAtPath: path) else {
      throw LogSource.Failure(description: "\(path): cannot open the file for writing")
    }
    handle = h
    buffer.reserveCapacity(Self.flushBytes + 4096)
  }

  /// Appends `line` and a newline.
  public func write(_ line: String) {
    buffer.append(contentsOf: line.utf8)
    buffer.append(10)
    lines += 1
    if buffer.count >= Self.flushBytes { flush() }
  }

  private func flush() {
    guard failure == nil, !buffer.isEmpty else {
      buffer.removeAll(keepingCapacity: true)
      return
    }
    do { try handle.write(contentsOf: buffer) } catch {
      failure = "\(path): \((error as NSError).localizedDescription)"
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Writes what is left and closes the file; throws the first write error.
  public func close() throws(LogSource.Failure) {
    flush()
    do { try handle.close() } catch {
      if failure == nil { failure = "\(path): \((error as NSError).localizedDescription)" }
    }
    if let failure { throw LogSource.Failure(description: "cannot write the log: \(failure)") }
  }
}
