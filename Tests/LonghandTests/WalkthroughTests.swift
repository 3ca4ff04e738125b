import Foundation
import Testing
@testable import Curriculum
@testable import LessonKit
@testable import LonghandEngine
@testable import Notebook
@testable import Walkthrough

/// The walkthrough generator: shipped examples against independent computations, the generator
/// against the lessons on the same networks, bad specs, and random specs.
@Suite("Walkthrough generator")
struct WalkthroughTests {
    static func shippedPath(_ name: String) -> String {
        TestSupport.packageRoot.appendingPathComponent("Lessons/walkthroughs/\(name).yaml").path
    }

    static func page(_ name: String) throws -> (WalkthroughSpec, Page) {
        let spec = try Walkthrough.spec(atPath: shippedPath(name))
        return (spec, Walkthrough.notebook(spec))
    }

    static func number(_ page: Page, _ key: String) -> Double? {
        if case .number(let x)? = page.value(key) { return x }
        return nil
    }

    static func vector(_ page: Page, _ key: String) -> [Double]? {
        guard case .array(let items)? = page.value(key) else { return nil }
        return items.compactMap { if case .number(let x) = $0 { return x } else { return nil } }
    }

    static func sigmoid(_ z: Double) -> Double { 1 / (1 + Foundation.exp(-z)) }

    // MARK: Shipped examples

    @Test("every shipped example generates both languages with no NaN or infinity and every gradient checked",
          arguments: Walkthrough.shippedSpecs(root: TestSupport.packageRoot.path))
    func shippedExample(path: String) throws {
        let start = Date()
        let spec = try Walkthrough.spec(atPath: path)
        let page = Walkthrough.notebook(spec)
        let files = Walkthrough.files(page, languages: [.en, .zh])
        let seconds = Date().timeIntervalSince(start)
        print("walkthrough \(spec.name): generated in \(Int(seconds * 1000)) ms (debug build)")
        #expect(files.count >= 6)
        for (name, contents) in files where name.hasSuffix(".md") {
            #expect(!contents.contains("NaN") && !contents.contains(" inf") && !contents.contains("null"), "\(name)")
        }
        let failures = try #require(Self.number(page, "check_failures"))
        #expect(failures == 0, "\(spec.name): \(failures) gradients disagree with central differences")
        #expect(try #require(Self.number(page, "check_max_relative_error")) < 1e-6)
        #expect(page.warnings.isEmpty, "\(page.warnings)")
    }

    @Test("the Chinese edition of every shipped walkthrough: no ASCII punctuation beside Chinese characters",
          arguments: Walkthrough.shippedSpecs(root: TestSupport.packageRoot.path))
    func chineseTypography(path: String) throws {
        let spec = try Walkthrough.spec(atPath: path)
        let page = Walkthrough.notebook(spec)
        let markdown = MarkdownRenderer.render(page, language: .zh, context: Walkthrough.context)
        let offenders = ChineseTypographyTests.offenders(ChineseTypographyTests.prose(markdown))
        #expect(offenders.isEmpty, "\(spec.name): \(offenders.prefix(5))")
    }

