/// One resource instance (or a registry module call, or a nested block), whichever way it was
/// read: from `.tf` files (attributes evaluated on demand) or from `terraform show -json`.
struct ResourceView {
  /// `aws_lambda_function`, or `module:lambda` for a registry module call.
  var type: String
  /// `aws_lambda_function.counter`, `module.backend.aws_lambda_function.this`, `module.lambda`.
  var address: String
  /// `main.tf:12`, or `plan.json` with the address.
  var location: String
  /// An attribute's value and source; nil when it is not written (or null in a plan).
  var get: (String) -> Sourced?
  /// Nested blocks (or, in a plan, lists of objects) of a name.
  var blocks: (String) -> [ResourceView]
  /// References in an attribute (`aws_lambda_function.counter`), for linking resources.
  var references: (String) -> [String]

  /// A data source (`data.aws_dynamodb_table.x`): a look-up of something defined elsewhere,
  /// never a resource of this stack.
  var isDataSource: Bool { address.hasPrefix("data.") || address.contains(".data.") }

  /// A number attribute.
  func number(_ name: String) -> (Double, String)? {
    guard let v = get(name), let x = v.value.number else { return nil }
    return (x, v.source)
  }

  func string(_ name: String) -> (String, String)? {
    guard let v = get(name), let s = v.value.string else { return nil }
    return (s, v.source)
  }

  /// Whether any attribute or nested attribute among `names` refers to `address`.
  func refers(to address: String, in names: [String]) -> Bool {
    names.contains { name in references(name).contains { $0 == address || $0.hasPrefix(address + ".") } }
  }

  /// Every reference in every written attribute of the given names and their nested blocks.
  func allReferences(_ names: [String], blocks nested: [String] = []) -> [String] {
    names.flatMap(references) + nested.flatMap { b in blocks(b).flatMap { $0.allReferences(names) } }
  }
}
