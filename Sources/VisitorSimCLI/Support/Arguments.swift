import Metrics

/// A command's arguments read against its declaration (`CommandSpec`): `--name value`,
/// `--name=value`, `--flag`, repeatable options, `--` ending the options, positionals.
///
/// Every rule is checked once, here: an unknown option (with a suggestion), a missing value, a
/// value that looks like an option (give it with `=`), a value given to a flag, a non-repeatable
/// option given twice, too many positionals.
struct Arguments {
  /// The arguments as given (a live report records its command line).
  let original: [String]
  private let spec: CommandSpec
  private var given: [String: [String]] = [:]
  private var flags: Set<String> = []
  private var rest: [String] = []

  init(parsing items: [String], for spec: CommandSpec) throws(CLIError) {
    self.spec = spec
    original = items
    var i = 0
    while i < items.count {
      let item = items[i]
      i += 1
      if item == "--" {
        rest += items[i...]
        break
      }
      guard Self.looksLikeOption(item) else {
        rest.append(item)
        continue
      }
      let name = item.firstIndex(of: "=").map { String(item[..<$0]) } ?? item
      let inline = item.firstIndex(of: "=").map { String(item[item.index(after: $0)...]) }
      guard let option = spec.option(name) else {
        throw .usage("unknown option \(name) for \(spec.name)\(Self.suggestion(name, among: spec.options.map(\.name)))")
      }
      guard option.takesValue else {
        if inline != nil { throw .usage("\(name) takes no value") }
        flags.insert(name)
        continue
      }
      let value: String
      if let inline {
        value = inline
      } else {
        guard i < items.count else { throw .usage("\(name) needs a value (\(option.value!))") }
        guard !Self.looksLikeOption(items[i]) else {
          throw .usage(
            "\(name) needs a value (\(option.value!)), got the option \(items[i]); write \(name)=\(items[i]) if that is the value"
          )
        }
        value = items[i]
        i += 1
      }
      if !option.repeatable && given[name] != nil { throw .usage("\(name) given more than once") }
      given[name, default: []].append(value)
    }
    if rest.count > spec.maxPositionals {
      throw .usage("unexpected argument \(rest[spec.maxPositionals])")
    }
  }

  /// `--name`, `--name=value`, `-x`; not `-` (stdin) or a negative number.
  static func looksLikeOption(_ s: String) -> Bool {
    guard s.hasPrefix("-"), s.count > 1 else { return false }
    let second = s[s.index(after: s.startIndex)]
    return second == "-" || second.isLetter
  }

  /// " (did you mean --replications?)" when a declared name is close, else a pointer to help.
  static func suggestion(_ name: String, among names: [String]) -> String {
    EditDistance.closest(to: name, among: names).map { " (did you mean \($0)?)" } ?? " (see visitorsim help)"
  }

  private func declared(_ name: String) {
    assert(spec.option(name) != nil, "\(spec.name) reads \(name), which its spec does not declare")
  }

  /// Every value of option `name`, in order.
  func values(_ name: String) throws(CLIError) -> [String] {
    declared(name)
    return given[name] ?? []
  }

  /// The value of a non-repeatable option.
  func value(_ name: String) throws(CLIError) -> String? {
    declared(name)
    return given[name]?.first
  }

  /// Whether flag `name` was given.
  func flag(_ name: String) -> Bool {
    declared(name)
    return flags.contains(name)
  }

  /// The positional arguments (at most the spec's count, checked when parsing).
  func positionals(max: Int) throws(CLIError) -> [String] {
    guard rest.count <= max else { throw .usage("unexpected argument \(rest[max])") }
    return rest
  }
}
