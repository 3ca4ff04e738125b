import LonghandEngine
import Notebook

/// Writes the worked page of a spec: the network, the forward pass neuron by neuron, the loss, the
/// backward pass with every chain-rule product, the matrix form, the update, the gradient check,
/// training and predictions; every number from the engine, every sentence about numbers chosen by code.
struct WalkthroughPage {
    let spec: WalkthroughSpec
    let network: WalkthroughNetwork
    let names: NetworkNames
    let evaluation: WalkthroughNetwork.Evaluation

    /// Neurons worked one by one per layer; the rest are in the matrices and in --json.
    static let neuronLimit = 8
    /// Weights worked one by one per neuron.
    static let weightLimit = 8
    /// Examples worked neuron by neuron; all of them enter the batch sums and matrices.
    static let exampleLimit = 4
    /// Parameters listed one by one in the update, the mean and the check table.
    static let parameterLimit = 32

    init(spec: WalkthroughSpec) {
        self.spec = spec
        network = WalkthroughNetwork(spec)
        names = NetworkNames(spec)
        evaluation = network.evaluate(spec.examples)
    }

    var n: Int { spec.examples.count }
    var shownExamples: Int { min(n, Self.exampleLimit) }

    func write(_ page: inout Page) {
        writeIntroduction(&page)
        writeNetwork(&page)
        writeExamples(&page)
        writeForward(&page)
        writeLoss(&page)
        writeBackward(&page)
        writeMatrixForm(&page)
        let updated = writeUpdate(&page)
        writeCheck(&page)
        let trained = writeTraining(&page, after: updated)
        writePredictions(&page, network: trained)
    }

    // MARK: Helpers

    static func fmt(_ x: Double) -> String { NumberFormat.short(x) }

    /// "example 2" / "样本 2", or nothing for a single example.
    func exampleLabel(_ e: Int) -> Localized { Localized("example \(e + 1)", zh: "样本 \(e + 1)") }

    /// A quantity's JSON key for example e (suffixed only when there are several examples).
    func key(_ symbol: Symbol, _ e: Int) -> String { n == 1 ? symbol.json : "\(symbol.json)@\(e + 1)" }

    /// The activation's symbol and how its value and slope are written with the numbers plugged in.
    static func activationSymbol(_ f: Activation) -> (tex: String, text: String) {
        switch f {
        case .sigmoid: return ("\\sigma", "σ")
        case .tanh: return ("\\tanh", "tanh")
        case .relu: return ("\\operatorname{ReLU}", "ReLU")
        case .leakyReLU: return ("\\operatorname{LReLU}", "LReLU")
        case .elu: return ("\\operatorname{ELU}", "ELU")
        case .step: return ("\\operatorname{step}", "step")
        case .identity: return ("\\operatorname{id}", "id")
        }
    }

    static func activationName(_ f: WalkthroughSpec.ActivationSpec) -> Localized {
        switch f {
        case .softmax: return Localized("softmax", zh: "softmax")
        case .plain(let a):
            switch a {
            case .sigmoid: return Localized("sigmoid", zh: "sigmoid（S 型）")
            case .tanh: return Localized(same: "tanh")
            case .relu: return Localized(same: "ReLU")
            case .leakyReLU(let s): return Localized("leaky ReLU (α = \(fmt(s)))", zh: "leaky ReLU（α = \(fmt(s))）")
            case .elu(let s): return Localized("ELU (α = \(fmt(s)))", zh: "ELU（α = \(fmt(s))）")
            case .step: return Localized("step", zh: "阶跃")
            case .identity: return Localized("identity", zh: "恒等")
            }
        }
    }

    /// f(z) with z plugged in, expanded where the function has a formula.
    static func activationSteps(_ f: Activation, _ z: Double) -> [Expr] {
        let s = activationSymbol(f)
        let call = Expr.call(tex: s.tex, text: s.text, [.n(z)])
        switch f {
        case .sigmoid: return [call, .sigmoidFormula(z)]
        case .tanh: return [call, .quotient(.difference(.exp(.n(z)), .exp(.n(-z))), .sum([.exp(.n(z)), .exp(.n(-z))]))]
        case .relu: return [call, .call(tex: "\\max", text: "max", [.n(z), .n(0)])]
        case .leakyReLU(let a): return z > 0 ? [call] : [call, .product([.n(a), .n(z)])]
        case .elu(let a): return z > 0 ? [call] : [call, .product([.n(a), .group(.difference(.exp(.n(z)), .n(1)))])]
        case .step, .identity: return [call]
        }
    }

    /// f′(z) with z plugged in, expanded where the derivative has a formula in f's value.
    static func derivativeSteps(_ f: Activation, _ z: Double) -> [Expr] {
        let s = activationSymbol(f)
        let call = Expr.call(tex: s.tex + "'", text: s.text + "′", [.n(z)])
        switch f {
        case .sigmoid:
            let a = f.apply(z)
            return [call, .product([.n(a), .group(.difference(.n(1), .n(a)))])]
        case .tanh:
            let a = f.apply(z)
            return [call, .difference(.n(1), .power(.n(a), .n(2)))]
        case .elu(let alpha) where z <= 0:
            return [call, .product([.n(alpha), .exp(.n(z))])]
        default:
            return [call]
        }
    }

