/// Why a live run could not start: one line for the user.
public enum LiveError: Error, Equatable, CustomStringConvertible {
  /// A bad option value (exit 64).
  case usage(String)
  /// Refused for safety: a non-loopback target above the small rate without --yes (exit 64).
  case unsafe(String)
  /// The run could not start (name resolution, TLS setup) (exit 1).
  case failure(String)

  public var description: String {
    switch self {
    case .usage(let m), .unsafe(let m), .failure(let m): m
    }
  }
}
