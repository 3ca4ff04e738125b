import LonghandEngine
import Notebook

/// A small network described in a spec file: its layers and parameters, the training examples,
/// the loss, the update and what to predict. Everything a walkthrough page works out follows from it.
///
/// Orientation: a dense layer's `weights` are given one row per neuron (units × inputs), so row j
/// holds the weights into neuron j, as textbooks draw them; the engine stores the transpose.
public struct WalkthroughSpec: Sendable {
    /// The file name of the page: lowercase letters, digits and dashes.
    public var name: String
    /// The page title in both languages.
    public var title: Localized
    /// A paragraph introducing the network, in both languages (optional).
    public var description: Localized?
    /// What one example's input looks like.
    public var input: InputShape
    /// The inputs' names (vector inputs only); x1, x2, … by default.
    public var inputNames: [String]?
    public var layers: [LayerSpec]
    public var examples: [Example]
    public var loss: OutputLoss
    /// The loss's symbol on the page (L by default; E_total in some textbooks).
    public var lossSymbol: String
    public var update: UpdateSpec
    /// Inputs to predict after training.
    public var testInputs: [[Double]]
    /// The seed of every seeded initialisation.
    public var seed: UInt64

    /// The shape of an input: a vector of n numbers, or channels × rows × columns maps.
    public enum InputShape: Equatable, Sendable {
        case vector(Int)
        case maps(channels: Int, rows: Int, columns: Int)

        /// The number of input values.
        public var count: Int {
            switch self {
            case .vector(let n): return n
            case .maps(let c, let r, let k): return c * r * k
            }
        }
    }

    /// One training example: the input (maps flattened channel by channel, row by row) and the target.
    public struct Example: Sendable {
        public var input: [Double]
        public var target: [Double]
    }

    /// How a layer's parameters are initialised when not given.
    public enum Scheme: String, Sendable, CaseIterable {
        case normal, glorot, he
    }

    /// Where a layer's parameters come from.
    public enum Source: Sendable {
        /// Given in the file (weights in spec orientation; kernels [out][in][row][column]).
        case given(weights: [Double], biases: [Double])
        /// Drawn from the seeded generator; biases are given or zero.
        case seeded(Scheme, standardDeviation: Double, biases: [Double]?)
    }

    /// A dense layer's own names (any may be missing; missing ones use the layer-indexed notation).
    public struct Names: Sendable {
        public var neurons: [String]?
        public var z: [String]?
        public var a: [String]?
        /// [neuron][input].
        public var weights: [[String]]?
        public var biases: [String]?
    }

    /// One layer.
    public enum LayerSpec: Sendable {
        case dense(units: Int, activation: ActivationSpec, source: Source, names: Names)
        case conv2d(channels: Int, kernel: Int, stride: Int, padding: Int, activation: ActivationSpec, source: Source)
        case maxPool(size: Int, stride: Int)
        case averagePool(size: Int, stride: Int)
        case flatten
    }

    /// A dense or convolutional layer's activation; softmax only on the output.
    public enum ActivationSpec: Equatable, Sendable {
        case plain(Activation)
        case softmax

        /// The engine's element-wise activation (softmax is applied by the loss to the logits).
        public var engine: Activation {
            if case .plain(let a) = self { return a }
            return .identity
        }
    }

    /// The optimiser, learning rate, frozen parameters and how far to train.
    public struct UpdateSpec: Sendable {
        public enum Optimizer: Sendable, Equatable {
            case sgd
            case momentum(Double)
            case adam(beta1: Double, beta2: Double, epsilon: Double)
        }
        public var learningRate: Double
        public var optimizer: Optimizer
        /// "weights", "biases", or "layers[i]" (0-based, as in the file).
        public var freeze: [String]
        /// Further full-batch steps to train, shown as a curve (0: none).
        public var steps: Int
    }
}

/// The limits every spec must respect, so that a page is worked out in seconds and stays readable.
public enum WalkthroughLimits {
    /// Trainable parameters of the whole network.
    public static let parameters = 1_000_000
    /// Training examples in the batch.
    public static let examples = 64
    /// Layers.
    public static let layers = 16
    /// Units of one dense layer, channels of one conv layer.
    public static let units = 4096
    /// Input values of one example.
    public static let inputValues = 65_536
    /// Further training steps.
    public static let steps = 100_000
    /// Test inputs.
    public static let testInputs = 64
    /// parameters × (2·parameters + steps) × examples: the gradient check runs the network twice
    /// per parameter and training once per step, so this bounds the time of a page (a few seconds).
    public static let work = 400_000_000.0
    /// Bytes of the spec file.
    public static let fileBytes = 1_000_000
}