    @Test("the 2-2-2 example: the article's numbers (E_total 0.298371109, w5⁺ 0.35891648, w1⁺ 0.149780716) and an independent hand computation")
    func mazur() throws {
        let (_, page) = try Self.page("mazur-2-2-2")
        // Independent: the article's formulas written out here.
        let i1 = 0.05, i2 = 0.10, t1 = 0.01, t2 = 0.99, eta = 0.5
        let (w1, w2, w3, w4, w5, w6, w7, w8, b1, b2) = (0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55, 0.35, 0.60)
        let h1 = Self.sigmoid(w1 * i1 + w2 * i2 + b1), h2 = Self.sigmoid(w3 * i1 + w4 * i2 + b1)
        let o1 = Self.sigmoid(w5 * h1 + w6 * h2 + b2), o2 = Self.sigmoid(w7 * h1 + w8 * h2 + b2)
        let e = 0.5 * (t1 - o1) * (t1 - o1) + 0.5 * (t2 - o2) * (t2 - o2)
        let d1 = (o1 - t1) * o1 * (1 - o1), d2 = (o2 - t2) * o2 * (1 - o2)
        let expected: [String: Double] = [
            "out_h1": h1, "out_h2": h2, "out_o1": o1, "out_o2": o2, "E_total": e,
            "dE_total_dw5": d1 * h1, "w5_updated": w5 - eta * d1 * h1, "w6_updated": w6 - eta * d1 * h2,
            "w7_updated": w7 - eta * d2 * h1, "w8_updated": w8 - eta * d2 * h2,
            "w1_updated": w1 - eta * (d1 * w5 + d2 * w7) * h1 * (1 - h1) * i1,
            "w4_updated": w4 - eta * (d1 * w6 + d2 * w8) * h2 * (1 - h2) * i2,
            "b1_h1_updated": b1, "b2_o2_updated": b2,
        ]
        for (key, value) in expected {
            let got = try #require(Self.number(page, key), "\(key) missing")
            #expect(abs(got - value) <= 1e-15 * max(1, abs(value)), "\(key): \(got) vs \(value)")
        }
        // The article's printed values, at their printed precision.
        #expect(printed(try #require(Self.number(page, "out_h1")), 9) == 0.593269992)
        #expect(printed(try #require(Self.number(page, "out_o1")), 8) == 0.75136507)
        #expect(printed(try #require(Self.number(page, "E_total")), 9) == 0.298371109)
        #expect(printed(try #require(Self.number(page, "dE_total_dw5")), 9) == 0.082167041)
        #expect(printed(try #require(Self.number(page, "w5_updated")), 8) == 0.35891648)
        #expect(printed(try #require(Self.number(page, "w6_updated")), 9) == 0.408666186)
        #expect(printed(try #require(Self.number(page, "w7_updated")), 9) == 0.511301270)
        #expect(printed(try #require(Self.number(page, "w8_updated")), 9) == 0.561370121)
        #expect(printed(try #require(Self.number(page, "w1_updated")), 9) == 0.149780716)
        #expect(printed(try #require(Self.number(page, "w2_updated")), 8) == 0.19956143)
        #expect(printed(try #require(Self.number(page, "w3_updated")), 8) == 0.24975114)
        #expect(printed(try #require(Self.number(page, "w4_updated")), 8) == 0.29950229)
    }

    @Test("Zhou's network on Alice agrees with the backprop-by-hand lesson to 1e-15")
    func zhouAgreesWithLesson() throws {
        let (_, page) = try Self.page("zhou-alice")
        let lesson = BackpropLesson.alice(SigmoidNetwork(sizes: [2, 2, 1], weight: 1, bias: 0))
        #expect(abs(try #require(Self.number(page, "h1")) - lesson.pass.a[0][0]) <= 1e-15)
        #expect(abs(try #require(Self.number(page, "h2")) - lesson.pass.a[0][1]) <= 1e-15)
        #expect(abs(try #require(Self.number(page, "o1")) - lesson.pass.output[0]) <= 1e-15)
        #expect(abs(try #require(Self.number(page, "L")) - lesson.loss) <= 1e-15)
        // The lesson's flat order is w1 … w6, b1, b2, b3.
        let gradient = lesson.net.gradient(input: lesson.x, target: [lesson.y])
        for (k, name) in BackpropLesson.names.enumerated() {
            let got = try #require(Self.number(page, "dL_d\(name)"), "dL_d\(name) missing")
            #expect(abs(got - gradient[k]) <= 1e-15, "\(name): \(got) vs \(gradient[k])")
            let updated = try #require(Self.number(page, "\(name)_updated"))
            #expect(abs(updated - (lesson.net.parameters[k] - 0.1 * gradient[k])) <= 1e-15, "\(name)")
        }
        #expect(printed(try #require(Self.number(page, "dL_dw1")), 5) == 0.02147)
    }

