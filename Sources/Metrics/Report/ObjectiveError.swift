/// An objective that cannot be read.
public struct ObjectiveError: Error, Sendable, Equatable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
