/// Where something is written: `file:line:column`.
public struct HCLPosition: Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public var description: String { "\(file):\(line):\(column)" }
}

/// An expression of HCL's native syntax, with where it starts.
public indirect enum HCLExpression: Sendable {
  public enum Step: Sendable {
    case attribute(String)
    case index(HCLExpression)
    /// `[*]` or `.*`: a splat, which this reader does not evaluate.
    case splat
  }

  public enum TemplatePart: Sendable {
    case text(String)
    case interpolation(HCLExpression)
    /// `%{ if }`, `%{ for }`: not evaluated.
    case directive
  }

  case literal(HCLValue, HCLPosition)
  case template([TemplatePart], HCLPosition)
  case tuple([HCLExpression], HCLPosition)
  case object([(key: HCLExpression, value: HCLExpression)], HCLPosition)
  /// `var.memory`, `aws_lambda_function.counter.arn`, `each.value`, `local.x[0]`.
  case variable(String, HCLPosition)
  case traversal(HCLExpression, [Step], HCLPosition)
  case call(String, [HCLExpression], HCLPosition)
  case unary(String, HCLExpression, HCLPosition)
  case binary(String, HCLExpression, HCLExpression, HCLPosition)
  case conditional(HCLExpression, HCLExpression, HCLExpression, HCLPosition)
  /// `[for v in C : V if COND]` and `{for k, v in C : K => V if COND}` (`...` groups).
  case forExpression(ForClause, HCLPosition)

  public var position: HCLPosition {
    switch self {
    case .literal(_, let p), .template(_, let p), .tuple(_, let p), .object(_, let p), .variable(_, let p),
      .traversal(_, _, let p), .call(_, _, let p), .unary(_, _, let p), .binary(_, _, _, let p),
      .conditional(_, _, _, let p), .forExpression(_, let p):
      p
    }
  }

  /// The dotted root of every reference inside (`aws_lambda_function.counter`,
  /// `module.api`, `var.memory`, `data.aws_cloudfront_cache_policy.optimized`).
  public var references: [String] {
    var out: [String] = []
    func walk(_ e: HCLExpression) {
      switch e {
      case .literal: break
      case .forExpression(let f, _):
        walk(f.collection)
        walk(f.value)
        if let k = f.key { walk(k) }
        if let c = f.condition { walk(c) }
      case .variable(let name, _): out.append(name)
      case .traversal(let base, let steps, _):
        if case .variable(let root, _) = base, case .attribute(let a)? = steps.first {
          // A data source is three names deep: data.TYPE.NAME.
          if root == "data", steps.count > 1, case .attribute(let b) = steps[1] {
            out.append("data.\(a).\(b)")
          } else {
            out.append("\(root).\(a)")
          }
        } else {
          walk(base)
        }
        for case .index(let i) in steps { walk(i) }
      case .template(let parts, _):
        for case .interpolation(let x) in parts { walk(x) }
      case .tuple(let items, _): items.forEach(walk)
      case .object(let items, _):
        for i in items {
          walk(i.key)
          walk(i.value)
        }
      case .call(_, let args, _): args.forEach(walk)
      case .unary(_, let x, _): walk(x)
      case .binary(_, let a, let b, _):
        walk(a)
        walk(b)
      case .conditional(let c, let a, let b, _):
        walk(c)
        walk(a)
        walk(b)
      }
    }
    walk(self)
    return out
  }
}

/// A body: attributes and nested blocks, as written.
/// The parts of a for expression.
public struct ForClause: Sendable {
  /// The first name of `for k, v in`: the index or key; nil with one name.
  public var keyName: String?
  public var valueName: String
  public var collection: HCLExpression
  /// The key expression of the object form (`K => V`); nil for a tuple.
  public var key: HCLExpression?
  public var value: HCLExpression
  public var condition: HCLExpression?
  /// `V...`: values of equal keys grouped into lists.
  public var grouping: Bool
}

public struct HCLBody: Sendable {
  public struct Attribute: Sendable {
    public var name: String
    public var value: HCLExpression
    public var position: HCLPosition
  }

  public var attributes: [Attribute] = []
  public var blocks: [HCLBlock] = []

  public func attribute(_ name: String) -> Attribute? { attributes.last { $0.name == name } }
  public func blocks(_ type: String) -> [HCLBlock] { blocks.filter { $0.type == type } }
}

/// `resource "aws_lambda_function" "counter" { ... }`.
public struct HCLBlock: Sendable {
  public var type: String
  public var labels: [String]
  public var body: HCLBody
  public var position: HCLPosition
}