    /// The products w·a of a weighted sum and its bias, elided past the sum limit.
    static func weightedSum(_ w: [Double], _ a: [Double], bias: Double) -> Expr {
        let terms: [Expr] = zip(w, a).map { .product([.n($0), .n($1)]) } + [.n(bias)]
        return .elidedSum(terms, limit: weightLimit + 1)
    }

    /// The same with symbols.
    static func symbolicSum(_ w: [Symbol], _ a: [Symbol], bias: Symbol) -> Expr {
        let terms: [Expr] = zip(w, a).map { .product([$0.expr, $1.expr]) } + [bias.expr]
        return .elidedSum(terms, limit: weightLimit + 1)
    }

    /// The dense layers' indices.
    var denseLayers: [Int] {
        network.layers.indices.filter { if case .dense = network.layers[$0] { return true } else { return false } }
    }

    /// The layer's description for tables.
    func layerDescription(_ i: Int) -> Localized {
        switch spec.layers[i] {
        case .dense(let units, let f, _, _):
            return Localized("dense, \(units) unit\(units == 1 ? "" : "s"), ", zh: "全连接，\(units) 个单元，") + Self.activationName(f)
        case .conv2d(let c, let k, let s, let p, let f, _):
            return Localized("conv2d, \(c) channel\(c == 1 ? "" : "s"), \(k)×\(k) kernels, stride \(s), padding \(p), ",
                             zh: "卷积，\(c) 个通道，\(k)×\(k) 卷积核，步长 \(s)，填充 \(p)，") + Self.activationName(f)
        case .maxPool(let size, let s): return Localized("max pooling \(size)×\(size), stride \(s)", zh: "最大池化 \(size)×\(size)，步长 \(s)")
        case .averagePool(let size, let s): return Localized("average pooling \(size)×\(size), stride \(s)", zh: "平均池化 \(size)×\(size)，步长 \(s)")
        case .flatten: return Localized("flatten", zh: "展平")
        }
    }

    /// The shape a signal has, as text.
    static func shapeText(_ s: WalkthroughNetwork.Signal) -> String {
        switch s {
        case .vector(let v): return "\(v.count)"
        case .maps(let t): return "\(t.channels)×\(t.rows)×\(t.columns)"
        }
    }

    /// A loss-scaling sentence for the page, naming the scaling.
    var lossDefinition: (tex: String, text: String, name: Localized) {
        switch spec.loss {
        case .squaredError(.halfSum):
            return ("\\ell = \\tfrac{1}{2}\\sum_k (y_k - a_k)^2", "ℓ = ½ Σ_k (y_k − a_k)²", Localized("squared error with the factor ½ (½Σ)", zh: "带系数 ½ 的平方误差（½Σ）"))
        case .squaredError(.mean):
            return ("\\ell = \\tfrac{1}{K}\\sum_k (y_k - a_k)^2", "ℓ = (1/K) Σ_k (y_k − a_k)²", Localized("mean squared error over the K outputs", zh: "对 K 个输出取平均的均方误差"))
        case .squaredError(.sum):
            return ("\\ell = \\sum_k (y_k - a_k)^2", "ℓ = Σ_k (y_k − a_k)²", Localized("summed squared error (Σ, no factor)", zh: "不带系数的平方误差之和（Σ）"))
        case .binaryCrossEntropy:
            return ("\\ell = -\\sum_k \\left[y_k \\ln a_k + (1 - y_k) \\ln(1 - a_k)\\right]", "ℓ = −Σ_k [y_k ln a_k + (1 − y_k) ln(1 − a_k)]",
                    Localized("binary cross-entropy (natural logarithm)", zh: "二元交叉熵（自然对数）"))
        case .softmaxCrossEntropy:
            return ("\\ell = -\\sum_k y_k \\ln p_k, \\quad p_k = \\frac{e^{z_k}}{\\sum_m e^{z_m}}", "ℓ = −Σ_k y_k ln p_k,  p_k = e^(z_k) / Σ_m e^(z_m)",
                    Localized("softmax cross-entropy (natural logarithm)", zh: "softmax 交叉熵（自然对数）"))
        }
    }
}

extension Page {
    /// A worked step with a computed value that is recorded elsewhere (or not at all).
    mutating func step(_ lhs: Expr, _ chain: [Expr], value: Double) {
        step(nil, lhs, chain, value: value)
    }
}

extension WalkthroughPage {
    /// Chinese text after a Chinese character: a space before a Latin word (softmax), none before Chinese.
    static func spaced(_ zh: String) -> String {
        guard let first = zh.unicodeScalars.first, first.isASCII else { return zh }
        return " " + zh
    }
}