    @Test("the conv example agrees with the conv-pool lesson's network (same numbers, TinyConvNet) to 1e-12")
    func convAgreesWithLesson() throws {
        let (spec, page) = try Self.page("conv-relu-pool-dense")
        let s = try ConvPoolLesson.parse([]).setup()
        #expect(spec.examples[0].input == s.input.values)
        let f = s.net.forward(s.input, target: [s.target])
        let b = s.net.backward(f)
        #expect(abs(try #require(Self.number(page, "L")) - f.loss) <= 1e-12)
        let gradient = try #require(Self.vector(page, "gradient"))
        let expected = b.conv.weights + b.conv.bias + b.fcWeights.transposed.values + b.fcBias
        #expect(gradient.count == expected.count)
        for (g, e) in zip(gradient, expected) { #expect(abs(g - e) <= 1e-12 * max(1, abs(e))) }
    }

    @Test("the batch example: the gradient is the mean of the four examples' gradients, and the matrix form agrees")
    func batchMean() throws {
        let (spec, page) = try Self.page("tanh-relu-2-3-3-2")
        #expect(spec.examples.count == 4)
        let net = WalkthroughNetwork(spec)
        let gradient = try #require(Self.vector(page, "gradient"))
        // Independent: central differences of the mean loss, parameter by parameter.
        let numeric = GradientCheck.centralDifferences(at: net.parameters) { net.with(parameters: $0).loss(spec.examples) }
        for (g, n) in zip(gradient, numeric) { #expect(abs(g - n) < 1e-8) }
        #expect(try #require(Self.number(page, "matrix_vs_units_max_difference")) < 1e-15)
        let losses = try #require(Self.vector(page, "training_losses"))
        #expect(losses.count == spec.update.steps + 2)
        #expect(losses.last! < losses.first!)
    }

    @Test("a JSON spec gives the same numbers as the same spec in YAML, and its errors name JSON lines too")
    func jsonSpec() throws {
        let json = """
            {"name": "zhou-json", "input": 2,
             "layers": [
               {"type": "dense", "units": 2, "activation": "sigmoid", "weights": [[1, 1], [1, 1]], "biases": [0, 0]},
               {"type": "dense", "units": 1, "activation": "sigmoid", "weights": [[1, 1]], "biases": [0]}],
             "examples": [{"input": [-2, -1], "target": [1]}],
             "loss": {"type": "squared-error", "scaling": "mean"},
             "update": {"learning_rate": 0.1}}
            """
        let fromJSON = Walkthrough.notebook(try Walkthrough.spec(fromText: json))
        let (_, fromYAML) = try Self.page("zhou-alice")
        #expect(Self.vector(fromJSON, "gradient") == Self.vector(fromYAML, "gradient"))
        #expect(Self.number(fromJSON, "L") == Self.number(fromYAML, "L"))
        let bad = json.replacingOccurrences(of: "\"weights\": [[1, 1]]", with: "\"weights\": [[1, 1, 1]]")
        do { _ = try Walkthrough.spec(fromText: bad); Issue.record("accepted a bad JSON spec") } catch let e as SpecError {
            #expect(e.description == "line 4: layers[1].weights: expected 1 row of 2 (units × inputs), got 1 row of 3", "\(e)")
        }
    }

    // MARK: Bad specs

    static let mazurText: String = (try? String(contentsOfFile: shippedPath("mazur-2-2-2"), encoding: .utf8)) ?? ""

    @Test("a bad spec names the place in the file and what is expected",
          arguments: [
            ("input: 2\ninput_names: [i1, i2]\n", "input: 3\n", "layers[0].weights: expected 2 rows of 3 (units × inputs), got 2 rows of 2"),
            ("    weights:\n      - [0.40, 0.45]", "    weights:\n      - [0.40, 0.45]\n      - [0.1, 0.2]", "layers[1].weights: expected 2 rows of 2 (units × inputs), got 3 rows of 2"),
            ("activation: sigmoid\n    weights:            #", "activation: swish\n    weights:            #", "layers[0].activation: expected the activation: one of identity, step, sigmoid, tanh, relu, leaky-relu, elu, softmax, got 'swish'"),
            ("learning_rate: 0.5", "learning_rate: -2", "update.learning_rate: expected the learning rate from 0 to 100, got -2"),
            ("steps: 10000", "stepz: 10000", "update.stepz: unknown key 'stepz'; accepted: learning_rate, optimizer, freeze, steps"),
            ("target: [0.01, 0.99]", "target: [0.01]", "examples[0].target: expected 2 numbers (one per output unit), got 1"),
            ("target: [0.01, 0.99]", "target: [0.01, .nan]", "examples[0].target[1]: expected a number, got '.nan'"),
            ("  scaling: half-sum", "  scaling: halfsum", "loss.scaling: expected the scaling: one of half-sum, mean, sum, got 'halfsum'"),
            ("biases: [b1_h1, b1_h2]", "biases: [b1_h1, w1]", "layers[0].names: the name 'w1' is used twice; every name must be unique (it is a key in --json)"),
            ("freeze: [biases]", "freeze: [bias]", "update.freeze[0]: expected weights, biases or layers[i] with i from 0 to 1, got 'bias'"),
          ])
    func badSpec(find: String, replace: String, expected: String) throws {
        let text = Self.mazurText.replacingOccurrences(of: find, with: replace)
        #expect(text != Self.mazurText, "the replacement did not apply: \(find)")
        do {
            _ = try Walkthrough.spec(fromText: text)
            Issue.record("accepted a bad spec: \(replace)")
        } catch let error as SpecError {
            #expect(error.description.hasSuffix(expected), "\(error.description)")
            #expect(error.line != nil, "no line for \(expected)")
            #expect(error.exitCode == 65)
        }
    }

    @Test("syntax errors and limits name the line and the accepted range")
    func syntaxAndLimits() throws {
        let broken = Self.mazurText.replacingOccurrences(of: "input_names: [i1, i2]", with: "input_names: [i1, i2")
        do { _ = try Walkthrough.spec(fromText: broken); Issue.record("accepted broken YAML") } catch let e as SpecError {
            #expect(e.line != nil && e.description.contains("not valid YAML or JSON"), "\(e)")
        }
        var examples = "examples:\n"
        for _ in 0..<65 { examples += "  - input: [0.05, 0.10]\n    target: [0.01, 0.99]\n" }
        let many = Self.mazurText.replacingOccurrences(of: "examples:\n  - input: [0.05, 0.10]\n    target: [0.01, 0.99]\n", with: examples)
        do { _ = try Walkthrough.spec(fromText: many); Issue.record("accepted 65 examples") } catch let e as SpecError {
            #expect(e.description.hasSuffix("examples: expected 1 to 64 examples, got 65"), "\(e)")
        }
        let wide = "name: wide\ninput: 1000\nlayers:\n  - {type: dense, units: 1001, init: he}\n  - {type: dense, units: 1, init: he}\nexamples:\n  - {input: [\(Array(repeating: "0", count: 1000).joined(separator: ","))], target: [0]}\nloss: squared-error\nupdate: {learning_rate: 0.1}\n"
        do { _ = try Walkthrough.spec(fromText: wide); Issue.record("accepted a network past the work limit") } catch let e as SpecError {
            #expect(e.description.contains("accepted: at most"), "\(e)")
        }
        do { _ = try Walkthrough.spec(atPath: "/nonexistent/spec.yaml"); Issue.record("read a missing file") } catch let e as SpecError {
            #expect(e.exitCode == 66)
        }
    }

    @Test("the command line: exit 65 for a bad spec, 66 for a missing file, nothing written; a good spec writes both languages")
    func commandLine() throws {
        let folder = TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("bad.yaml")
        try Self.mazurText.replacingOccurrences(of: "units: 2\n    activation: sigmoid\n    weights:            #", with: "units: 3\n    activation: sigmoid\n    weights:            #")
            .replacingOccurrences(of: "biases: [0.35, 0.35]", with: "biases: [0.35, 0.35, 0.35]")
            .write(to: bad, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("site")
        let r1 = try TestSupport.run("longhand", ["walkthrough", bad.path, "--out", out.path])
        #expect(r1.status == 65, "\(r1.stderr)")
        #expect(r1.stderr.contains("layers[0].weights: expected 3 rows of 2 (units × inputs), got 2 rows of 2"), "\(r1.stderr)")
        #expect(r1.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let r2 = try TestSupport.run("longhand", ["walkthrough", folder.appendingPathComponent("missing.yaml").path, "--out", out.path])
        #expect(r2.status == 66)
        #expect(!FileManager.default.fileExists(atPath: out.path))
        // A good spec next to a bad one: still nothing written.
        let r3 = try TestSupport.run("longhand", ["walkthrough", Self.shippedPath("zhou-alice"), bad.path, "--out", out.path])
        #expect(r3.status == 65)
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let r4 = try TestSupport.run("longhand", ["walkthrough", Self.shippedPath("zhou-alice"), "--out", out.path, "--json"])
        #expect(r4.status == 0, "\(r4.stderr)")
        for lang in ["en", "zh"] {
            for ext in ["md", "html", "ipynb"] {
                #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(lang)/walkthroughs/zhou-alice.\(ext)").path))
            }
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r4.stdout.utf8)) as? [String: Any])
        #expect(json["walkthrough"] as? String == "zhou-alice")
    }

    // MARK: Fuzz and properties

    @Test("fuzz: thousands of mutated specs never crash, hang or produce a NaN; each either renders or is refused with a place")
    func fuzz() throws {
        var random = SeededRandom(seed: 2026)
        // A few training steps keep each page fast; the mutations themselves may ask for more.
        let texts = Walkthrough.shippedSpecs(root: TestSupport.packageRoot.path).compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
            .map { $0.replacingOccurrences(of: #"steps: \d+"#, with: "steps: 5", options: .regularExpression) }
        let pieces = ["-", "1e9", "0", "[", "]", "{", "}", ":", ",", "\n", " ", "999999", "-1", "nan", "type: flatten", "units: 4096",
                      "steps: 100000", "softmax", "relu", "\"", "#", "&a", "*a", "- ", "label: 7", "1.5", "2", "null", "~", "true"]
        var rendered = 0, refused = 0
        var slowest = 0.0
        for i in 0..<2000 {
            var chars = Array(texts[i % texts.count])
            for _ in 0..<(1 + random.index(below: 3)) {
                let at = random.index(below: chars.count)
                switch random.index(below: 4) {
                case 0: chars.remove(at: at)
                case 1: chars.insert(contentsOf: pieces[random.index(below: pieces.count)], at: at)
                case 2: chars.replaceSubrange(at..<min(chars.count, at + random.index(below: 6)), with: Array(pieces[random.index(below: pieces.count)]))
                default:
                    let other = random.index(below: chars.count)
                    let lo = min(at, other), hi = min(chars.count, lo + random.index(below: 40))
                    chars.insert(contentsOf: Array(chars[lo..<hi]), at: max(at, other))
                }
            }
            let text = String(chars)
            let start = Date()
            do {
                // The Markdown of both editions (HTML and notebooks are printed from the same page).
                let page = Walkthrough.notebook(try Walkthrough.spec(fromText: text))
                rendered += 1
                for language in Language.allCases {
                    let contents = MarkdownRenderer.render(page, language: language, context: Walkthrough.context)
                    #expect(!contents.contains("NaN"), "NaN on a page from mutation \(i)")
                }
            } catch let e as SpecError {
                refused += 1
                #expect(!e.message.isEmpty)
            }
            slowest = max(slowest, Date().timeIntervalSince(start))
        }
        print("walkthrough fuzz: \(rendered) rendered, \(refused) refused, slowest \(Int(slowest * 1000)) ms")
        #expect(rendered + refused == 2000)
        #expect(slowest < 30)
    }

    /// A random valid spec: 1 to 3 dense layers (or a conv front), random widths, activations and losses.
    static func randomSpec(_ random: inout SeededRandom, index: Int) -> String {
        func num(_ r: ClosedRange<Double>) -> String { RandomArguments.text(RandomArguments.number(&random, r, decimals: 3)) }
        let smooth = ["sigmoid", "tanh", "identity", "elu", "leaky-relu", "relu"]
        let conv = random.index(below: 4) == 0
        var text = "name: random-\(index)\nseed: \(random.index(below: 1000))\n"
        var layers = ""
        var width: Int
        if conv {
            let side = 4 + random.index(below: 3), channels = 1 + random.index(below: 2)
            text += "input: {channels: \(channels), rows: \(side), columns: \(side)}\n"
            let k = 2 + random.index(below: 2), pad = random.index(below: 2)
            let out = side - k + 2 * pad + 1
            let pool = out % 2 == 0 ? 2 : 1
            let c = 1 + random.index(below: 2)
            layers += "  - {type: conv2d, channels: \(c), kernel: \(k), padding: \(pad), activation: \(smooth[random.index(below: smooth.count)]), init: glorot, biases: [\((0..<c).map { _ in num(-0.5...0.5) }.joined(separator: ", "))]}\n"
            layers += "  - {type: \(random.index(below: 2) == 0 ? "max-pool" : "average-pool"), size: \(pool)}\n  - {type: flatten}\n"
            width = c * (out / pool) * (out / pool)
            _ = width
        } else {
            width = 1 + random.index(below: 4)
            text += "input: \(width)\n"
        }
        let hidden = random.index(below: 3)
        for _ in 0..<hidden {
            let units = 1 + random.index(below: 4)
            layers += "  - {type: dense, units: \(units), activation: \(smooth[random.index(below: smooth.count)]), init: {scheme: normal, sd: \(num(0.2...1.5))}, biases: [\((0..<units).map { _ in num(-1...1) }.joined(separator: ", "))]}\n"
        }
        let lossKind = random.index(below: 3)
        let outputs = lossKind == 2 ? 2 + random.index(below: 3) : 1 + random.index(below: 3)
        let outAct = lossKind == 0 ? smooth[random.index(below: 4)] : lossKind == 1 ? "sigmoid" : "softmax"
        layers += "  - {type: dense, units: \(outputs), activation: \(outAct), init: glorot}\n"
        text += "layers:\n" + layers
        let n = 1 + random.index(below: 4)
        let inputCount: Int
        if conv, let line = text.split(separator: "\n").first(where: { $0.hasPrefix("input:") }) {
            let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            inputCount = numbers.reduce(1, *)
        } else {
            inputCount = width
        }
        text += "examples:\n"
        for _ in 0..<n {
            let x = (0..<inputCount).map { _ in num(-2...2) }.joined(separator: ", ")
            var line = "  - {input: [\(x)], "
            switch lossKind {
            case 0: line += "target: [\((0..<outputs).map { _ in num(-1...1) }.joined(separator: ", "))]}"
            case 1: line += "target: [\((0..<outputs).map { _ in num(0...1) }.joined(separator: ", "))]}"
            default: line += "label: \(random.index(below: outputs))}"
            }
            text += line + "\n"
        }
        if conv {
            // Maps are given as one flat list only for vector inputs: reshape the lines to maps.
            text = text.replacingOccurrences(of: "input: [", with: "input: [")
        }
        let scaling = ["half-sum", "mean", "sum"][random.index(below: 3)]
        text += lossKind == 0 ? "loss: {type: squared-error, scaling: \(scaling)}\n" : lossKind == 1 ? "loss: binary-cross-entropy\n" : "loss: softmax-cross-entropy\n"
        let optimizer = ["sgd", "momentum", "adam"][random.index(below: 3)]
        text += "update: {learning_rate: \(num(0.01...0.5)), optimizer: \(optimizer), steps: \(random.index(below: 20))}\n"
        return text
    }

    @Test("property: random valid specs — every gradient matches central differences (away from kinks), no NaN on any page")
    func randomSpecs() throws {
        var random = SeededRandom(seed: 18)
        var largest = 0.0, checked = 0, nearKinks = 0
        for i in 0..<150 {
            var text = Self.randomSpec(&random, index: i)
            if text.contains("channels:") {
                // Turn each flat conv input into maps: [c][rows][columns].
                let header = text.split(separator: "\n").first { $0.hasPrefix("input:") }!
                let dims = header.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
                let (c, r, k) = (dims[0], dims[1], dims[2])
                var lines: [String] = []
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    guard line.hasPrefix("  - {input: [") else { lines.append(String(line)); continue }
                    let inside = line.drop { $0 != "[" }.dropFirst().prefix { $0 != "]" }
                    let v = inside.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    let maps = (0..<c).map { ch in "[" + (0..<r).map { row in "[" + v[(ch * r + row) * k..<(ch * r + row + 1) * k].joined(separator: ", ") + "]" }.joined(separator: ", ") + "]" }
                    let rest = line.drop { $0 != "]" }.dropFirst()
                    lines.append("  - {input: [" + maps.joined(separator: ", ") + "]" + rest)
                }
                text = lines.joined(separator: "\n")
            }
            let spec: WalkthroughSpec
            do { spec = try Walkthrough.spec(fromText: text) } catch {
                Issue.record("random spec \(i) refused: \(error)\n\(text)")
                continue
            }
            let page = WalkthroughPage(spec: spec)
            let entries = page.gradientCheck()
            if page.nearKink { nearKinks += 1; continue }
            for e in entries {
                #expect(e.passes(), "spec \(i): analytic \(e.analytic) vs numeric \(e.numeric)\n\(text)")
                if abs(e.analytic - e.numeric) >= 1e-9 { largest = max(largest, e.relativeError) }
            }
            checked += 1
            let notebook = Walkthrough.notebook(spec)
            let md = MarkdownRenderer.render(notebook, language: .en, context: Walkthrough.context)
            #expect(!md.contains("NaN"), "NaN on the page of random spec \(i)")
        }
        print("walkthrough property test: \(checked) random specs checked (\(nearKinks) skipped near a kink), largest relative gradient error \(largest)")
        #expect(checked >= 100)
    }
}
