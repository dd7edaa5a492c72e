/// One command-line option, declared once: parsing, help and completion all come from it.
struct OptionSpec: Sendable, Equatable {
  /// `--name`.
  var name: String
  /// What the value looks like in help (`N`, `PATH=VALUE`); nil for a flag that takes none.
  var value: String?
  /// One line of help (more lines are indented under it).
  var help: String
  /// The default, as help shows it; nil when there is none worth showing.
  var defaultValue: String?
  /// Whether the option may be given more than once (each value is kept).
  var repeatable: Bool

  static func option(
    _ name: String, _ value: String, _ help: String, default defaultValue: String? = nil, repeatable: Bool = false
  ) -> OptionSpec {
    OptionSpec(name: name, value: value, help: help, defaultValue: defaultValue, repeatable: repeatable)
  }

  static func flag(_ name: String, _ help: String) -> OptionSpec {
    OptionSpec(name: name, value: nil, help: help, defaultValue: nil, repeatable: false)
  }

  var takesValue: Bool { value != nil }
}
