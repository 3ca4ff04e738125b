import Foundation
import LessonKit
import LonghandEngine
import Notebook

/// The walkthrough generator's entry points: spec text → spec → worked page → files, for the
/// command line (`longhand walkthrough SPEC`), the aggregate run and the live server's editor.
public enum Walkthrough {
    /// The folder below each language folder the pages go into: Output/en/walkthroughs/<name>.html.
    public static let folder = "walkthroughs"

    /// Where the shipped example specs live, relative to the package root.
    public static let shippedFolder = "Lessons/walkthroughs"

    /// The page context: standalone, inside the walkthroughs folder.
    public static var context: PageContext {
        var c = PageContext.standalone
        c.folder = folder
        return c
    }

    /// Parses and checks spec text (YAML or JSON); throws a `SpecError` naming the place in the text.
    public static func spec(fromText text: String) throws -> WalkthroughSpec {
        try SpecParser.parse(text)
    }

    /// Reads a spec file: a missing or unreadable file is a `SpecError` with exit code 66.
    public static func spec(atPath path: String) throws -> WalkthroughSpec {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw SpecError(path: "", line: nil, "cannot read '\(path)': no such file; give a .yaml or .json spec file", exitCode: 66)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpecError(path: "", line: nil, "cannot read '\(path)': permission denied or unreadable", exitCode: 66)
        }
        guard data.count <= WalkthroughLimits.fileBytes else {
            throw SpecError(path: "", line: nil, "the file has \(data.count) bytes; accepted: at most \(WalkthroughLimits.fileBytes)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SpecError(path: "", line: nil, "the file is not UTF-8 text")
        }
        return try spec(fromText: text)
    }

    /// The worked page of a spec.
    public static func notebook(_ spec: WalkthroughSpec) -> Page {
        var page = Page(id: spec.name, title: spec.title)
        WalkthroughPage(spec: spec).write(&page)
        return page
    }

    /// Every file of a page in the given languages, paths relative to the output folder.
    public static func files(_ page: Page, languages: [Language]) -> [(String, String)] {
        languages.flatMap { LessonRunner.files(for: page, language: $0, context: context) }
    }

    /// The context the printed renderers need: the output root and the `--json` header (the spec's name
    /// and its resolved network, every starting parameter, so an independent evaluator can recompute everything).
    public static func printContext(_ spec: WalkthroughSpec, outputRoot: String = "Output") -> PageContext {
        var c = context
        c.outputRoot = outputRoot
        c.jsonHeader = [("walkthrough", .string(spec.name)), ("parameters", .object(parameters(spec)))]
        return c
    }

    /// The `--json` object with its final newline: the header above and every named value.
    public static func json(_ spec: WalkthroughSpec, page: Page) -> String {
        PageRenderers.printed(.json, page, language: .en, context: printContext(spec))
    }

    /// What the live editor needs: the page (for rendering in memory) or the error with its place.
    public struct Rendered: Sendable {
        public let spec: WalkthroughSpec
        public let page: Page
        /// Relative path → contents, both languages.
        public let files: [(String, String)]
        public let json: String
    }

    /// Spec text → every rendered file in memory; throws a `SpecError` (with line and path) for bad text.
    public static func render(text: String, languages: [Language] = [.en, .zh]) throws -> Rendered {
        let spec = try spec(fromText: text)
        let page = notebook(spec)
        return Rendered(spec: spec, page: page, files: files(page, languages: languages), json: json(spec, page: page))
    }

    /// The shipped example specs (sorted paths), or none when the folder is absent.
    public static func shippedSpecs(root: String = ".") -> [String] {
        let dir = (root as NSString).appendingPathComponent(shippedFolder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || ($0.hasSuffix(".json") && !$0.hasSuffix(".schema.json")) }
            .sorted().map { (dir as NSString).appendingPathComponent($0) }
    }

    /// The index's part for walkthroughs.
    public static let part = Localized("Your own network", zh: "你自己的网络")

    /// One line for the index, computed from the spec.
    public static func summary(_ spec: WalkthroughSpec) -> Localized {
        let net = WalkthroughNetwork(spec)
        let sizes: String
        switch spec.input {
        case .vector(let n): sizes = ([n] + spec.layers.compactMap { if case .dense(let u, _, _, _) = $0 { return u } else { return nil } }).map(String.init).joined(separator: "-")
        case .maps(let c, let r, let k): sizes = "\(c)×\(r)×\(k) → " + spec.layers.map { layer -> String in
            switch layer {
            case .dense(let u, _, _, _): return "dense \(u)"
            case .conv2d(let c, let k, _, _, _, _): return "conv \(c)×\(k)×\(k)"
            case .maxPool(let s, _): return "max-pool \(s)"
            case .averagePool(let s, _): return "avg-pool \(s)"
            case .flatten: return "flatten"
            }
        }.joined(separator: " → ")
        }
        let loss: Localized
        switch spec.loss {
        case .squaredError(.halfSum): loss = Localized("½Σ squared error", zh: "½Σ 平方误差")
        case .squaredError(.mean): loss = Localized("mean squared error", zh: "均方误差")
        case .squaredError(.sum): loss = Localized("Σ squared error", zh: "Σ 平方误差")
        case .binaryCrossEntropy: loss = Localized("binary cross-entropy", zh: "二元交叉熵")
        case .softmaxCrossEntropy: loss = Localized("softmax cross-entropy", zh: "softmax 交叉熵")
        }
        let n = spec.examples.count, p = net.parameters.count
        return Localized("\(sizes), \(p) parameters, \(loss.en), \(n) example\(n == 1 ? "" : "s"): every derivative and update worked out.",
                         zh: "\(sizes)，\(p) 个参数，\(loss.zh)，\(n) 个样本：每个导数和每次更新都算出来。")
    }

