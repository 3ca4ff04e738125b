import ArgumentParser
import LessonKit
import LonghandEngine
import Notebook

/// The activation of a network's hidden layers, as named on the command line (`--activation tanh`).
public enum NetworkActivation: String, ExpressibleByArgument, CaseIterable, Sendable {
    case sigmoid, tanh, relu
    case leakyReLU = "leaky-relu"
    case elu, identity

    /// The name used in prose: sigmoid, tanh, ReLU, leaky ReLU, ELU, identity.
    var displayName: String {
        switch self {
        case .relu: return "ReLU"
        case .leakyReLU: return "leaky ReLU"
        case .elu: return "ELU"
        default: return rawValue
        }
    }

    /// The engine's activation (leaky ReLU slope 0.01 and ELU α = 1, as in the texts).
    public var activation: Activation {
        switch self {
        case .sigmoid: return .sigmoid
        case .tanh: return .tanh
        case .relu: return .relu
        case .leakyReLU: return .leakyReLU(slope: 0.01)
        case .elu: return .elu(alpha: 1)
        case .identity: return .identity
        }
    }

    /// The function's symbol in TeX and plain text: σ, tanh, ReLU, …
    var symbol: (tex: String, text: String) {
        switch self {
        case .sigmoid: return ("\\sigma", "σ")
        case .tanh: return ("\\tanh", "tanh")
        case .relu: return ("\\operatorname{ReLU}", "ReLU")
        case .leakyReLU: return ("\\operatorname{LReLU}", "LReLU")
        case .elu: return ("\\operatorname{ELU}", "ELU")
        case .identity: return ("\\operatorname{id}", "id")
        }
    }

    /// The derivative's symbol: σ′, tanh′, …
    var derivativeSymbol: (tex: String, text: String) { (symbol.tex + "'", symbol.text + "′") }

    /// How the derivative is computed, in words and formulas, for prose.
    var derivativeRule: Localized {
        switch self {
        case .sigmoid: return Localized("$\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$", zh: "$\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$")
        case .tanh: return Localized("$\\tanh'(z) = 1 - \\tanh^2(z)$", zh: "$\\tanh'(z) = 1 - \\tanh^2(z)$")
        case .relu: return Localized("$\\operatorname{ReLU}'(z) = 1$ for $z > 0$, else 0", zh: "当 $z > 0$ 时 $\\operatorname{ReLU}'(z) = 1$，否则为 0")
        case .leakyReLU: return Localized("$\\operatorname{LReLU}'(z) = 1$ for $z > 0$, else 0.01", zh: "当 $z > 0$ 时 $\\operatorname{LReLU}'(z) = 1$，否则为 0.01")
        case .elu: return Localized("$\\operatorname{ELU}'(z) = 1$ for $z > 0$, else $e^z$", zh: "当 $z > 0$ 时 $\\operatorname{ELU}'(z) = 1$，否则为 $e^z$")
        case .identity: return Localized("$\\operatorname{id}'(z) = 1$", zh: "$\\operatorname{id}'(z) = 1$")
        }
    }
}
