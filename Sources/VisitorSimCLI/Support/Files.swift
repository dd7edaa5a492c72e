import Foundation
import Glibc
import InputText

/// File access for the CLI: the only module that reads user files and writes reports.
enum Files {
  /// Largest report read by `merge`, `compare` and `calibrate`.
  static let reportBytes = 256 << 20

  /// The text of a document of at most `limit` bytes (refused before reading when larger, so
  /// memory stays proportional to what is accepted), UTF-8 or UTF-16 (`TextFile`).
  static func readText(_ path: String, what: String, limit: Int) throws(CLIError) -> String {
    do { return try TextFile.read(path, what: what, limits: .init(bytes: limit)) } catch {
      throw error.missing ? .noInput(error.description) : .badInput(error.description)
    }
  }

  /// `file` as given if absolute, else relative to the folder of `documentPath` (or the
  /// current folder when there is no document).
  static func resolve(_ file: String, besides documentPath: String?) -> String {
    if file.hasPrefix("/") { return file }
    let base =
      documentPath.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
      ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    return base.appendingPathComponent(file).path
  }

  /// A scenario name made safe for a file name.
  static func safeName(_ name: String) -> String {
    let kept = name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }
    return kept.isEmpty ? "report" : String(kept)
  }

  /// Writes `data` to `path` so that the file is either whole or untouched: into a temporary
  /// file beside it, flushed to disk, then renamed into place (parent folders are created).
  /// A path that is not a regular file (`/dev/stdout`, a pipe, `/dev/full`) is written in
  /// place. Every failed call (a full disk, a closed pipe) is an error; nothing says "wrote"
  /// unless every byte was written.
  static func write(_ data: Data, to path: String, createFolder: Bool = false) throws(CLIError) {
    func fail(_ what: String, _ code: Int32) -> CLIError {
      .cannotWrite("cannot write \(path): \(what): \(String(cString: strerror(code)))")
    }
    // "-" is stdout, as for curl and k6.
    if path == "-" {
      if let code = writeAll(data, to: STDOUT_FILENO) { throw fail("write", code) }
      return
    }
    var info = stat()
    let exists = stat(path, &info) == 0
    if exists && (info.st_mode & S_IFMT) == S_IFDIR { throw .cannotWrite("cannot write \(path): it is a folder") }
    if exists && (info.st_mode & S_IFMT) != S_IFREG {
      let fd = open(path, O_WRONLY | O_CLOEXEC)
      guard fd >= 0 else { throw fail("open", errno) }
      defer { close(fd) }
      if let code = writeAll(data, to: fd) { throw fail("write", code) }
      return
    }
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    var folderInfo = stat()
    if stat(folder, &folderInfo) != 0 || (folderInfo.st_mode & S_IFMT) != S_IFDIR {
      // A missing folder is a typo more often than a wish: only a default path (Reports/) is
      // made for the user.
      guard createFolder else { throw .cannotWrite("cannot write \(path): no folder \(folder)") }
      do {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      } catch {
        throw .cannotWrite("cannot write \(path): cannot create its folder (\(error.localizedDescription))")
      }
    }
    let temporary = url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).\(getpid()).tmp"
    ).path
    // An unnamed file in the folder (O_TMPFILE) gets a name only once every byte is on disk,
    // for the moment between link and rename: a run killed while writing leaves nothing
    // behind. File systems without O_TMPFILE (or a system without /proc to name it through)
    // get the named temporary file.
    let fd = open(folder, Self.unnamedFile | O_WRONLY | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return try writeNamed(data, to: path, temporary: temporary, fail: fail) }
    if let code = writeAll(data, to: fd) {
      close(fd)
      throw fail("write", code)
    }
    if fsync(fd) != 0 {
      let code = errno
      close(fd)
      throw fail("fsync", code)
    }
    unlink(temporary)  // a leftover of a run killed on an older version
    let linked = linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, temporary, AT_SYMLINK_FOLLOW) == 0
    close(fd)
    guard linked else { return try writeNamed(data, to: path, temporary: temporary, fail: fail) }
    if rename(temporary, path) != 0 {
      let code = errno
      unlink(temporary)
      throw fail("rename", code)
    }
  }

  /// The named temporary file, written, flushed and renamed into place (where an unnamed
  /// file cannot be named).
  static func writeNamed(_ data: Data, to path: String, temporary: String, fail: (String, Int32) -> CLIError)
    throws(CLIError)
  {
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw fail("open \(temporary)", errno) }
    var failure: CLIError?
    if let code = writeAll(data, to: fd) {
      failure = fail("write", code)
    } else if fsync(fd) != 0 {
      failure = fail("fsync", errno)
    }
    if close(fd) != 0 && failure == nil { failure = fail("close", errno) }
    if failure == nil && rename(temporary, path) != 0 { failure = fail("rename", errno) }
    if let failure {
      unlink(temporary)
      throw failure
    }
  }

  /// Linux's O_TMPFILE (`__O_TMPFILE | O_DIRECTORY`, a macro Swift does not import).
  static let unnamedFile: Int32 = 0o20_000_000 | O_DIRECTORY

  /// Refuses, before anything runs, two outputs of one run that name the same file (the
  /// second would overwrite the first): `--output X --junit X`.
  static func distinct(_ outputs: [(option: String, path: String?)]) throws(CLIError) {
    var seen: [String: String] = [:]
    for (option, path) in outputs {
      guard let path, path != "-" else { continue }
      let key = URL(fileURLWithPath: path).standardizedFileURL.path
      if let other = seen[key] {
        throw .usage("\(other) and \(option) both name \(path): give each its own file")
      }
      seen[key] = option
    }
  }

  /// Writes every byte of `data` to `fd`, retrying short writes and EINTR; the errno of the
  /// first failure, or nil.
  static func writeAll(_ data: Data, to fd: Int32) -> Int32? {
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int32? in
      guard var p = raw.baseAddress else { return nil }
      var left = raw.count
      while left > 0 {
        let n = Glibc.write(fd, p, left)
        if n < 0 {
          let code = errno
          if code == EINTR { continue }
          return code
        }
        if n == 0 { return EIO }
        p += n
        left -= n
      }
      return nil
    }
  }
}
