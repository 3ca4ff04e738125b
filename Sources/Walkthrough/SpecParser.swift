import LonghandEngine
import Notebook

/// Reads a spec file's text into a `WalkthroughSpec`, checking every value against what the
/// network needs; the first problem is thrown as a `SpecError` naming its place in the file.
enum SpecParser {
    /// Largest magnitude of any given number (weights, inputs, targets): keeps every product finite.
    static let magnitude = 1_000.0

    /// The shape flowing between layers while the file is checked.
    enum Shape: Equatable {
        case vector(Int)
        case maps(Int, Int, Int)
        var count: Int {
            switch self {
            case .vector(let n): return n
            case .maps(let c, let r, let k): return c * r * k
            }
        }
        var text: String {
            switch self {
            case .vector(let n): return "a vector of \(n)"
            case .maps(let c, let r, let k): return "\(c) map\(c == 1 ? "" : "s") of \(r)×\(k)"
            }
        }
    }

    static func parse(_ text: String) throws -> WalkthroughSpec {
        guard text.utf8.count <= WalkthroughLimits.fileBytes else {
            throw SpecError(path: "", line: nil, "the file has \(text.utf8.count) bytes; accepted: at most \(WalkthroughLimits.fileBytes)")
        }
        let root = try SpecNode.parse(text)
        let fields = try root.mapping("a spec")
        let known = ["name", "title", "description", "input", "input_names", "layers", "examples", "loss", "update", "test_inputs", "seed"]
        try refuseUnknown(fields, known: known, in: root)
        func field(_ key: String) -> SpecNode? { fields.first { $0.0 == key }?.1 }
        func required(_ key: String, _ what: String) throws -> SpecNode {
            guard let f = field(key) else { throw root.error("missing '\(key)': \(what)") }
            return f
        }

        let nameNode = try required("name", "the page's file name (lowercase letters, digits and dashes)")
        let name = try nameNode.string("the page's file name")
        guard (1...60).contains(name.count), name.first!.isASCII, name.first!.isLetter,
              name.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }) else {
            throw nameNode.error("expected a file name of 1 to 60 lowercase letters, digits and dashes starting with a letter, got '\(name.prefix(60))'")
        }
        let title = try field("title").map { try localized($0, "the title") }
            ?? Localized("Walkthrough: \(name)", zh: "手算演练：\(name)")
        let description = try field("description").map { try localized($0, "the description") }
        let seedNode = field("seed")
        let seed = try seedNode.map { UInt64(try $0.integer(in: 0...(1 << 53), "the seed")) } ?? 1

        // Input shape.
        let inputNode = try required("input", "the number of inputs, or {channels, rows, columns} for maps")
        let input: WalkthroughSpec.InputShape
        if inputNode.node.mapping != nil {
            let m = try inputNode.mapping("the input shape")
            try refuseUnknown(m, known: ["channels", "rows", "columns"], in: inputNode)
            func side(_ key: String, _ range: ClosedRange<Int>) throws -> Int {
                guard let n = m.first(where: { $0.0 == key })?.1 else { throw inputNode.error("missing '\(key)'") }
                return try n.integer(in: range, key)
            }
            input = .maps(channels: try side("channels", 1...64), rows: try side("rows", 1...256), columns: try side("columns", 1...256))
        } else {
            input = .vector(try inputNode.integer(in: 1...WalkthroughLimits.inputValues, "the number of inputs"))
        }
        guard input.count <= WalkthroughLimits.inputValues else {
            throw inputNode.error("an input of \(input.count) values; accepted: at most \(WalkthroughLimits.inputValues)")
        }
        var inputNames: [String]?
        if let n = field("input_names") {
            guard case .vector(let count) = input else { throw n.error("input names are for vector inputs only") }
            let names = try n.list("input names").map { try symbolName($0) }
            guard names.count == count else { throw n.error("expected \(count) names (one per input), got \(names.count)") }
            inputNames = names
        }

        // Layers, with the shape checked at every step.
        let layersNode = try required("layers", "the list of layers")
        let layerNodes = try layersNode.list("the layers")
        guard (1...WalkthroughLimits.layers).contains(layerNodes.count) else {
            throw layersNode.error("expected 1 to \(WalkthroughLimits.layers) layers, got \(layerNodes.count)")
        }
        var shape: Shape
        switch input {
        case .vector(let n): shape = .vector(n)
        case .maps(let c, let r, let k): shape = .maps(c, r, k)
        }
        var layers: [WalkthroughSpec.LayerSpec] = []
        var parameterCount = 0
        for (i, node) in layerNodes.enumerated() {
            let (layer, out, count) = try parseLayer(node, input: shape, isLast: i == layerNodes.count - 1)
            layers.append(layer)
            shape = out
            parameterCount += count
            guard parameterCount <= WalkthroughLimits.parameters else {
                throw node.error("the network now has \(parameterCount) parameters; accepted: at most \(WalkthroughLimits.parameters)")
            }
        }
        guard case .vector(let outputs) = shape, case .dense(_, let lastActivation, _, _) = layers[layers.count - 1] else {
            throw layerNodes[layerNodes.count - 1].error("the last layer must be dense (the network's outputs), got \(shape.text)")
        }
        try checkNames(layers, inputNames: inputNames, nodes: layerNodes)

        // Loss.
        let lossNode = try required("loss", "squared-error (with a scaling), binary-cross-entropy or softmax-cross-entropy")
        var lossSymbol = "L"
        let loss: OutputLoss
        let lossKinds = ["squared-error", "binary-cross-entropy", "softmax-cross-entropy"]
        var scalingNode: SpecNode?
        let kind: String
        if lossNode.node.mapping != nil {
            let m = try lossNode.mapping("the loss")
            try refuseUnknown(m, known: ["type", "scaling", "symbol"], in: lossNode)
            guard let t = m.first(where: { $0.0 == "type" })?.1 else { throw lossNode.error("missing 'type': one of \(lossKinds.joined(separator: ", "))") }
            kind = try t.word(lossKinds, "the loss")
            scalingNode = m.first { $0.0 == "scaling" }?.1
            if let s = m.first(where: { $0.0 == "symbol" })?.1 { lossSymbol = try symbolName(s) }
        } else {
            kind = try lossNode.word(lossKinds, "the loss")
        }
        switch kind {
        case "squared-error":
            let scaling = try scalingNode.map { OutputLoss.SquaredErrorScaling(rawValue: try $0.word(OutputLoss.SquaredErrorScaling.allCases.map(\.rawValue), "the scaling"))! } ?? .halfSum
            loss = .squaredError(scaling)
            if lastActivation == .softmax { throw lossNode.error("a softmax output needs loss softmax-cross-entropy") }
        case "binary-cross-entropy":
            if let s = scalingNode { throw s.error("only squared error has a scaling") }
            guard lastActivation == .plain(.sigmoid) else { throw lossNode.error("binary-cross-entropy needs a sigmoid output layer (the last layer's activation)") }
            loss = .binaryCrossEntropy
        default:
            if let s = scalingNode { throw s.error("only squared error has a scaling") }
            guard lastActivation == .softmax else { throw lossNode.error("softmax-cross-entropy needs a softmax output layer (the last layer's activation)") }
            guard outputs >= 2 else { throw lossNode.error("softmax-cross-entropy needs at least 2 output units") }
            loss = .softmaxCrossEntropy
        }

        // Examples.
        let examplesNode = try required("examples", "a list of {input, target} (or {input, label} for classes)")
        let exampleNodes = try examplesNode.list("the examples")
        guard (1...WalkthroughLimits.examples).contains(exampleNodes.count) else {
            throw examplesNode.error("expected 1 to \(WalkthroughLimits.examples) examples, got \(exampleNodes.count)")
        }
        var examples: [WalkthroughSpec.Example] = []
        for node in exampleNodes {
            let m = try node.mapping("an example")
            try refuseUnknown(m, known: ["input", "target", "label"], in: node)
            guard let xNode = m.first(where: { $0.0 == "input" })?.1 else { throw node.error("missing 'input'") }
            let x = try inputValues(xNode, input)
            let target: [Double]
            if let t = m.first(where: { $0.0 == "target" })?.1 {
                if let l = m.first(where: { $0.0 == "label" })?.1 { throw l.error("give a target or a label, not both") }
                target = try t.numbers("the target")
                guard target.count == outputs else { throw t.error("expected \(outputs) numbers (one per output unit), got \(target.count)") }
                guard target.allSatisfy({ abs($0) <= magnitude }) else { throw t.error("expected numbers from -1000 to 1000") }
                switch loss {
                case .binaryCrossEntropy:
                    guard target.allSatisfy({ (0...1).contains($0) }) else { throw t.error("binary cross-entropy targets must lie from 0 to 1") }
                case .softmaxCrossEntropy:
                    guard target.allSatisfy({ (0...1).contains($0) }), abs(target.reduce(0, +) - 1) < 1e-9 else {
                        throw t.error("softmax cross-entropy targets must be probabilities from 0 to 1 that add up to 1")
                    }
                case .squaredError: break
                }
            } else if let l = m.first(where: { $0.0 == "label" })?.1 {
                guard loss == .softmaxCrossEntropy || loss == .binaryCrossEntropy || outputs >= 1 else { throw l.error("labels need a classifier") }
                let label = try l.integer(in: 0...(outputs - 1), "the class (0-based, one of the \(outputs) output units)")
                target = CrossEntropy.oneHot(label, count: outputs)
            } else {
                throw node.error("missing 'target' (one number per output unit) or 'label' (the class, 0-based)")
            }
            examples.append(.init(input: x, target: target))
        }

        // Update.
        let updateNode = try required("update", "{learning_rate, optimizer, freeze, steps}")
        let update = try parseUpdate(updateNode, layerCount: layers.count)
        let work = Double(parameterCount) * (2 * Double(parameterCount) + Double(update.steps) + 2) * Double(examples.count)
        guard work <= WalkthroughLimits.work else {
            throw updateNode.error("parameters × (2 × parameters + steps) × examples is \(SpecNode.format(work)); accepted: at most \(SpecNode.format(WalkthroughLimits.work)) (fewer parameters, steps or examples)")
        }

        var tests: [[Double]] = []
        if let t = field("test_inputs") {
            let items = try t.list("the test inputs")
            guard items.count <= WalkthroughLimits.testInputs else { throw t.error("expected at most \(WalkthroughLimits.testInputs) test inputs, got \(items.count)") }
            tests = try items.map { try inputValues($0, input) }
        }
        return WalkthroughSpec(name: name, title: title, description: description, input: input, inputNames: inputNames,
                               layers: layers, examples: examples, loss: loss, lossSymbol: lossSymbol, update: update,
                               testInputs: tests, seed: seed)
    }

    // MARK: Pieces

    /// "1 row", "3 rows".
    static func rowCount(_ n: Int) -> String { n == 1 ? "1 row" : "\(n) rows" }

    static func refuseUnknown(_ fields: [(String, SpecNode)], known: [String], in node: SpecNode) throws {
        for (key, value) in fields where !known.contains(key) {
            throw SpecError(path: value.path, line: value.line, "unknown key '\(key.prefix(40))'; accepted: \(known.joined(separator: ", "))")
        }
    }

    static func localized(_ node: SpecNode, _ what: String) throws -> Localized {
        if node.node.scalar != nil {
            let s = try node.string(what)
            guard (1...400).contains(s.count) else { throw node.error("expected \(what) of 1 to 400 characters") }
            return Localized(same: s)
        }
        let m = try node.mapping(what)
        try refuseUnknown(m, known: ["en", "zh"], in: node)
        guard let en = m.first(where: { $0.0 == "en" })?.1, let zh = m.first(where: { $0.0 == "zh" })?.1 else {
            throw node.error("expected \(what) as text, or {en: …, zh: …} with both languages")
        }
        let e = try en.string(what), z = try zh.string(what)
        guard (1...2000).contains(e.count), (1...2000).contains(z.count) else { throw node.error("expected \(what) of 1 to 2000 characters in each language") }
        return Localized(e, zh: z)
    }

    /// A name for a quantity: a letter, letters/digits, optionally _ and a subscript (w1, net_h1, out_o2).
    static func symbolName(_ node: SpecNode) throws -> String {
        let s = try node.string("a name")
        guard Names.isValid(s) else {
            throw node.error("expected a name like w1, h1 or net_h1 (a letter, then letters or digits, optionally _ and a subscript; at most 24 characters), got '\(s.prefix(40))'")
        }
        return s
    }

    /// An example's or a test's input: a list of n numbers, or [rows][columns] (one channel) or
    /// [channel][rows][columns] maps; flattened channel by channel, row by row.
    static func inputValues(_ node: SpecNode, _ shape: WalkthroughSpec.InputShape) throws -> [Double] {
        let values: [Double]
        switch shape {
        case .vector(let n):
            values = try node.numbers("the input")
            guard values.count == n else { throw node.error("expected \(n) numbers (one per input), got \(values.count)") }
        case .maps(let c, let r, let k):
            let items = try node.list("the input maps")
            let maps: [SpecNode] = c == 1 && (items.first?.node.sequence?.first?.scalar != nil || items.isEmpty) ? [node] : items
            guard maps.count == c else { throw node.error("expected \(c) maps of \(r)×\(k), got \(maps.count)") }
            var flat: [Double] = []
            for map in maps {
                let rows = try map.rows("a map")
                guard rows.count == r, rows.allSatisfy({ $0.count == k }) else {
                    throw map.error("expected \(r) rows of \(k) numbers, got \(rows.count) rows of \(rows.map { String($0.count) }.joined(separator: "/"))")
                }
                flat += rows.flatMap { $0 }
            }
            values = flat
        }
        guard values.allSatisfy({ abs($0) <= magnitude }) else { throw node.error("expected numbers from -1000 to 1000") }
        return values
    }

    static func activation(_ fields: [(String, SpecNode)], node: SpecNode, isLast: Bool, allowSoftmax: Bool) throws -> WalkthroughSpec.ActivationSpec {
        let names = ["identity", "step", "sigmoid", "tanh", "relu", "leaky-relu", "elu"] + (allowSoftmax ? ["softmax"] : [])
        let given = fields.first { $0.0 == "activation" }?.1
        let word = try given.map { try $0.word(names, "the activation") } ?? "identity"
        let alphaNode = fields.first { $0.0 == "alpha" }?.1
        if let alphaNode, word != "leaky-relu" && word != "elu" { throw alphaNode.error("alpha is for leaky-relu and elu only") }
        let alpha = try alphaNode.map { try $0.number(in: 0...10, "alpha") }
        switch word {
        case "identity": return .plain(.identity)
        case "step": return .plain(.step)
        case "sigmoid": return .plain(.sigmoid)
        case "tanh": return .plain(.tanh)
        case "relu": return .plain(.relu)
        case "leaky-relu": return .plain(.leakyReLU(slope: alpha ?? 0.01))
        case "elu": return .plain(.elu(alpha: alpha ?? 1))
        default:
            guard isLast else { throw given!.error("softmax is for the output layer (the last layer) only") }
            return .softmax
        }
    }

    /// Biases: a list of `count` numbers, or zeros when absent.
    static func biases(_ fields: [(String, SpecNode)], count: Int, what: String) throws -> [Double]? {
        guard let b = fields.first(where: { $0.0 == "biases" })?.1 else { return nil }
        let values = try b.numbers("the biases")
        guard values.count == count else { throw b.error("expected \(count) biases (one per \(what)), got \(values.count)") }
        guard values.allSatisfy({ abs($0) <= magnitude }) else { throw b.error("expected numbers from -1000 to 1000") }
        return values
    }

    static func initialisation(_ fields: [(String, SpecNode)], node: SpecNode, given: String) throws -> (WalkthroughSpec.Scheme, Double)? {
        guard let i = fields.first(where: { $0.0 == "init" })?.1 else { return nil }
        if fields.contains(where: { $0.0 == given }) { throw i.error("give \(given) or init, not both") }
        if i.node.scalar != nil {
            return (WalkthroughSpec.Scheme(rawValue: try i.word(WalkthroughSpec.Scheme.allCases.map(\.rawValue), "the initialisation scheme"))!, 1)
        }
        let m = try i.mapping("the initialisation")
        try refuseUnknown(m, known: ["scheme", "sd"], in: i)
        guard let s = m.first(where: { $0.0 == "scheme" })?.1 else { throw i.error("missing 'scheme': normal, glorot or he") }
        let scheme = WalkthroughSpec.Scheme(rawValue: try s.word(WalkthroughSpec.Scheme.allCases.map(\.rawValue), "the initialisation scheme"))!
        let sdNode = m.first { $0.0 == "sd" }?.1
        if let sdNode, scheme != .normal { throw sdNode.error("sd is for the normal scheme only (glorot and he compute theirs)") }
        return (scheme, try sdNode.map { try $0.number(in: 1e-6...100, "the standard deviation") } ?? 1)
    }

    static func parseLayer(_ node: SpecNode, input: Shape, isLast: Bool) throws -> (WalkthroughSpec.LayerSpec, Shape, Int) {
        let fields = try node.mapping("a layer")
        guard let typeNode = fields.first(where: { $0.0 == "type" })?.1 else {
            throw node.error("missing 'type': dense, conv2d, max-pool, average-pool or flatten")
        }
        let type = try typeNode.word(["dense", "conv2d", "max-pool", "average-pool", "flatten"], "the layer type")
        func integer(_ key: String, _ range: ClosedRange<Int>, _ what: String, default value: Int? = nil) throws -> Int {
            guard let n = fields.first(where: { $0.0 == key })?.1 else {
                if let value { return value }
                throw node.error("missing '\(key)': \(what)")
            }
            return try n.integer(in: range, what)
        }
        switch type {
        case "dense":
            try refuseUnknown(fields, known: ["type", "units", "activation", "alpha", "weights", "biases", "init", "names"], in: node)
            guard case .vector(let inputs) = input else {
                throw node.error("a dense layer needs a vector, got \(input.text); put a flatten layer before it")
            }
            let units = try integer("units", 1...WalkthroughLimits.units, "the number of units")
            let act = try activation(fields, node: node, isLast: isLast, allowSoftmax: true)
            let b = try biases(fields, count: units, what: "unit")
            let source: WalkthroughSpec.Source
            if let (scheme, sd) = try initialisation(fields, node: node, given: "weights") {
                source = .seeded(scheme, standardDeviation: sd, biases: b)
            } else if let w = fields.first(where: { $0.0 == "weights" })?.1 {
                let rows = try w.list("the weights (one row per unit)")
                let parsed = try rows.map { try $0.numbers("a row of weights") }
                guard parsed.count == units, parsed.allSatisfy({ $0.count == inputs }) else {
                    let got = Set(parsed.map(\.count)).count == 1 ? "\(rowCount(parsed.count)) of \(parsed.first?.count ?? 0)"
                        : "\(rowCount(parsed.count)) of \(parsed.map { String($0.count) }.joined(separator: "/"))"
                    throw w.error("expected \(rowCount(units)) of \(inputs) (units × inputs), got \(got)")
                }
                guard parsed.allSatisfy({ $0.allSatisfy { abs($0) <= magnitude } }) else { throw w.error("expected numbers from -1000 to 1000") }
                source = .given(weights: parsed.flatMap { $0 }, biases: b ?? Array(repeating: 0, count: units))
            } else {
                throw node.error("missing 'weights' (\(units) rows of \(inputs), units × inputs) or 'init' (normal, glorot or he)")
            }
            let names = try parseNames(fields, units: units, inputs: inputs)
            return (.dense(units: units, activation: act, source: source, names: names), .vector(units), units * inputs + units)
        case "conv2d":
            try refuseUnknown(fields, known: ["type", "channels", "kernel", "stride", "padding", "activation", "alpha", "kernels", "biases", "init"], in: node)
            guard case .maps(let c, let r, let k) = input else {
                throw node.error("a conv2d layer needs maps, got \(input.text)")
            }
            let channels = try integer("channels", 1...WalkthroughLimits.units, "the number of output channels")
            let kernel = try integer("kernel", 1...64, "the kernel's side")
            let stride = try integer("stride", 1...64, "the stride", default: 1)
            let padding = try integer("padding", 0...64, "the padding", default: 0)
            let window = SlidingWindow(size: kernel, stride: stride, padding: padding)
            guard let outR = window.outputSize(r), let outK = window.outputSize(k) else {
                throw node.error("a \(kernel)×\(kernel) kernel with stride \(stride) and padding \(padding) does not fit \(r)×\(k): (side − kernel + 2·padding) must be 0 or more and a multiple of the stride")
            }
            let act = try activation(fields, node: node, isLast: false, allowSoftmax: false)
            let b = try biases(fields, count: channels, what: "output channel")
            let count = channels * c * kernel * kernel
            let source: WalkthroughSpec.Source
            if let (scheme, sd) = try initialisation(fields, node: node, given: "kernels") {
                source = .seeded(scheme, standardDeviation: sd, biases: b)
            } else if let w = fields.first(where: { $0.0 == "kernels" })?.1 {
                source = .given(weights: try kernels(w, out: channels, in: c, side: kernel), biases: b ?? Array(repeating: 0, count: channels))
            } else {
                throw node.error("missing 'kernels' (\(channels) × \(c) kernels of \(kernel)×\(kernel)) or 'init' (normal, glorot or he)")
            }
            return (.conv2d(channels: channels, kernel: kernel, stride: stride, padding: padding, activation: act, source: source),
                    .maps(channels, outR, outK), count + channels)
        case "max-pool", "average-pool":
            try refuseUnknown(fields, known: ["type", "size", "stride"], in: node)
            guard case .maps(let c, let r, let k) = input else { throw node.error("a pooling layer needs maps, got \(input.text)") }
            let size = try integer("size", 1...64, "the window's side")
            let stride = try integer("stride", 1...64, "the stride", default: size)
            let window = SlidingWindow(size: size, stride: stride, padding: 0)
            guard let outR = window.outputSize(r), let outK = window.outputSize(k) else {
                throw node.error("a \(size)×\(size) window with stride \(stride) does not fit \(r)×\(k): (side − size) must be 0 or more and a multiple of the stride")
            }
            let layer: WalkthroughSpec.LayerSpec = type == "max-pool" ? .maxPool(size: size, stride: stride) : .averagePool(size: size, stride: stride)
            return (layer, .maps(c, outR, outK), 0)
        default:
            try refuseUnknown(fields, known: ["type"], in: node)
            guard case .maps = input else { throw node.error("flatten needs maps, got \(input.text)") }
            return (.flatten, .vector(input.count), 0)
        }
    }

    /// Kernels as [out][in][row][column]; with one input channel [out][row][column] is accepted too.
    static func kernels(_ node: SpecNode, out: Int, in c: Int, side: Int) throws -> [Double] {
        let outs = try node.list("the kernels")
        let expected = "\(out) × \(c) kernels of \(side)×\(side)"
        guard outs.count == out else { throw node.error("expected \(expected) (one entry per output channel), got \(outs.count) entries") }
        var flat: [Double] = []
        for o in outs {
            let items = try o.list("the kernels of one output channel")
            let perInput: [SpecNode] = c == 1 && items.first?.node.sequence?.first?.scalar != nil ? [o] : items
            guard perInput.count == c else { throw o.error("expected \(c) kernels (one per input channel), got \(perInput.count)") }
            for kNode in perInput {
                let rows = try kNode.rows("a kernel")
                guard rows.count == side, rows.allSatisfy({ $0.count == side }) else {
                    throw kNode.error("expected \(side) rows of \(side), got \(rows.count) rows of \(rows.map { String($0.count) }.joined(separator: "/"))")
                }
                guard rows.allSatisfy({ $0.allSatisfy { abs($0) <= magnitude } }) else { throw kNode.error("expected numbers from -1000 to 1000") }
                flat += rows.flatMap { $0 }
            }
        }
        return flat
    }

    static func parseNames(_ fields: [(String, SpecNode)], units: Int, inputs: Int) throws -> WalkthroughSpec.Names {
        var names = WalkthroughSpec.Names()
        guard let node = fields.first(where: { $0.0 == "names" })?.1 else { return names }
        let m = try node.mapping("the layer's names")
        try refuseUnknown(m, known: ["neurons", "z", "a", "weights", "biases"], in: node)
        func perUnit(_ key: String) throws -> [String]? {
            guard let n = m.first(where: { $0.0 == key })?.1 else { return nil }
            let list = try n.list("names").map { try symbolName($0) }
            guard list.count == units else { throw n.error("expected \(units) names (one per unit), got \(list.count)") }
            return list
        }
        names.neurons = try perUnit("neurons")
        names.z = try perUnit("z")
        names.a = try perUnit("a")
        names.biases = try perUnit("biases")
        if let w = m.first(where: { $0.0 == "weights" })?.1 {
            let rows = try w.list("weight names").map { try $0.list("a row of weight names").map { try symbolName($0) } }
            guard rows.count == units, rows.allSatisfy({ $0.count == inputs }) else {
                throw w.error("expected \(units) rows of \(inputs) names (units × inputs), got \(rows.count) rows of \(rows.map { String($0.count) }.joined(separator: "/"))")
            }
            names.weights = rows
        }
        return names
    }

    /// Every custom name must be unique across the network (it is a key in --json).
    static func checkNames(_ layers: [WalkthroughSpec.LayerSpec], inputNames: [String]?, nodes: [SpecNode]) throws {
        var seen = Set(inputNames ?? [])
        if let inputNames, seen.count != inputNames.count { throw nodes[0].error("input names must be different from each other") }
        for (l, layer) in layers.enumerated() {
            guard case .dense(_, _, _, let n) = layer else { continue }
            let all = (n.z ?? []) + (n.a ?? []) + (n.weights?.flatMap { $0 } ?? []) + (n.biases ?? [])
            for name in all {
                guard seen.insert(name).inserted else {
                    throw SpecError(path: nodes[l].child("names"), line: nodes[l].line, "the name '\(name)' is used twice; every name must be unique (it is a key in --json)")
                }
            }
        }
    }

    static func parseUpdate(_ node: SpecNode, layerCount: Int) throws -> WalkthroughSpec.UpdateSpec {
        let m = try node.mapping("the update")
        try refuseUnknown(m, known: ["learning_rate", "optimizer", "freeze", "steps"], in: node)
        guard let lr = m.first(where: { $0.0 == "learning_rate" })?.1 else { throw node.error("missing 'learning_rate' (greater than 0, at most 100)") }
        let eta = try lr.number(in: 0...100, "the learning rate")
        guard eta > 0 else { throw lr.error("expected a learning rate greater than 0, at most 100, got 0") }
        var optimizer = WalkthroughSpec.UpdateSpec.Optimizer.sgd
        if let o = m.first(where: { $0.0 == "optimizer" })?.1 {
            let kinds = ["sgd", "momentum", "adam"]
            if o.node.scalar != nil {
                switch try o.word(kinds, "the optimizer") {
                case "momentum": optimizer = .momentum(0.9)
                case "adam": optimizer = .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
                default: optimizer = .sgd
                }
            } else {
                let f = try o.mapping("the optimizer")
                try refuseUnknown(f, known: ["type", "momentum", "beta1", "beta2", "epsilon"], in: o)
                guard let t = f.first(where: { $0.0 == "type" })?.1 else { throw o.error("missing 'type': sgd, momentum or adam") }
                let kind = try t.word(kinds, "the optimizer")
                func value(_ key: String, _ range: ClosedRange<Double>, _ d: Double) throws -> Double {
                    try f.first(where: { $0.0 == key })?.1.number(in: range, key) ?? d
                }
                let allowed: [String: [String]] = ["sgd": ["type"], "momentum": ["type", "momentum"], "adam": ["type", "beta1", "beta2", "epsilon"]]
                if let extra = f.first(where: { !allowed[kind]!.contains($0.0) }) { throw extra.1.error("'\(extra.0)' is not a setting of \(kind)") }
                switch kind {
                case "momentum": optimizer = .momentum(try value("momentum", 0...0.999, 0.9))
                case "adam": optimizer = .adam(beta1: try value("beta1", 0...0.999, 0.9), beta2: try value("beta2", 0...0.999999, 0.999), epsilon: try value("epsilon", 1e-12...1, 1e-8))
                default: optimizer = .sgd
                }
            }
        }
        var freeze: [String] = []
        if let f = m.first(where: { $0.0 == "freeze" })?.1 {
            for item in try f.list("what to freeze") {
                let s = try item.string("what to freeze")
                let layerRange = 0..<layerCount
                if s == "weights" || s == "biases" {
                    freeze.append(s)
                } else if s.hasPrefix("layers["), s.hasSuffix("]"), let i = Int(s.dropFirst(7).dropLast()), layerRange.contains(i) {
                    freeze.append(s)
                } else {
                    throw item.error("expected weights, biases or layers[i] with i from 0 to \(layerCount - 1), got '\(s.prefix(40))'")
                }
            }
        }
        let steps = try m.first(where: { $0.0 == "steps" })?.1.integer(in: 0...WalkthroughLimits.steps, "the number of further training steps") ?? 0
        return .init(learningRate: eta, optimizer: optimizer, freeze: freeze, steps: steps)
    }
}
