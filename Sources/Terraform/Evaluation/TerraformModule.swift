import Foundation
import InputText

/// One Terraform module: the `.tf` files of a directory, read, with the values of its input
/// variables (from the caller's inputs, `.tfvars` files, `--var` and the defaults) and its
/// locals, resources, data sources and module calls.
public final class TerraformModule: @unchecked Sendable {
  // @unchecked: built once on one thread, then only read; `localCache` is filled lazily by
  // the single thread doing the import.
  public struct Resource: Sendable {
    public var mode: String  // "resource" or "data"
    public var type: String
    public var name: String
    public var body: HCLBody
    public var position: HCLPosition
  }

  public struct Call: Sendable {
    public var name: String
    public var source: String
    public var body: HCLBody
    public var position: HCLPosition
  }

  public let directory: String
  /// `module.api.` for a module called `api` from the root; "" for the root.
  public let addressPrefix: String
  public private(set) var resources: [Resource] = []
  public private(set) var calls: [Call] = []
  var variables: [String: HCLBlock] = [:]
  var inputs: [String: Sourced] = [:]
  var locals: [String: HCLBody.Attribute] = [:]
  var outputs: [String: HCLBody.Attribute] = [:]
  var localCache: [String: Sourced] = [:]
  /// Variables and resource attributes being evaluated: meeting one again is a cycle.
  var inProgress: [String] = []
  /// The reference cycles met, each as `a -> b -> a` with where it was met.
  public private(set) var cycles: [String] = []

  /// Starts evaluating `key`; false (and the cycle recorded) when it is already being evaluated.
  func enter(_ key: String, at place: String) -> Bool {
    if let k = inProgress.firstIndex(of: key) {
      let cycle = (inProgress[k...] + [key]).joined(separator: " -> ")
      if !cycles.contains(where: { $0.hasPrefix(cycle) }) { cycles.append("\(cycle) (\(place))") }
      return false
    }
    inProgress.append(key)
    return true
  }

  func leave(_ key: String) {
    if let k = inProgress.lastIndex(of: key) { inProgress.remove(at: k) }
  }
  /// The module that called this one, whose context its input expressions were evaluated in.
  public private(set) var children: [String: TerraformModule] = [:]

  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
  }

  /// Largest `.tf`, `.tfvars` or `file()` file read, and longest line (Terraform sets none;
  /// real files are kilobytes).
  static let fileLimits = TextFile.Limits(bytes: 10 << 20, lineBytes: 1 << 20)

  /// The text of one Terraform file, within `fileLimits`.
  static func read(_ path: String) throws(TextFile.Failure) -> String {
    try TextFile.read(path, what: "Terraform file", limits: fileLimits)
  }

  /// Reads every `.tf` file of `directory` (not its subdirectories).
  public init(directory: String, addressPrefix: String = "") throws(Failure) {
    // Absolute, so that path.module and file paths built from it work from anywhere.
    let absolute =
      directory.hasPrefix("/")
      ? directory : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(directory)
    self.directory = (absolute as NSString).standardizingPath
    self.addressPrefix = addressPrefix
    let names: [String]
    do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
      throw Failure("\(directory): cannot list the directory")
    }
    let tfFiles = names.filter { $0.hasSuffix(".tf") }.sorted()
    for name in tfFiles {
      let path = (self.directory as NSString).appendingPathComponent(name)
      let text: String
      do { text = try TerraformModule.read(path) } catch { throw Failure(error.description) }
      let body: HCLBody
      do { body = try HCLParser.parse(text, file: path) } catch { throw Failure(error.description) }
      for block in body.blocks {
        switch (block.type, block.labels.count) {
        case ("resource", 2), ("data", 2):
          resources.append(
            Resource(
              mode: block.type, type: block.labels[0], name: block.labels[1], body: block.body,
              position: block.position))
        case ("variable", 1):
          variables[block.labels[0]] = block
        case ("locals", _):
          for a in block.body.attributes { locals[a.name] = a }
        case ("output", 1):
          if let v = block.body.attribute("value") { outputs[block.labels[0]] = v }
        case ("module", 1):
          let source = block.body.attribute("source").flatMap { a -> String? in
            if case .template(let parts, _) = a.value, case .text(let t)? = parts.first, parts.count == 1 { return t }
            return nil
          }
          calls.append(Call(name: block.labels[0], source: source ?? "", body: block.body, position: block.position))
        default:
          break
        }
      }
    }
  }

  /// Whether the directory holds `.tf` files.
  public static func hasConfiguration(_ directory: String) -> Bool {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).contains { $0.hasSuffix(".tf") }
  }

  /// Sets input variables: caller inputs, tfvars files and `--var`s, later ones winning.
  public func setInput(_ name: String, _ value: Sourced) { inputs[name] = value }

  /// The value of `var.name`: an input, else the variable's default, else unknown.
  func variable(_ name: String) -> Sourced {
    if let v = inputs[name] { return v }
    guard let block = variables[name] else {
      return Sourced(.unknown("no variable \(name) is declared"), "var.\(name)")
    }
    guard let d = block.body.attribute("default") else {
      return Sourced(
        .unknown("variable \(name) has no default and no value was given (--var or --var-file)"), "var.\(name)")
    }
    guard enter("var.\(name)", at: Self.short(block.position)) else {
      return Sourced(.unknown("a reference cycle through var.\(name)"), "var.\(name)")
    }
    let v = Evaluator(module: self).evaluate(d.value)
    leave("var.\(name)")
    return Sourced(v.value, "variable \(name) (default, \(Self.short(block.position)))")
  }

  /// The value of `local.name`.
  func local(_ name: String) -> Sourced {
    if let v = localCache[name] { return v }
    guard let a = locals[name] else { return Sourced(.unknown("no local \(name)"), "local.\(name)") }
    guard enter("local.\(name)", at: Self.short(a.position)) else {
      return Sourced(.unknown("a reference cycle through local.\(name)"), "local.\(name)")
    }
    var v = Evaluator(module: self).evaluate(a.value)
    if !v.source.hasPrefix("variable ") && !v.source.hasPrefix("--var") && !v.source.contains(".tfvars") {
      v.source = "local \(name) (\(Self.short(a.position)))"
    }
    leave("local.\(name)")
    localCache[name] = v
    return v
  }

  /// A called module's output, when the called module was read (a local module).
  func output(module: String, name: String) -> Sourced {
    guard let child = children[module], let o = child.outputs[name] else {
      return Sourced(.unknown("module.\(module).\(name) is not known here"), "module.\(module)")
    }
    return Evaluator(module: child).evaluate(o.value)
  }

  func attach(_ child: TerraformModule, as name: String) { children[name] = child }

  /// `dir/main.tf:12`, with the file's name only.
  /// `backend/main.tf:38`: the file with its folder, so that stacks read together (each with
  /// a main.tf) are told apart.
  static func short(_ p: HCLPosition) -> String {
    let file = p.file as NSString
    let folder = (file.deletingLastPathComponent as NSString).lastPathComponent
    return (folder.isEmpty || folder == "/" ? "" : folder + "/") + "\(file.lastPathComponent):\(p.line)"
  }
}
