import Foundation
import InputText
import ScenarioModel

/// Reads what `from-terraform` is pointed at into resource views: a directory of `.tf` files
/// (with its local modules, variables from defaults, `terraform.tfvars`, `*.auto.tfvars`,
/// `--var-file` and `--var`), or the JSON of `terraform show -json` for a plan or a state.
enum TerraformSources {
  /// Most instances a `count` may make here (a resume site has a handful).
  static let largestCount = 1_000

  struct Loaded {
    var views: [ResourceView] = []
    var notes: [String] = []
    /// Every module read (the root first), for the reference cycles their evaluation met.
    var modules: [TerraformModule] = []
  }

  typealias Failure = TerraformModule.Failure

  /// The registry modules whose defaults are known (terraform-aws-modules).
  static let registryModules = ["lambda", "apigateway-v2", "dynamodb-table", "cloudfront", "s3-bucket"]

  static func load(path: String, varFiles: [String], vars: [String]) throws(Failure) -> Loaded {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw Failure("\(path): no such file or directory")
    }
    if !isDirectory.boolValue { return try loadJSON(path) }
    guard TerraformModule.hasConfiguration(path) else {
      let stacks = stacksBelow(path)
      if stacks.isEmpty {
        throw Failure("\(path): no .tf files here or below" + (otherTools(path).map { "; this is " + $0 } ?? ""))
      }
      throw Failure(
        "\(path) holds no .tf files itself; it holds \(stacks.count) stack\(stacks.count == 1 ? "" : "s"): \(stacks.joined(separator: ", ")) (give the stacks of one site as PATH PATH...)"
      )
    }
    let root = try TerraformModule(directory: path)
    var loaded = Loaded()
    loaded.modules.append(root)
    // Terraform's order: terraform.tfvars, *.auto.tfvars, then -var-file, then -var.
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    var files = names.filter { $0 == "terraform.tfvars" } + names.filter { $0.hasSuffix(".auto.tfvars") }
    files = files.map { (path as NSString).appendingPathComponent($0) } + varFiles
    for file in files {
      let text: String
      do { text = try TerraformModule.read(file) } catch { throw Failure(error.description) }
      let body: HCLBody
      do { body = try HCLParser.parse(text, file: file) } catch { throw Failure(error.description) }
      for a in body.attributes {
        var v = Evaluator(module: root).evaluate(a.value)
        v.source = "\((file as NSString).lastPathComponent):\(a.position.line)"
        root.setInput(a.name, v)
      }
    }
    for assignment in vars {
      guard let eq = assignment.firstIndex(of: "=") else { throw Failure("--var \"\(assignment)\" is not NAME=VALUE") }
      let name = String(assignment[..<eq])
      let text = String(assignment[assignment.index(after: eq)...])
      // A value is HCL when it reads as an expression (a number, a list), else a string.
      var value = HCLValue.string(text)
      if let body = try? HCLParser.parse("v = \(text)\n", file: "--var"), let a = body.attribute("v") {
        let v = Evaluator(module: root).evaluate(a.value).value
        if !v.isUnknown { value = v }
      }
      root.setInput(name, Sourced(value, "--var \(name)"))
    }
    try collect(root, into: &loaded, depth: 0)
    return loaded
  }

  /// Subdirectories (two levels down) that hold `.tf` files: the stacks of a repository.
  static func stacksBelow(_ path: String, depth: Int = 0) -> [String] {
    // Stacks at any depth (to six levels), never inside one found or in hidden folders
    // (.terraform, .git).
    guard depth < 6 else { return [] }
    var out: [String] = []
    let fm = FileManager.default
    for a in ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted() where !a.hasPrefix(".") {
      let p = (path as NSString).appendingPathComponent(a)
      var isDirectory: ObjCBool = false
      guard fm.fileExists(atPath: p, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
      if TerraformModule.hasConfiguration(p) {
        out.append(p)
      } else {
        out += stacksBelow(p, depth: depth + 1)
      }
    }
    return out
  }

  /// Infrastructure written for a tool that generates Terraform, named when no plain
  /// Terraform is found.
  static func otherTools(_ path: String) -> String? {
    let fm = FileManager.default
    if fm.fileExists(atPath: (path as NSString).appendingPathComponent("terragrunt.hcl")) {
      return "Terragrunt (terragrunt.hcl): run terragrunt render-json or give the module folders it points at"
    }
    if fm.fileExists(atPath: (path as NSString).appendingPathComponent("cdk.json")) {
      return "the AWS CDK (cdk.json): it generates CloudFormation, not Terraform; cdktf synth writes Terraform JSON"
    }
    return nil
  }

  /// The module's resources (expanded over count and for_each when known), its registry module
  /// calls, and its local modules', recursively.
  static func collect(_ module: TerraformModule, into loaded: inout Loaded, depth: Int) throws(Failure) {
    guard depth < 10 else { throw Failure("\(module.directory): modules nested more than 10 deep") }
    for call in module.calls {
      let parent = Evaluator(module: module)
      if call.source.hasPrefix("./") || call.source.hasPrefix("../") {
        let dir = ((module.directory as NSString).appendingPathComponent(call.source) as NSString).standardizingPath
        guard TerraformModule.hasConfiguration(dir) else {
          loaded.notes.append("module.\(call.name): \(call.source) holds no .tf files (skipped)")
          continue
        }
        let child = try TerraformModule(directory: dir, addressPrefix: module.addressPrefix + "module.\(call.name).")
        loaded.modules.append(child)
        for a in call.body.attributes
        where !["source", "version", "providers", "count", "for_each", "depends_on"].contains(a.name) {
          child.setInput(a.name, parent.evaluate(a.value))
        }
        module.attach(child, as: call.name)
        try collect(child, into: &loaded, depth: depth + 1)
      } else if let kind = registryKind(call.source) {
        loaded.views.append(
          view(
            call.body, parent, type: "module:\(kind)", address: module.addressPrefix + "module.\(call.name)",
            location: TerraformModule.short(call.position)))
      } else {
        // What it would have set, as far as its inputs tell: a module that takes memory_size
        // is a function's; read_capacity, a table's; price_class, a distribution's.
        let inputs = Set(call.body.attributes.map(\.name))
        let roles: [(String, [String])] = [
          ("lambda.*", ["memory_size", "timeout", "runtime", "architectures", "reserved_concurrent_executions"]),
          ("dynamodb.*", ["billing_mode", "read_capacity", "write_capacity", "hash_key"]),
          ("cdn.*", ["price_class", "default_cache_behavior", "default_root_object", "origin"]),
          ("apiGateway.*", ["protocol_type", "routes", "stage_default_route_settings", "integrations"]),
        ]
        let would = roles.filter { !inputs.isDisjoint(with: $0.1) }.map {
          "\($0.0) (its inputs \($0.1.filter(inputs.contains).joined(separator: ", ")))"
        }
        let where_ = call.source.hasPrefix("git::") || call.source.contains("github.com") ? "a git source, not on disk" : "not on disk here"
        loaded.notes.append(
          "module.\(call.name): source \"\(call.source)\" is \(where_) and not a known registry module (\(registryModules.joined(separator: ", "))): not read"
            + (would.isEmpty ? "" : "; it would have set \(would.joined(separator: "; ")), kept from the base")
        )
      }
    }
    for r in module.resources {
      let address = module.addressPrefix + (r.mode == "data" ? "data." : "") + "\(r.type).\(r.name)"
      let location = TerraformModule.short(r.position)
      let base = Evaluator(module: module)
      if let count = r.body.attribute("count") {
        let n = base.evaluate(count.value).value
        if let k = n.number, !(k.isFinite && k >= 0 && k <= Double(Self.largestCount) && k == k.rounded()) {
          loaded.notes.append(
            "\(address): count = \(k) (\(location)) is not a whole number from 0 to \(Self.largestCount): read as one instance"
          )
          loaded.views.append(view(r.body, base, type: r.type, address: address, location: location))
          continue
        } else if let k = n.number {
          if k == 0 { loaded.notes.append("\(address): count = 0 (\(location)), so it is not created") }
          for i in 0..<max(0, Int(k)) {
            loaded.views.append(
              view(
                r.body, Evaluator(module: module, countIndex: i), type: r.type, address: "\(address)[\(i)]",
                location: location))
          }
          continue
        }
      }
      if let forEach = r.body.attribute("for_each") {
        let items = base.evaluate(forEach.value).value
        var pairs: [(key: HCLValue, value: HCLValue)] = []
        switch items {
        case .object(let members): pairs = members.map { (.string($0.key), $0.value) }
        case .list(let values): pairs = values.map { ($0, $0) }
        default: break
        }
        if !items.isUnknown {
          for p in pairs {
            loaded.views.append(
              view(
                r.body, Evaluator(module: module, each: p), type: r.type,
                address: "\(address)[\(p.key.string.map { "\"\($0)\"" } ?? "?")]", location: location))
          }
          continue
        }
      }
      loaded.views.append(view(r.body, base, type: r.type, address: address, location: location))
    }
  }

  /// `terraform-aws-modules/lambda/aws` (and `//subpath`, `git::` and registry host forms):
  /// the kind, when its defaults are known.
  static func registryKind(_ source: String) -> String? {
    guard let range = source.range(of: "terraform-aws-modules/") else { return nil }
    var rest = source[range.upperBound...]
    if rest.hasPrefix("terraform-aws-") { rest = rest.dropFirst("terraform-aws-".count) }
    let kind = String(rest.prefix { $0 != "/" && $0 != "." && $0 != "?" })
    return registryModules.contains(kind) ? kind : nil
  }

  static func view(_ body: HCLBody, _ ev: Evaluator, type: String, address: String, location: String) -> ResourceView {
    ResourceView(
      type: type, address: address, location: location,
      get: { name in
        guard let a = body.attribute(name) else { return nil }
        let v = ev.evaluate(a.value)
        return v.value == .null ? nil : v
      },
      blocks: { name in
        body.blocks(name).map {
          view($0.body, ev, type: name, address: "\(address).\(name)", location: TerraformModule.short($0.position))
        }
      },
      references: { name in body.attribute(name)?.value.references ?? [] })
  }

  // MARK: terraform show -json

  static func loadJSON(_ path: String) throws(Failure) -> Loaded {
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch { throw Failure("\(path): cannot read") }
    let document: JSONValue
    do { document = try JSONParser.parse(text) } catch {
      throw Failure(
        "\(path):\(error.line):\(error.column): \(error.message) (expected .tf files or the JSON of terraform show -json)"
      )
    }
    let root = document["planned_values"]?["root_module"] ?? document["values"]?["root_module"]
    guard let root else {
      throw Failure(
        "\(path): neither planned_values nor values: not the JSON of terraform show -json for a plan or a state")
    }
    // A plan's configuration names each attribute's references.
    var references: [String: [String: [String]]] = [:]
    func configuration(_ module: JSONValue?, prefix: String) {
      guard let module else { return }
      if case .array(let resources)? = module["resources"] {
        for r in resources {
          guard case .string(let address)? = r["address"], case .object(let expressions)? = r["expressions"] else {
            continue
          }
          for e in expressions {
            if case .array(let refs)? = e.value["references"] {
              references[prefix + address, default: [:]][e.key] = refs.compactMap {
                if case .string(let s) = $0 { s } else { nil }
              }
            }
          }
        }
      }
      if case .object(let calls)? = module["module_calls"] {
        for c in calls { configuration(c.value["module"], prefix: prefix + "module.\(c.key).") }
      }
    }
    configuration(document["configuration"]?["root_module"], prefix: "")
    var loaded = Loaded()
    func walk(_ module: JSONValue) {
      if case .array(let resources)? = module["resources"] {
        for r in resources {
          guard case .string(let address)? = r["address"], case .string(let type)? = r["type"],
            case .string(let mode)? = r["mode"], mode == "managed" || mode == "data"
          else { continue }
          let values = hcl(r["values"] ?? .null)
          // Configuration addresses carry no instance keys.
          let bare = address.replacingOccurrences(of: #"\[[^\]]*\]"#, with: "", options: .regularExpression)
          loaded.views.append(
            jsonView(
              values, type: type, address: address, location: "\((path as NSString).lastPathComponent) \(address)",
              refs: references[bare] ?? [:]))
        }
      }
      if case .array(let children)? = module["child_modules"] { children.forEach(walk) }
    }
    walk(root)
    return loaded
  }

  static func jsonView(_ values: HCLValue, type: String, address: String, location: String, refs: [String: [String]])
    -> ResourceView
  {
    ResourceView(
      type: type, address: address, location: location,
      get: { name in
        guard let v = values[name], v != .null else { return nil }
        return Sourced(v, location)
      },
      blocks: { name in
        guard case .list(let items)? = values[name] else { return [] }
        return items.map { jsonView($0, type: name, address: "\(address).\(name)", location: location, refs: [:]) }
      },
      references: { name in
        if let r = refs[name] { return r }
        // A state has no configuration: link by the value itself (an ARN names its function).
        return values[name]?.string.map { [$0] } ?? []
      })
  }

  static func hcl(_ v: JSONValue) -> HCLValue {
    switch v {
    case .null: .null
    case .bool(let b): .bool(b)
    case .number(let x, _): .number(x)
    case .string(let s): .string(s)
    case .array(let items): .list(items.map(hcl))
    case .object(let members): .object(members.map { ($0.key, hcl($0.value)) })
    }
  }
}
