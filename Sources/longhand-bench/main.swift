import Curriculum
import Foundation
import LessonKit
import LessonServer
import LonghandEngine

/// `longhand-bench mlp|conv`: the engine's side of `make bench` (run in a release build). Prints one JSON object.
///
/// Protocol, the same as scripts/benchmarks/numpy_workloads.py: one warm-up run, then `repeats` timed
/// runs of the whole workload from the same starting point; the fastest run counts (the machine is
/// shared, and the fastest run is the one least disturbed by other processes).

/// Peak resident memory of this process in MB: VmHWM from /proc/self/status where there is one (it
/// belongs to this program alone; getrusage's maxrss can include the parent's memory at the fork
/// that started it), else getrusage.
func peakMemoryMB() -> Double {
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
       let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
       let kb = Double(line.split(separator: " ").dropFirst().first ?? "") {
        return kb / 1024
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// The fastest of `repeats` timed runs (after one untimed warm-up), in seconds.
func fastest(repeats: Int, _ body: () -> Void) -> Double {
    body()
    var best = Double.infinity
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

/// Digits MLP 64-32-10 (ReLU, softmax cross-entropy), minibatch SGD, batch 32, learning rate 0.1, 30 epochs
/// over all 1797 samples (pixels / 16), He-initialized weights, a new seeded order every epoch.
func mlp(repeats: Int) -> [String: Double] {
    let digits = Digits.all
    let flat = digits.pixels.flatMap { $0.map { $0 / 16 } }
    let epochs = 30, batch = 32, n = digits.labels.count
    var random = SeededRandom(seed: 1)
    let start = Network(sizes: [64, 32, 10], hidden: .relu, output: .identity, initializer: .he, using: &random)
    let shuffler = random
    var trained = start
    let seconds = fastest(repeats: repeats) {
        let trainer = MinibatchTrainer(network: start, batchSize: batch)
        var random = shuffler
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
        trained = trainer.network
    }
    let predictions = SoftmaxCrossEntropy.argmax(trained.predict(Matrix(rows: n, columns: 64, values: flat)))
    let accuracy = Double(zip(predictions, digits.labels).filter { $0 == $1 }.count) / Double(n)
    return ["samples_per_second": Double(epochs * n) / seconds, "seconds": seconds, "train_accuracy": accuracy, "peak_memory_mb": peakMemoryMB()]
}

/// One convolutional layer on a 28×28 input, 8 filters 3×3 (stride 1, no padding), ReLU, 2×2 max pooling,
/// forward and backward (kernel and input gradients), with a fixed upstream gradient on the pooled maps.
func conv(repeats: Int) -> [String: Double] {
    var random = SeededRandom(seed: 1)
    let x = Tensor3(channels: 1, rows: 28, columns: 28, values: (0..<784).map { _ in random.normal() })
    let layer = Conv2D(inChannels: 1, outChannels: 8, kernelSize: 3, weights: (0..<72).map { _ in random.normal() })
    let upstream = Tensor3(channels: 8, rows: 13, columns: 13, values: (0..<(8 * 169)).map { _ in random.normal() })
    let pool = MaxPool2D(size: 2)
    // Every buffer allocated once; the loop below allocates nothing.
    var z = Tensor3(channels: 8, rows: 26, columns: 26)
    var a = z, da = z
    var pooled = MaxPool2D.Forward(output: Tensor3(channels: 8, rows: 13, columns: 13), argmax: [Int](repeating: 0, count: 8 * 169))
    var grads = Conv2D.Gradients(input: Tensor3(channels: 1, rows: 28, columns: 28), weights: [Double](repeating: 0, count: 72), bias: [0, 0, 0, 0, 0, 0, 0, 0])
    let iterations = 2000
    func step() {
        layer.forward(x, into: &z)
        z.values.withUnsafeBufferPointer { zv in
            a.values.withUnsafeMutableBufferPointer { av in
                for q in 0..<zv.count { av[q] = zv[q] > 0 ? zv[q] : 0 }   // ReLU
            }
        }
        pool.forward(a, into: &pooled)
        pool.backward(outputGradient: upstream, argmax: pooled.argmax, into: &da)
        z.values.withUnsafeBufferPointer { zv in
            da.values.withUnsafeMutableBufferPointer { dv in
                for q in 0..<zv.count { dv[q] = zv[q] > 0 ? dv[q] : 0 }   // ⊙ ReLU′(z)
            }
        }
        layer.backward(input: x, outputGradient: da, into: &grads)
    }
    let seconds = fastest(repeats: repeats) { for _ in 0..<iterations { step() } }
    return ["microseconds_per_iteration": seconds / Double(iterations) * 1e6, "iterations": Double(iterations),
            "checksum": grads.weights.reduce(0, +) + grads.input.values.reduce(0, +), "peak_memory_mb": peakMemoryMB()]
}

/// `longhand-bench queries <n> [seed]`: n lesson URLs with random valid options (each lesson's own
/// `randomArguments`, within the server's budget), one per line, for the server's memory benchmark.
func printQueries(count: Int, seed: UInt64) {
    var random = SeededRandom(seed: seed)
    let lessons = Course.lessons.filter { !$0.optionDescriptions.isEmpty }
    guard !lessons.isEmpty else { return }
    var printed = 0, attempts = 0
    while printed < count && attempts < count * 50 {
        attempts += 1
        let type = lessons[Int(random.next() % UInt64(lessons.count))]
        if let line = query(type, random: &random) {
            print(line)
            printed += 1
        }
    }
}

func query<L: Lesson>(_ type: L.Type, random: inout SeededRandom) -> String? {
    let values = OptionValues.fromArguments(L.randomArguments(&random), descriptions: L.optionDescriptions)
    guard RequestBudget.standard.allows(lesson: L.id, values: values) else { return nil }
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ".-_"))
    let pairs = values.given.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
    let language = random.next() % 2 == 0 ? "en" : "zh"
    return "/\(language)/\(L.id).html" + (pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&"))
}

/// `longhand-bench budget`: the server's standard budget, one `lesson option cap` line each, for
/// timing runs at the caps (scripts/benchmarks/serve_bench.py --budget).
func printBudget() {
    for (lesson, caps) in RequestBudget.standard.caps.sorted(by: { $0.key < $1.key }) {
        for (option, cap) in caps.sorted(by: { $0.key < $1.key }) { print("\(lesson) \(option) \(cap)") }
    }
}

let arguments = CommandLine.arguments.dropFirst()
let which = arguments.first ?? "mlp"
if which == "budget" {
    printBudget()
    exit(0)
}
if which == "queries" {
    printQueries(count: arguments.dropFirst().first.flatMap { Int($0) } ?? 100, seed: arguments.dropFirst(2).first.flatMap { UInt64($0) } ?? 1)
    exit(0)
}
let repeats = arguments.dropFirst().first.flatMap { Int($0) }
let result: [String: Double]
switch which {
case "mlp": result = mlp(repeats: repeats ?? 10)
case "conv": result = conv(repeats: repeats ?? 5)
default:
    FileHandle.standardError.write(Data("usage: longhand-bench mlp|conv [repeats]\n".utf8))
    exit(64)
}
let json = "{" + result.keys.sorted().map { "\"\($0)\": \(result[$0]!)" }.joined(separator: ", ") + "}"
print(json)
