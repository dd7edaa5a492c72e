import Foundation

/// Evaluates expressions in one module, with `each` and `count` when a resource has them.
/// What cannot be known without a cloud (resource attributes set by AWS, data sources) is
/// `.unknown` with the reason; functions run when all their arguments are known.
struct Evaluator {
  let module: TerraformModule
  var each: (key: HCLValue, value: HCLValue)?
  var countIndex: Int?
  /// The names a for expression binds, innermost last.
  var scope: [String: HCLValue] = [:]

  init(module: TerraformModule, each: (key: HCLValue, value: HCLValue)? = nil, countIndex: Int? = nil) {
    self.module = module
    self.each = each
    self.countIndex = countIndex
  }

  func evaluate(_ e: HCLExpression) -> Sourced {
    let here = TerraformModule.short(e.position)
    switch e {
    case .literal(let v, _):
      return Sourced(v, here)
    case .variable(let name, _):
      if let v = scope[name] { return Sourced(v, here) }
      return Sourced(.unknown("\(name) alone is not a value"), here)
    case .traversal(let base, let steps, _):
      return traverse(base, steps, here)
    case .template(let parts, _):
      // A string that is one interpolation is its value, of its type, with its source ("${5}"
      // is the number 5); evaluated once (twice per level was exponential in the nesting).
      if parts.count == 1, case .interpolation(let x) = parts[0] { return evaluate(x) }
      var out = ""
      for part in parts {
        switch part {
        case .text(let t): out += t
        case .directive: return Sourced(.unknown("a template directive"), here)
        case .interpolation(let x):
          let v = evaluate(x)
          guard let s = v.value.string else {
            return Sourced(v.value.isUnknown ? v.value : .unknown("\(v.value.brief) in a string"), v.source)
          }
          out += s
        }
      }
      return Sourced(.string(out), here)
    case .tuple(let items, _):
      return Sourced(.list(items.map { evaluate($0).value }), here)
    case .object(let items, _):
      var members: [(key: String, value: HCLValue)] = []
      for item in items {
        let key: String
        if case .variable(let name, _) = item.key {
          key = name
        } else if let k = evaluate(item.key).value.string {
          key = k
        } else {
          return Sourced(.unknown("an object key that is not known"), here)
        }
        members.append((key, evaluate(item.value).value))
      }
      return Sourced(.object(members), here)
    case .call(let name, let args, _):
      return Sourced(Functions.call(name, args, self), here)
    case .unary(let op, let x, _):
      let v = evaluate(x)
      switch (op, v.value) {
      case ("-", let value) where value.number != nil: return Sourced(.number(-value.number!), here)
      case ("!", .bool(let b)): return Sourced(.bool(!b), here)
      default: return Sourced(v.value.isUnknown ? v.value : .unknown("\(op) of \(v.value.brief)"), here)
      }
    case .binary(let op, let a, let b, _):
      return Sourced(binary(op, evaluate(a).value, evaluate(b).value), here)
    case .conditional(let c, let t, let f, _):
      let condition = evaluate(c).value
      guard let choice = condition.bool else {
        return Sourced(condition.isUnknown ? condition : .unknown("a condition that is not a boolean"), here)
      }
      return evaluate(choice ? t : f)
    case .forExpression(let f, _):
      return forExpression(f, here)
    }
  }

  func binary(_ op: String, _ a: HCLValue, _ b: HCLValue) -> HCLValue {
    if a.isUnknown { return a }
    if b.isUnknown { return b }
    switch op {
    case "==": return .bool(a == b || (a.number != nil && a.number == b.number))
    case "!=": return .bool(!(a == b || (a.number != nil && a.number == b.number)))
    case "&&", "||":
      guard let x = a.bool, let y = b.bool else { return .unknown("\(op) of values that are not booleans") }
      return .bool(op == "&&" ? x && y : x || y)
    default:
      guard let x = a.number, let y = b.number else { return .unknown("\(op) of values that are not numbers") }
      switch op {
      case "+": return .number(x + y)
      case "-": return .number(x - y)
      case "*": return .number(x * y)
      case "/": return y == 0 ? .unknown("division by zero") : .number(x / y)
      case "%": return y == 0 ? .unknown("division by zero") : .number(x.truncatingRemainder(dividingBy: y))
      case "<": return .bool(x < y)
      case ">": return .bool(x > y)
      case "<=": return .bool(x <= y)
      case ">=": return .bool(x >= y)
      default: return .unknown("operator \(op)")
      }
    }
  }

  /// Largest collection a for expression walks (a site's are a handful of items).
  static let largestFor = 10_000

