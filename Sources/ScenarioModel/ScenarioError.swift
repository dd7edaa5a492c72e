/// A scenario that cannot be run: names the JSON path and the bad value in one line.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Dotted JSON path (`lambda.memoryMB`, `page.assets[2].bytes`), or "" for the whole document.
  public var path: String
  public var message: String

  public init(_ path: String, _ message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
