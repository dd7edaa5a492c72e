import SimKernel

/// The JSON Schema (draft 2020-12) of a scenario file and the README's field table, both
/// generated from `ScenarioField.all` (`visitorsim schema`; committed as
/// `Scenarios/scenario.schema.json`).
public enum ScenarioSchema {
  /// The schema as JSON text, two spaces per level, ending in a newline.
  public static func json() -> String {
    let root = object(section: "", ScenarioField.all)
    guard case .object(var members) = root else { return "" }
    members.insert(
      contentsOf: [
        member("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
        member("title", .string("visitorsim scenario")),
        member(
          "description",
          .string(
            "A scenario for visitorsim: the serverless resume site (Route 53, CloudFront, S3, API Gateway, Lambda, DynamoDB) and its traffic. Every field has a default; a file states only what differs. Keys starting with // are comments."
          )),
      ], at: 0)
    members.append(member("$defs", definitions))
    return JSONValue.object(members).rendered() + "\n"
  }

  /// The README's field table (Markdown): field, default, unit, allowed values, meaning.
  public static func markdown() -> String {
    var out = "| field | default | unit | allowed | meaning |\n|---|---|---|---|---|\n"
    for f in ScenarioField.all {
      let name = f.jsonPaths.map { "`\($0)`" }.joined(separator: " / ")
      var meaning = f.description
      if !f.source.isEmpty { meaning += " (\(f.source))" }
      let cells = [name, f.defaultText, f.unit, allowed(f), meaning].map {
        $0.replacingOccurrences(of: "|", with: "\\|")
      }
      out += "| " + cells.joined(separator: " | ") + " |\n"
    }
    return out
  }

  // MARK: Pieces

  static func member(_ key: String, _ value: JSONValue) -> JSONMember { JSONMember(key: key, value: value) }

  static func number(_ x: Double) -> JSONValue { .number(x, literal: format(x)) }

  /// The schema of one object level: its fields and subsections, in table order.
  static func object(section: String, _ fields: [ScenarioField]) -> JSONValue {
    var properties: [JSONMember] = []
    for entry in ScenarioField.entries(in: section, of: fields) {
      switch entry {
      case .field(let f): properties += schemas(f)
      case .section(let key, let path, let inside): properties.append(member(key, object(section: path, inside)))
      }
    }
    return .object([
      member("type", .string("object")),
      member("properties", .object(properties)),
      member("patternProperties", .object([member("^//", .object([]))])),
      member("additionalProperties", .bool(false)),
    ])
  }

  /// The property schema(s) of one field, with its description, unit and default.
  static func schemas(_ f: ScenarioField) -> [JSONMember] {
    let defaults = Scenario()
    var described = f.description + (f.unit.isEmpty ? "" : " (unit: \(f.unit))")
    if !f.source.isEmpty { described += ". Default \(f.defaultText): \(f.source)" }
    func bounded(_ type: JSONValue, _ b: ScenarioField.Bounds) -> [JSONMember] {
      var m = [member("type", type)]
      if let min = b.min { m.append(member(b.exclusiveMin ? "exclusiveMinimum" : "minimum", number(min))) }
      if let max = b.max { m.append(member("maximum", number(max))) }
      return m
    }
    var body: [JSONMember]
    var value: JSONValue?
    switch f.kind {
    case .number(let kp, let b):
      body = bounded(.string("number"), b)
      value = number(defaults[keyPath: kp])
    case .optionalNumber(let kp, let b):
      body = bounded(.array([.string("number"), .string("null")]), b)
      value = defaults[keyPath: kp].map(number) ?? .null
    case .integer(let kp, let b):
      body = bounded(.string("integer"), b)
      value = number(Double(defaults[keyPath: kp]))
    case .optionalInteger(let kp, let b):
      body = bounded(.array([.string("integer"), .string("null")]), b)
      value = defaults[keyPath: kp].map { number(Double($0)) } ?? .null
    case .bool(let kp):
      body = [member("type", .string("boolean"))]
      value = .bool(defaults[keyPath: kp])
    case .string(let kp):
      body = [member("type", .string("string"))]
      value = .string(defaults[keyPath: kp])
    case .duration(let kp, _):
      body = [member("$ref", .string("#/$defs/duration"))]
      value = number(defaults[keyPath: kp])
    case .distribution(let kp):
      body = [member("$ref", .string("#/$defs/distribution"))]
      value = json(defaults[keyPath: kp])
    case .choice(let c):
      body = [member("enum", .array((c.options + c.aliases.keys.sorted()).map { .string($0) }))]
      value = .string(c.current(defaults))
    case .custom(let c):
      return c.properties.map { key, text in
        var schema = (try? JSONParser.parse(text)) ?? .object([])
        if case .object(var m) = schema {
          m.insert(member("description", .string(described)), at: 0)
          schema = .object(m)
        }
        return member(key, schema)
      }
    }
    body.insert(member("description", .string(described)), at: 0)
    if let value { body.append(member("default", value)) }
    return [member(f.key, .object(body))]
  }

  /// A distribution as a scenario file writes it.
  static func json(_ d: Distribution) -> JSONValue? {
    switch d {
    case .constant(let x): return number(x)
    case .exponential(let mean):
      return .object([member("dist", .string("exponential")), member("mean", number(mean))])
    case .lognormal(let median, let p99):
      return .object([
        member("dist", .string("lognormal")), member("median", number(median)), member("p99", number(p99)),
      ])
    default: return nil
    }
  }

  /// The allowed values, as the README shows them.
  static func allowed(_ f: ScenarioField) -> String {
    func range(_ b: ScenarioField.Bounds) -> String {
      switch (b.min, b.max) {
      case (let lo?, let hi?):
        return (b.exclusiveMin ? "above \(format(lo)), up to " : "\(format(lo)) to ") + format(hi)
      case (let lo?, nil): return (b.exclusiveMin ? "above " : "at least ") + format(lo)
      case (nil, let hi?): return "up to \(format(hi))"
      case (nil, nil): return ""
      }
    }
    switch f.kind {
    case .number(_, let b), .integer(_, let b): return range(b)
    case .optionalNumber(_, let b), .optionalInteger(_, let b): return range(b) + " or null"
    case .duration(_, let b): return "duration, " + range(b) + " s"
    case .distribution: return "distribution"
    case .bool: return "true, false"
    case .string: return "text"
    case .choice(let c): return c.options.map { "`\"\($0)\"`" }.joined(separator: ", ")
    case .custom: return "see meaning"
    }
  }

  static let definitions: JSONValue = {
    let text = ##"""
      {
        "duration": {
          "description": "A number of seconds, or text such as \"500ms\", \"90s\", \"10m\", \"24h\", \"30d\", \"1w\", \"1h30m\".",
          "anyOf": [
            {"type": "number", "minimum": 0},
            {"type": "string", "pattern": "^\\s*(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ms|s|m|h|d|w))+\\s*$"},
            {"type": "string", "pattern": "^\\s*[0-9]+(\\.[0-9]*)?\\s*$"}
          ]
        },
        "distribution": {
          "description": "A latency in the unit of the field's name: a number (a constant) or {\"dist\": ...} with the kind's parameters.",
          "oneOf": [
            {"type": "number", "minimum": 0, "maximum": 86400000},
            {
              "type": "object",
              "required": ["dist"],
              "properties": {
                "dist": {"enum": ["constant", "exponential", "uniform", "normal", "lognormal", "gamma", "weibull", "empirical"]},
                "value": {"type": "number", "minimum": 0},
                "mean": {"type": "number", "minimum": 0},
                "min": {"type": "number", "minimum": 0},
                "max": {"type": "number", "minimum": 0},
                "stddev": {"type": "number", "minimum": 0},
                "median": {"type": "number", "exclusiveMinimum": 0},
                "p99": {"type": "number", "exclusiveMinimum": 0},
                "shape": {"type": "number", "exclusiveMinimum": 0},
                "scale": {"type": "number", "exclusiveMinimum": 0},
                "samples": {"type": "array", "minItems": 1, "items": {"type": "number", "minimum": 0}},
                "percentiles": {"type": "object", "additionalProperties": {"type": "number", "minimum": 0}}
              },
              "additionalProperties": false
            }
          ]
        }
      }
      """##
    return (try? JSONParser.parse(text)) ?? .object([])
  }()
}
