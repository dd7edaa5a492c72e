import Decompression
import Foundation

/// Log files as given on the command line: a file or a directory of them (walked in name
/// order, hidden files skipped), each read whole and gunzipped when it starts with gzip's
/// magic number, whatever its name.
public enum LogSource {
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
  }

  /// Largest log file read (decompressed).
  public static let byteLimit = 4 << 30

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

  /// The text of one file, decompressed when it is gzip.
  public static func text(of file: String) throws(Failure) -> String {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
      throw Failure(description: "\(file): cannot read (\((error as NSError).localizedDescription))")
    }
    guard Gzip.isCompressed(data) else { return String(decoding: data, as: UTF8.self) }
    do {
      return String(decoding: try Gzip.decompress(data, limit: byteLimit), as: UTF8.self)
    } catch {
      throw Failure(description: "\(file): \(error.description)")
    }
  }
}
