/// Every quantity of a spec's network named: per dense layer its z, a, weights and biases, per
/// convolution its kernels and biases, and the flat list of parameter names in the engine's order.
struct NetworkNames {
    /// The names of one layer's quantities (empty lists for layers without them).
    struct Layer {
        /// The values entering the layer (its inputs), one per input value of a dense layer.
        var inputs: [Symbol] = []
        var z: [Symbol] = []
        var a: [Symbol] = []
        /// [unit][input].
        var weights: [[Symbol]] = []
        var biases: [Symbol] = []
        /// Short labels for the diagram's circles.
        var labels: [String] = []
        /// Convolution kernels in the engine's order [out][in][row][column].
        var kernels: [Symbol] = []
    }

    var layers: [Layer] = []
    var inputs: [Symbol] = []
    /// Every parameter, in the flat order of `WalkthroughNetwork.parameters`.
    var parameters: [Symbol] = []
    /// The loss symbol.
    let loss: Symbol

    /// The number of values entering each layer and its input channels, from the spec's shapes.
    static func widths(_ spec: WalkthroughSpec) -> [(values: Int, channels: Int)] {
        var shape: (c: Int, r: Int, k: Int)
        if case .maps(let c, let r, let k) = spec.input { shape = (c, r, k) } else { shape = (0, 0, 0) }
        var count = spec.input.count
        var out: [(Int, Int)] = []
        for layer in spec.layers {
            out.append((count, shape.c))
            switch layer {
            case .dense(let units, _, _, _):
                count = units
            case .conv2d(let channels, let k, let stride, let padding, _, _):
                shape = (channels, (shape.r - k + 2 * padding) / stride + 1, (shape.k - k + 2 * padding) / stride + 1)
                count = shape.c * shape.r * shape.k
            case .maxPool(let size, let stride), .averagePool(let size, let stride):
                shape = (shape.c, (shape.r - size) / stride + 1, (shape.k - size) / stride + 1)
                count = shape.c * shape.r * shape.k
            case .flatten:
                break
            }
        }
        return out
    }

    init(_ spec: WalkthroughSpec) {
        loss = spec.lossSymbol == "L" ? Symbol(tex: "L", text: "L", json: "L") : Names.custom(spec.lossSymbol)
        if case .vector(let n) = spec.input { inputs = (0..<n).map { Names.input($0, names: spec.inputNames) } }
        var previous = inputs
        let widths = Self.widths(spec)
        for (index, layer) in spec.layers.enumerated() {
            let l = index + 1
            let width = widths[index].values
            var names = Layer()
            switch layer {
            case .dense(let units, _, _, let custom):
                names.inputs = previous.count == width ? previous : (0..<width).map { Names.indexed("a", layer: l - 1, [$0 + 1]) }
                names.z = (0..<units).map { j in custom.z.map { Names.custom($0[j]) } ?? Names.indexed("z", layer: l, [j + 1]) }
                names.a = (0..<units).map { j in custom.a.map { Names.custom($0[j]) } ?? Names.indexed("a", layer: l, [j + 1]) }
                names.weights = (0..<units).map { j in
                    (0..<width).map { k in custom.weights.map { Names.custom($0[j][k]) } ?? Names.indexed("w", layer: l, [j + 1, k + 1]) }
                }
                names.biases = (0..<units).map { j in custom.biases.map { Names.custom($0[j]) } ?? Names.indexed("b", layer: l, [j + 1]) }
                names.labels = (0..<units).map { j in custom.neurons?[j] ?? custom.a?[j] ?? names.a[j].text }
                previous = names.a
            case .conv2d(let out, let k, _, _, _, _):
                let channels = widths[index].channels
                for o in 0..<out {
                    for c in 0..<channels {
                        for r in 0..<k {
                            for s in 0..<k {
                                let idx = [o + 1, c + 1, r + 1, s + 1].map(String.init)
                                names.kernels.append(Symbol(tex: "K^{(\(l))}_{\(idx.joined(separator: ","))}",
                                                            text: "K" + Names.raised("(\(l))") + "[" + idx.joined(separator: ",") + "]",
                                                            json: "K\(l)_" + idx.joined(separator: "_")))
                            }
                        }
                    }
                }
                names.biases = (0..<out).map { Names.indexed("b", layer: l, [$0 + 1]) }
                previous = []
            case .maxPool, .averagePool, .flatten:
                previous = []
            }
            layers.append(names)
        }
        parameters = layers.enumerated().flatMap { i, names -> [Symbol] in
            switch spec.layers[i] {
            case .dense: return names.weights.flatMap { $0 } + names.biases
            case .conv2d: return names.kernels + names.biases
            default: return []
            }
        }
    }
}