    /// The spec as resolved: every layer with its starting parameters (dense weights units × inputs).
    static func parameters(_ spec: WalkthroughSpec) -> [(String, JSONValue)] {
        let net = WalkthroughNetwork(spec)
        var layers: [JSONValue] = []
        for (i, layer) in net.layers.enumerated() {
            switch (layer, spec.layers[i]) {
            case (.dense(let d, let softmax), _):
                layers.append(.object([("type", .string("dense")), ("activation", activationJSON(d.activation, softmax: softmax)),
                                       ("weights", .matrix(d.weights.transposed.nested)), ("biases", .vector(d.bias.values))]))
            case (.conv(let c, let f), _):
                layers.append(.object([("type", .string("conv2d")), ("activation", activationJSON(f, softmax: false)),
                                       ("kernel", .number(Double(c.kernelRows))), ("stride", .number(Double(c.stride))), ("padding", .number(Double(c.padding))),
                                       ("kernels", .array((0..<c.outChannels).map { o in .array((0..<c.inChannels).map { ch in .matrix(c.kernel(o, ch)) }) })),
                                       ("biases", .vector(c.bias))]))
            case (.maxPool(let p), _):
                layers.append(.object([("type", .string("max-pool")), ("size", .number(Double(p.size))), ("stride", .number(Double(p.stride)))]))
            case (.averagePool(let p), _):
                layers.append(.object([("type", .string("average-pool")), ("size", .number(Double(p.size))), ("stride", .number(Double(p.stride)))]))
            case (.flatten, _):
                layers.append(.object([("type", .string("flatten"))]))
            }
        }
        let input: JSONValue
        switch spec.input {
        case .vector(let n): input = .number(Double(n))
        case .maps(let c, let r, let k): input = .vector([Double(c), Double(r), Double(k)])
        }
        let loss: String
        switch spec.loss {
        case .squaredError(let s): loss = "squared-error/" + s.rawValue
        case .binaryCrossEntropy: loss = "binary-cross-entropy"
        case .softmaxCrossEntropy: loss = "softmax-cross-entropy"
        }
        let optimizer: JSONValue
        switch spec.update.optimizer {
        case .sgd: optimizer = .object([("type", .string("sgd"))])
        case .momentum(let b): optimizer = .object([("type", .string("momentum")), ("momentum", .number(b))])
        case .adam(let b1, let b2, let e): optimizer = .object([("type", .string("adam")), ("beta1", .number(b1)), ("beta2", .number(b2)), ("epsilon", .number(e))])
        }
        let page = WalkthroughPage(spec: spec)
        return [
            ("name", .string(spec.name)),
            ("input", input),
            ("layers", .array(layers)),
            ("loss", .string(loss)),
            ("loss_key", .string(page.names.loss.json)),
            ("learning_rate", .number(spec.update.learningRate)),
            ("optimizer", optimizer),
            ("frozen", .array(page.frozen.map { .bool($0) })),
            ("steps", .number(Double(spec.update.steps))),
            ("examples", .array(spec.examples.map { .object([("input", .vector($0.input)), ("target", .vector($0.target))]) })),
            ("parameter_names", .array(page.names.parameters.map { .string($0.json) })),
        ]
    }

    static func activationJSON(_ f: Activation, softmax: Bool) -> JSONValue {
        if softmax { return .string("softmax") }
        switch f {
        case .identity: return .string("identity")
        case .step: return .string("step")
        case .sigmoid: return .string("sigmoid")
        case .tanh: return .string("tanh")
        case .relu: return .string("relu")
        case .leakyReLU(let a): return .object([("type", .string("leaky-relu")), ("alpha", .number(a))])
        case .elu(let a): return .object([("type", .string("elu")), ("alpha", .number(a))])
        }
    }
}

extension Walkthrough {
    /// The shipped examples as (name, spec text), for the live editor's preset picker.
    public static func presets(root: String = ".") -> [(name: String, text: String)] {
        shippedSpecs(root: root).compactMap { path in
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            return (((path as NSString).lastPathComponent as NSString).deletingPathExtension, text)
        }
    }
}
