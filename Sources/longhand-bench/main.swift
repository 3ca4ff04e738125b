import Curriculum
import Foundation
import Longhand

/// `longhand-bench mlp|conv`: the engine's side of `make bench` (run in a release build). Prints one JSON object.

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Digits MLP 64-32-10 (ReLU, softmax cross-entropy), minibatch SGD, batch 32, learning rate 0.1, 30 epochs.
func mlp() -> [String: Double] {
    let digits = Digits.all
    let x = digits.pixels.map { $0.map { $0 / 16 } }
    var random = SeededRandom(seed: 1)
    var net = Network(sizes: [64, 32, 10], hidden: .relu, output: .identity, initializer: .he, using: &random)
    let epochs = 30, batch = 32, n = x.count
    let trainer = MinibatchTrainer(network: net, batchSize: batch)
    let flat = x.flatMap { $0 }
    let start = Date()
    flat.withUnsafeBufferPointer { inputs in
        digits.labels.withUnsafeBufferPointer { labels in
            for _ in 0..<epochs {
                let order = random.permutation(n)
                var s = 0
                while s < n {
                    trainer.step(inputs: inputs.baseAddress!, labels: labels.baseAddress!, rows: order[s..<min(s + batch, n)], learningRate: 0.1)
                    s += batch
                }
            }
        }
    }
    let seconds = Date().timeIntervalSince(start)
    net = trainer.network
    let predictions = SoftmaxCrossEntropy.argmax(net.predict(Matrix(x)))
    let accuracy = Double(zip(predictions, digits.labels).filter { $0 == $1 }.count) / Double(n)
    return ["samples_per_second": Double(epochs * n) / seconds, "seconds": seconds, "train_accuracy": accuracy, "peak_memory_mb": peakMemoryMB()]
}

let which = CommandLine.arguments.dropFirst().first ?? "mlp"
let result: [String: Double]
switch which {
case "mlp": result = mlp()
default:
    FileHandle.standardError.write(Data("usage: longhand-bench mlp|conv\n".utf8))
    exit(64)
}
let json = "{" + result.keys.sorted().map { "\"\($0)\": \(result[$0]!)" }.joined(separator: ", ") + "}"
print(json)
