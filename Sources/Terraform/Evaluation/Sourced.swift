/// A value and where it came from: `main.tf:12`, `variable memory_mb (default, variables.tf:3)`,
/// `prod.tfvars:2`, `--var memory_mb`, `AWS default`.
public struct Sourced: Sendable, Equatable {
  public var value: HCLValue
  public var source: String

  public init(_ value: HCLValue, _ source: String) {
    self.value = value
    self.source = source
  }
}
