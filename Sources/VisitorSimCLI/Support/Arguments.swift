/// A small command-line reader: positional arguments, `--flag`, `--name value` and
/// `--name=value`, repeatable options. Unknown options are usage errors.
struct Arguments {
  private var items: [String]
  /// The arguments as given, before any was read (a live report records its command line).
  let original: [String]

  init(_ items: [String]) {
    self.items = items
    original = items
  }

  /// Removes and returns every value of option `name` (repeatable).
  mutating func values(_ name: String) throws(CLIError) -> [String] {
    var found: [String] = []
    var i = 0
    while i < items.count {
      let item = items[i]
      if item == name {
        guard i + 1 < items.count else { throw .usage("\(name) needs a value") }
        found.append(items[i + 1])
        items.removeSubrange(i...(i + 1))
      } else if item.hasPrefix(name + "=") {
        found.append(String(item.dropFirst(name.count + 1)))
        items.remove(at: i)
      } else if item == "--" {
        break
      } else {
        i += 1
      }
    }
    return found
  }

  /// The value of a non-repeatable option.
  mutating func value(_ name: String) throws(CLIError) -> String? {
    let all = try values(name)
    guard all.count <= 1 else { throw .usage("\(name) given more than once") }
    return all.first
  }

  /// Removes a boolean flag; true when it was there.
  mutating func flag(_ name: String) -> Bool {
    guard let i = items.firstIndex(of: name) else { return false }
    items.remove(at: i)
    return true
  }

  /// What is left after the options: positional arguments. Refuses leftover options.
  mutating func positionals(max: Int) throws(CLIError) -> [String] {
    let rest = items.filter { $0 != "--" }
    if let unknown = rest.first(where: { $0.hasPrefix("-") && $0.count > 1 }) {
      throw .usage("unknown option \(unknown) (see visitorsim help)")
    }
    guard rest.count <= max else { throw .usage("unexpected argument \(rest[max])") }
    return rest
  }
}
