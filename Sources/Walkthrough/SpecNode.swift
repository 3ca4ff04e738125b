import Yams

/// One value of a parsed spec file with its JSON path and line, so every complaint can say where.
///
/// YAML and JSON files both go through Yams (JSON is YAML); the walker reads the composed node
/// tree rather than native dictionaries, because nodes keep their line numbers.
struct SpecNode {
    let node: Node
    /// `layers[1].weights`.
    let path: String

    var line: Int? { node.mark?.line }

    /// An error about this value.
    func error(_ message: String) -> SpecError { SpecError(path: path, line: line, message) }

    /// The text of a parsed document; a syntax error names its line.
    static func parse(_ text: String) throws -> SpecNode {
        try refuseHazards(text)
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw SpecError(path: "", line: Self.line(of: error), "not valid YAML or JSON: \(Self.problem(of: error))")
        } catch {
            throw SpecError(path: "", line: nil, "not valid YAML or JSON")
        }
        guard let node else { throw SpecError(path: "", line: nil, "the file is empty; expected a mapping with name, input, layers, examples, loss and update") }
        return SpecNode(node: node, path: "")
    }

    /// Two things a spec never needs and a hostile file could use to exhaust memory or the stack:
    /// YAML anchors with aliases (a few lines that expand to billions of values) and brackets nested
    /// deeper than any spec goes.
    static func refuseHazards(_ text: String) throws {
        var depth = 0, line = 1
        var quote: Character?
        var anchor: Int?, alias: Int?
        var previous: Character = "\n"
        for c in text {
            if c == "\n" { line += 1 }
            if let q = quote {
                if c == q || c == "\n" { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#" && (previous == " " || previous == "\n") {
                quote = "\n"   // a comment runs to the end of the line
            } else if c == "[" || c == "{" {
                depth += 1
                if depth > 32 { throw SpecError(path: "", line: line, "brackets nested more than 32 deep; a spec needs at most 4") }
            } else if c == "]" || c == "}" {
                depth = max(0, depth - 1)
            } else if (c == "&" || c == "*") && " [{,:-\n".contains(previous) {
                if c == "&" { anchor = anchor ?? line } else { alias = alias ?? line }
            }
            previous = c
        }
        if let anchor, alias != nil {
            throw SpecError(path: "", line: anchor, "YAML anchors and aliases (&name, *name) are not accepted; write the values out")
        }
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        case .reader(let problem, _, _, _): return problem
        default: return "unreadable text"
        }
    }

    // MARK: Mappings

    /// The keys of a mapping, refusing anything else.
    func mapping(_ what: String) throws -> [(String, SpecNode)] {
        guard let m = node.mapping else { throw error("expected \(what) (a mapping of keys to values), got \(kind)") }
        var out: [(String, SpecNode)] = []
        for (k, v) in m {
            guard let key = k.scalar?.string else { throw error("keys must be plain words") }
            if out.contains(where: { $0.0 == key }) { throw SpecError(path: child(key), line: k.mark?.line, "the key '\(key)' appears twice") }
            out.append((key, SpecNode(node: v, path: child(key))))
        }
        return out
    }

    /// The path of a key below this node.
    func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// What this node is, for messages.
    var kind: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence(let s): return "a list of \(s.count)"
        case .scalar(let s): return "'\(s.string.prefix(40))'"
        }
    }

    // MARK: Lists and scalars

    /// The items of a list.
    func list(_ what: String) throws -> [SpecNode] {
        guard let s = node.sequence else { throw error("expected \(what) (a list), got \(kind)") }
        return s.enumerated().map { SpecNode(node: $1, path: "\(path)[\($0)]") }
    }

    /// A finite number.
    func number() throws -> Double {
        guard let s = node.scalar, s.style == .plain || s.style == .any else { throw error("expected a number, got \(kind)") }
        guard let x = Self.parseNumber(s.string) else { throw error("expected a number, got \(kind)") }
        guard x.isFinite else { throw error("expected a finite number, got \(kind)") }
        return x
    }

    /// A number in a closed range, with the accepted range in the message.
    func number(in range: ClosedRange<Double>, _ what: String) throws -> Double {
        let x = try number()
        guard range.contains(x) else { throw error("expected \(what) from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound)), got \(Self.format(x))") }
        return x
    }

    /// A whole number in a closed range.
    func integer(in range: ClosedRange<Int>, _ what: String) throws -> Int {
        let x = try number()
        guard x == x.rounded(), x >= Double(range.lowerBound), x <= Double(range.upperBound) else {
            throw error("expected \(what): a whole number from \(range.lowerBound) to \(range.upperBound), got \(kind)")
        }
        return Int(x)
    }

    /// A string (quoted or plain scalar).
    func string(_ what: String) throws -> String {
        guard let s = node.scalar else { throw error("expected \(what) (text), got \(kind)") }
        return s.string
    }

    /// One of a fixed set of words.
    func word(_ choices: [String], _ what: String) throws -> String {
        let s = try string(what)
        guard choices.contains(s) else { throw error("expected \(what): one of \(choices.joined(separator: ", ")), got '\(s.prefix(40))'") }
        return s
    }

    /// true or false.
    func bool() throws -> Bool {
        guard let s = node.scalar, let b = ["true": true, "false": false][s.string] else { throw error("expected true or false, got \(kind)") }
        return b
    }

    /// A list of numbers.
    func numbers(_ what: String) throws -> [Double] { try list(what).map { try $0.number() } }

    /// A list of lists of numbers.
    func rows(_ what: String) throws -> [[Double]] { try list(what).map { try $0.numbers("a row of numbers") } }

    /// Decimal numbers only: YAML's .inf, .nan, hex and octal forms are refused.
    static func parseNumber(_ s: String) -> Double? {
        let allowed = Set("0123456789+-.eE")
        guard !s.isEmpty, s.count <= 40, s.allSatisfy({ allowed.contains($0) }) else { return nil }
        return Double(s)
    }

    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }
}
