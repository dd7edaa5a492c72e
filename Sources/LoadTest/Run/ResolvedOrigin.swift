import Foundation
import Glibc
import Metrics

/// An origin's resolved address.
public struct ResolvedOrigin: Sendable, Equatable {
  public let target: Target
  let address: [UInt8]
  let family: Int32
  /// How long the name took to resolve (ns), the run's `dns` stage.
  var resolveNanoseconds: Int64 = 0
}
