import SimKernel

/// One scenario field, declared once: where it lives in the JSON, what type and range it takes,
/// its unit, what it means and where its default comes from. The decoder, range checks,
/// `--set` path checking, `visitorsim schema` and the README's field table all read this.
public struct ScenarioField: Sendable {
  /// Bounds of a number: `min` (exclusive when `exclusiveMin`) and `max`, both optional.
  public struct Bounds: Sendable {
    public var min: Double?
    public var max: Double?
    public var exclusiveMin: Bool

    public init(min: Double? = nil, max: Double? = nil, exclusiveMin: Bool = false) {
      self.min = min
      self.max = max
      self.exclusiveMin = exclusiveMin
    }
  }

  /// One of a fixed set of strings (with accepted aliases, such as Terraform's spellings).
  public struct Choice: Sendable {
    public var options: [String]
    public var aliases: [String: String]
    let read: @Sendable (inout ObjectReader, String, inout Scenario) throws(ScenarioError) -> Void
    let current: @Sendable (Scenario) -> String
  }

  /// A field with a shape of its own (arrays of objects, alternatives, maps): it reads its
  /// key(s) from the enclosing object and gives their JSON Schema.
  public struct Custom: Sendable {
    /// JSON Schema of each key it reads, in order.
    public var properties: [(key: String, schema: String)]
    let read: @Sendable (inout ObjectReader, inout Scenario) throws(ScenarioError) -> Void
  }

  public enum Kind: Sendable {
    case number(WritableKeyPath<Scenario, Double> & Sendable, Bounds)
    case optionalNumber(WritableKeyPath<Scenario, Double?> & Sendable, Bounds)
    case integer(WritableKeyPath<Scenario, Int> & Sendable, Bounds)
    case optionalInteger(WritableKeyPath<Scenario, Int?> & Sendable, Bounds)
    case bool(WritableKeyPath<Scenario, Bool> & Sendable)
    case string(WritableKeyPath<Scenario, String> & Sendable)
    /// Seconds, or text such as "500ms", "10m", "24h", "30d".
    case duration(WritableKeyPath<Scenario, Double> & Sendable, Bounds)
    /// A latency distribution in the unit of the field's name.
    case distribution(WritableKeyPath<Scenario, Distribution> & Sendable)
    case choice(Choice)
    case custom(Custom)
  }

  /// Dotted JSON path: `lambda.memoryMB`.
  public var path: String
  public var kind: Kind
  /// Unit of the value (`ms`, `s`, `MB`, `bytes`, ...), "" for none.
  public var unit: String
  /// What the field means, one sentence.
  public var description: String
  /// Where the default comes from: a citation, or "guess".
  public var source: String
  /// The default as the README shows it (`lognormal 3 / p99 15`).
  public var defaultText: String

  /// The object holding the field (`lambda`), "" for the top level.
  public var section: String {
    path.lastIndex(of: ".").map { String(path[..<$0]) } ?? ""
  }

  /// The field's key in its object (`memoryMB`).
  public var key: String {
    path.lastIndex(of: ".").map { String(path[path.index(after: $0)...]) } ?? path
  }

  /// Every key a field reads in its object (a custom field may read several).
  public var keys: [String] {
    if case .custom(let c) = kind { return c.properties.map(\.key) }
    return [key]
  }

  /// The dotted path of each of `keys` (`workload.arrivals.visitsPerDay`).
  public var jsonPaths: [String] { keys.map { section.isEmpty ? $0 : "\(section).\($0)" } }

  /// One level of the scenario's objects, in table order: a field of the object at
  /// `section`, or a subsection (where its first field comes) with every field inside it.
  enum Entry {
    case field(ScenarioField)
    case section(key: String, path: String, fields: [ScenarioField])
  }

  /// The entries of the object at `section` among `fields`: the one walk the reader and the
  /// schema both follow.
  static func entries(in section: String, of fields: [ScenarioField]) -> [Entry] {
    var entries: [Entry] = []
    var opened = Set<String>()
    for f in fields {
      if f.section == section {
        entries.append(.field(f))
        continue
      }
      let below = section.isEmpty ? f.section : String(f.section.dropFirst(section.count + 1))
      let child = String(below.prefix { $0 != "." })
      guard opened.insert(child).inserted else { continue }
      let path = section.isEmpty ? child : "\(section).\(child)"
      let inside = fields.filter { $0.section == path || $0.section.hasPrefix(path + ".") }
      entries.append(.section(key: child, path: path, fields: inside))
    }
    return entries
  }
}

extension ScenarioField {
  /// Every field path (`lambda.memoryMB`, and each key of a field that reads several).
  public static let paths: Set<String> = Set(all.flatMap(\.jsonPaths))

  /// Every object that holds fields (`lambda`, `workload.arrivals`).
  public static let sections: Set<String> = Set(
    all.flatMap { f -> [String] in
      let parts = f.section.split(separator: ".")
      return parts.indices.map { parts[...$0].joined(separator: ".") }
    })

  /// Fields with inner structure a `--set` may reach into (arrays, objects, distributions).
  static let structuredPaths: [String] = all.filter { f in
    switch f.kind {
    case .custom, .distribution: true
    default: false
    }
  }.flatMap(\.jsonPaths)

  /// A field whose value is one case of a string enum.
  static func choice<E: RawRepresentable & CaseIterable & Sendable>(
    _ path: String, _ target: WritableKeyPath<Scenario, E> & Sendable, aliases: [String: E] = [:], unit: String = "",
    _ description: String, source: String = "", default defaultText: String
  ) -> ScenarioField where E.RawValue == String {
    let key = path.split(separator: ".").last.map(String.init) ?? path
    let choice = Choice(
      options: E.allCases.map(\.rawValue), aliases: aliases.mapValues(\.rawValue),
      read: { (r, _, s) throws(ScenarioError) in try r.choice(key, into: &s[keyPath: target], aliases: aliases) },
      current: { s in s[keyPath: target].rawValue })
    return ScenarioField(
      path: path, kind: .choice(choice), unit: unit, description: description, source: source,
      defaultText: defaultText)
  }

  static func field(
    _ path: String, _ kind: Kind, unit: String = "", _ description: String, source: String = "",
    default defaultText: String
  ) -> ScenarioField {
    ScenarioField(
      path: path, kind: kind, unit: unit, description: description, source: source, defaultText: defaultText)
  }
}