  func forExpression(_ f: ForClause, _ here: String) -> Sourced {
    let c = evaluate(f.collection)
    if c.value.isUnknown { return c }
    let pairs: [(key: HCLValue, value: HCLValue)]
    switch c.value {
    case .list(let items): pairs = items.enumerated().map { (.number(Double($0.offset)), $0.element) }
    case .object(let members): pairs = members.map { (.string($0.key), $0.value) }
    default: return Sourced(.unknown("a for expression over \(c.value.brief)"), here)
    }
    guard pairs.count <= Self.largestFor else {
      return Sourced(.unknown("a for expression over \(pairs.count) items"), here)
    }
    var items: [HCLValue] = []
    var members: [(key: String, value: HCLValue)] = []
    for p in pairs {
      var inner = self
      inner.scope[f.valueName] = p.value
      if let k = f.keyName { inner.scope[k] = p.key }
      if let condition = f.condition {
        let keep = inner.evaluate(condition).value
        guard case .bool(let b) = keep else {
          return Sourced(keep.isUnknown ? keep : .unknown("a for expression's if is \(keep.brief)"), here)
        }
        if !b { continue }
      }
      let v = inner.evaluate(f.value).value
      if let keyExpression = f.key {
        guard let k = inner.evaluate(keyExpression).value.string else {
          return Sourced(.unknown("a for expression's key is not a string"), here)
        }
        if f.grouping {
          if let at = members.firstIndex(where: { $0.key == k }), case .list(let l) = members[at].value {
            members[at].value = .list(l + [v])
          } else {
            members.append((k, .list([v])))
          }
        } else {
          members.removeAll { $0.key == k }
          members.append((k, v))
        }
      } else {
        items.append(v)
      }
    }
    return Sourced(f.key == nil ? .list(items) : .object(members), here)
  }

  func traverse(_ base: HCLExpression, _ steps: [HCLExpression.Step], _ here: String) -> Sourced {
    var current: Sourced
    var rest = steps[...]
    if case .variable(let root, _) = base, let bound = scope[root] {
      current = Sourced(bound, here)
    } else if case .variable(let root, _) = base {
      switch root {
      case "var", "local", "each", "count", "path", "module", "data", "terraform":
        guard case .attribute(let name)? = rest.first else { return Sourced(.unknown("\(root) needs a name"), here) }
        rest = rest.dropFirst()
        switch root {
        case "var": current = module.variable(name)
        case "local": current = module.local(name)
        case "each":
          guard let each else { return Sourced(.unknown("each outside for_each"), here) }
          current = Sourced(name == "key" ? each.key : each.value, here)
        case "count":
          guard let countIndex else { return Sourced(.unknown("count.index outside count"), here) }
          current = Sourced(.number(Double(countIndex)), here)
        case "path":
          current = Sourced(
            name == "module" || name == "root" || name == "cwd" ? .string(module.directory) : .unknown("path.\(name)"),
            here)
        case "module":
          guard case .attribute(let output)? = rest.first else {
            return Sourced(.unknown("module.\(name) as a whole"), here)
          }
          rest = rest.dropFirst()
          current = module.output(module: name, name: output)
        case "data":
          current = Sourced(.unknown("data.\(name) is read from the cloud"), here)
        default:
          current = Sourced(.unknown("terraform.\(name)"), here)
        }
      default:
        // A resource: TYPE.NAME.ATTRIBUTE, evaluated from its own configuration when written there.
        guard case .attribute(let name)? = rest.first else { return Sourced(.unknown("\(root) alone"), here) }
        rest = rest.dropFirst()
        guard let r = module.resources.first(where: { $0.mode == "resource" && $0.type == root && $0.name == name })
        else { return Sourced(.unknown("no resource \(root).\(name) here"), here) }
        if case .index? = rest.first { rest = rest.dropFirst() }
        guard case .attribute(let attribute)? = rest.first else {
          return Sourced(.unknown("\(root).\(name) as a whole"), here)
        }
        rest = rest.dropFirst()
        guard let a = r.body.attribute(attribute) else {
          return Sourced(.unknown("\(root).\(name).\(attribute) is known after apply"), here)
        }
        // Two attributes that refer to each other (or one to itself) are a cycle: named, and
        // unknown, never evaluated forever.
        let key = "\(root).\(name).\(attribute)"
        guard module.enter(key, at: here) else { return Sourced(.unknown("a reference cycle through \(key)"), here) }
        current = Evaluator(module: module).evaluate(a.value)
        module.leave(key)
      }
    } else {
      current = evaluate(base)
    }
    for step in rest {
      if current.value.isUnknown { return current }
      switch step {
      case .attribute(let name):
        guard let v = current.value[name] else { return Sourced(.unknown("no attribute \(name)"), current.source) }
        current.value = v
      case .index(let x):
        let key = evaluate(x).value
        switch (current.value, key) {
        case (.list(let items), let k) where k.number != nil:
          let x = k.number!
          guard x.isFinite, x >= 0, x < Double(items.count), x == x.rounded() else {
            return Sourced(.unknown("index \(x) out of range"), current.source)
          }
          current.value = items[Int(x)]
        case (.object, let k) where k.string != nil:
          guard let v = current.value[k.string!] else {
            return Sourced(.unknown("no key \(k.string!)"), current.source)
          }
          current.value = v
        default:
          return Sourced(.unknown("an index that is not known"), current.source)
        }
      case .splat:
        return Sourced(.unknown("a splat expression"), current.source)
      }
    }
    return current
  }
}
