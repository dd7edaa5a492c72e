import Decompression
import Foundation
import Glibc
import Metrics

/// The one way a file a user names is read as text: bounded in bytes (before reading, for a
/// regular file; while reading, for a pipe or a device), in line length, and in how far gzip
/// may inflate it; decoded from UTF-8 with or without a byte-order mark, or UTF-16 with one
/// (what Windows PowerShell 5.1 writes with `>`).
///
/// Every refusal is one sentence naming the file, and for a line, its number and the limit.
public enum TextFile {
  /// A file that could not be read: `missing` when it is not there or not readable (exit 66),
  /// else refused for what it holds (exit 65).
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var description: String
    public var missing: Bool
    public init(_ description: String, missing: Bool = false) {
      self.description = description
      self.missing = missing
    }
  }

  /// How much of a file is read.
  public struct Limits: Sendable {
    /// Largest file, decompressed.
    public var bytes: Int
    /// Longest line (bytes between newlines), or nil for documents read whole (JSON).
    public var lineBytes: Int?
    /// Whether gzip is read (by its magic number, whatever the file's name).
    public var gzip: Bool
    /// Whether bytes that are not UTF-8 become U+FFFD (logs: a bad line is counted as
    /// unparsable) rather than refusing the file (documents).
    public var lossy: Bool

    public init(bytes: Int, lineBytes: Int? = nil, gzip: Bool = false, lossy: Bool = false) {
      self.bytes = bytes
      self.lineBytes = lineBytes
      self.gzip = gzip
      self.lossy = lossy
    }
  }

  /// gzip inflating past this many bytes must stay within `inflateRatio` times its
  /// compressed size: real logs compress 5 to 50 times; a member that inflates a thousand
  /// times is a bomb (gzip's own ceiling is about 1,032).
  public static let inflateFloor = 16 << 20
  public static let inflateRatio = 1_000

  /// The text of `path`, read within `limits`; `what` names it in messages ("log", "report").
  public static func read(_ path: String, what: String, limits: Limits) throws(Failure) -> String {
    try decode(try bytes(of: path, what: what, limit: limits.bytes), what: what, limits: limits, path: path)
  }

  /// The text of bytes already read (gunzipped, decoded and checked as `read` does), for a
  /// file whose content wraps another (base64 of gzip).
  public static func decode(_ data: Data, what: String, limits: Limits, path: String) throws(Failure) -> String {
    var plain = data
    if limits.gzip && Gzip.isCompressed(data) {
      do {
        plain = try Gzip.decompress(
          data, limit: limits.bytes, ratio: (floor: inflateFloor, times: inflateRatio))
      } catch {
        guard let bomb = error.bomb else { throw Failure("\(Text.escaped(path)): \(error.description)") }
        throw Failure(
          "\(Text.escaped(path)): gzip that inflates more than \(NumberText.grouped(inflateRatio)) times its size (\(Text.bytes(bomb.read)) gave \(Text.bytes(bomb.inflated)) and more): refused as a gzip bomb"
        )
      }
    }
    let text = try decode(plain, path: path, lossy: limits.lossy)
    if let lineLimit = limits.lineBytes { try checkLines(text, path: path, limit: lineLimit) }
    return text
  }

  /// At most `limit` bytes of `path` (a larger regular file is refused before it is read).
  static func bytes(of path: String, what: String, limit: Int) throws(Failure) -> Data {
    let shown = Text.escaped(path)
    var info = stat()
    guard stat(path, &info) == 0 else {
      let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
      throw Failure("cannot read \(what) \(shown): \(reason)", missing: true)
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      throw Failure("cannot read \(what) \(shown): a folder, not a file", missing: true)
    }
    if (info.st_mode & S_IFMT) == S_IFREG && Int(info.st_size) > limit {
      throw Failure(
        "\(shown): \(what) of \(NumberText.grouped(Int(info.st_size))) bytes is above the limit of \(NumberText.grouped(limit)) bytes (\(Text.bytes(limit)))")
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw Failure("cannot read \(what) \(shown): permission denied", missing: true)
    }
    defer { try? handle.close() }
    let data: Data
    do { data = try handle.read(upToCount: limit + 1) ?? Data() } catch {
      throw Failure("cannot read \(what) \(shown): \((error as NSError).localizedDescription)", missing: true)
    }
    if data.count > limit {
      throw Failure("\(shown): \(what) is above the limit of \(NumberText.grouped(limit)) bytes (\(Text.bytes(limit)))")
    }
    return data
  }

  /// Refuses the first line longer than `limit` bytes, by its number.
  static func checkLines(_ text: String, path: String, limit: Int) throws(Failure) {
    var line = 1
    var length = 0
    for b in text.utf8 {
      if b == 10 {
        line += 1
        length = 0
        continue
      }
      length += 1
      if length > limit {
        throw Failure("\(Text.escaped(path)):\(line): a line longer than the limit of \(Text.bytes(limit))")
      }
    }
  }
}
