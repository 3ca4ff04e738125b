/// A fully connected layer: Z = X·W + b, A = f(Z), for a batch X with one example per row.
///
/// W has one column per neuron (inputs × outputs), as in the texts' `H = X·W1 + b1`.
public struct Dense: Equatable, Sendable {
    public var weights: Matrix
    public var bias: Matrix
    public var activation: Activation

    /// A layer with the given weights (inputs × outputs), bias (1 × outputs) and activation.
    public init(weights: Matrix, bias: Matrix, activation: Activation) {
        precondition(bias.rows == 1 && bias.columns == weights.columns, "bias must be 1×\(weights.columns)")
        self.weights = weights
        self.bias = bias
        self.activation = activation
    }

    /// A layer whose neuron j has weights `neurons[j]` and bias `biases[j]`.
    public init(neurons: [[Double]], biases: [Double], activation: Activation) {
        let w = Matrix(neurons).transposed
        self.init(weights: w, bias: Matrix(row: biases), activation: activation)
    }

    /// Number of inputs each neuron takes.
    public var inputCount: Int { weights.rows }
    /// Number of neurons.
    public var outputCount: Int { weights.columns }

    /// Neuron j as a single neuron (its column of W and its bias).
    public func neuron(_ j: Int) -> Neuron {
        Neuron(weights: weights.column(j), bias: bias[0, j], activation: activation)
    }

    /// The forward pass of one layer, keeping Z as well as A for backpropagation.
    public struct Forward: Equatable, Sendable {
        public let input: Matrix
        public let z: Matrix
        public let output: Matrix
    }

    /// Z = X·W + b and A = f(Z).
    public func forward(_ x: Matrix) -> Forward {
        let z = x * weights + bias
        return Forward(input: x, z: z, output: activation.applied(to: z))
    }

    // MARK: Parameters as one vector

    /// W (row by row) then b: the layer's share of every model's flat parameter vector.
    public var parameters: [Double] { weights.values + bias.values }
    /// The number of weights and biases.
    public var parameterCount: Int { weights.values.count + bias.values.count }

    /// The same layer with W and then b read from the front of `values` (the rest is ignored).
    public func with(parameters values: ArraySlice<Double>) -> Dense {
        precondition(values.count >= parameterCount, "need \(parameterCount) parameters, got \(values.count)")
        let nw = weights.values.count, start = values.startIndex
        return Dense(weights: Matrix(rows: weights.rows, columns: weights.columns, values: Array(values[start..<(start + nw)])),
                     bias: Matrix(rows: 1, columns: bias.columns, values: Array(values[(start + nw)..<(start + parameterCount)])),
                     activation: activation)
    }
}
