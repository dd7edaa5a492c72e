import Foundation
import InputText

/// Log files as given on the command line: a file or a directory of them (walked in name
/// order, hidden files skipped), each read whole through `TextFile`: gunzipped when it starts
/// with gzip's magic number, whatever its name (a bomb refused), UTF-8 or UTF-16, bounded in
/// size and line length.
public enum LogSource {
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
  }

  /// Largest log file read (decompressed).
  public static let byteLimit = 4 << 30
  /// Longest line: CloudWatch Logs events are at most 1 MB; a JSON document printed on one
  /// line (filter-log-events, Logs Insights) may be longer, so the limit is well above.
  public static let lineLimit = 64 << 20

  /// The files at `path`: itself, or every regular file below it.
  public static func files(at path: String) throws(Failure) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw Failure(description: "\(path): no such file or directory")
    }
    guard isDirectory.boolValue else { return [path] }
    guard let walker = FileManager.default.enumerator(atPath: path) else {
      throw Failure(description: "\(path): cannot list the directory")
    }
    var found: [String] = []
    while let name = walker.nextObject() as? String {
      if name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
      let full = (path as NSString).appendingPathComponent(name)
      var dir: ObjCBool = false
      if FileManager.default.fileExists(atPath: full, isDirectory: &dir), !dir.boolValue { found.append(full) }
    }
    guard !found.isEmpty else { throw Failure(description: "\(path): the directory holds no file") }
    return found.sorted()
  }

  /// The text of one file, decompressed when it is gzip; bytes that are not UTF-8 become
  /// U+FFFD (their lines are unparsable, counted, never fatal).
  ///
  /// A file that is base64 of gzip (a subscription record's `data`, as Kinesis holds it) is
  /// decoded and gunzipped.
  public static func text(of file: String) throws(Failure) -> String {
    let limits = TextFile.Limits(bytes: byteLimit, lineBytes: lineLimit, gzip: true, lossy: true)
    let text: String
    do { text = try TextFile.read(file, what: "log", limits: limits) } catch {
      throw Failure(description: error.description)
    }
    guard let inner = base64Gzip(text) else { return text }
    do { return try TextFile.decode(inner, what: "log", limits: limits, path: file) } catch {
      throw Failure(description: error.description)
    }
  }

  /// The bytes of `text` when it is base64 (one record per line allowed) of gzip data.
  static func base64Gzip(_ text: String) -> Data? {
    // "H4sI" is base64 of gzip's magic number and method: only such text is tried (looked at
    // by its first bytes: a log of gigabytes is not trimmed to find out).
    let start = text.utf8.drop { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }
    guard start.starts(with: "H4sI".utf8) else { return nil }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    var out = Data()
    for line in trimmed.split(whereSeparator: \.isNewline) {
      guard let data = Data(base64Encoded: String(line)) else { return nil }
      out.append(data)
    }
    return out
  }
}
