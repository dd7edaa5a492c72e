import Foundation

/// File access for the CLI: the only module that reads user files and writes reports.
enum Files {
  static func readText(_ path: String, what: String) throws(CLIError) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .noInput(
        "cannot read \(what) \(path): \(FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file")"
      )
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .badInput("\(path): not UTF-8 text")
    }
    return text
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

  /// Writes `data` to `path` atomically (a temporary file renamed into place), creating
  /// parent folders.
  static func write(_ data: Data, to path: String) throws(CLIError) {
    let url = URL(fileURLWithPath: path)
    do {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: url, options: .atomic)
    } catch {
      throw .cannotWrite("cannot write \(path): \(error.localizedDescription)")
    }
  }
}
