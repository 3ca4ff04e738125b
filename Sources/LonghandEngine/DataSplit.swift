/// A seeded split of sample indices into training, validation and test sets.
///
/// Training data fits the weights; validation data chooses among settings (a width, a stopping
/// point) without touching the test data; the test data is looked at once, at the end, for an
/// honest estimate on unseen samples.
public struct DataSplit: Equatable, Sendable {
    public let train: [Int]
    public let validation: [Int]
    public let test: [Int]

    /// Shuffles 0..<count with `seed` (Fisher–Yates), then takes round(count·trainFraction) indices
    /// for training, round(count·validationFraction) for validation and the rest for testing.
    /// Fractions must be in [0, 1] with a sum of at most 1.
    public init(count: Int, trainFraction: Double, validationFraction: Double, seed: UInt64) {
        precondition(count >= 0, "count must not be negative")
        precondition(trainFraction >= 0 && validationFraction >= 0 && trainFraction + validationFraction <= 1 + 1e-12,
                     "fractions must be non-negative with a sum of at most 1")
        var random = SeededRandom(seed: seed)
        let order = random.permutation(count)
        let nTrain = min(count, Int((Double(count) * trainFraction).rounded()))
        let nValidation = min(count - nTrain, Int((Double(count) * validationFraction).rounded()))
        train = Array(order[0..<nTrain])
        validation = Array(order[nTrain..<(nTrain + nValidation)])
        test = Array(order[(nTrain + nValidation)...])
    }

    /// The rows of `m` at `indices`, in that order.
    public static func rows(_ m: Matrix, _ indices: [Int]) -> Matrix {
        Matrix(rows: indices.count, columns: m.columns) { i, j in m[indices[i], j] }
    }

    /// The entries of `list` at `indices`, in that order.
    public static func pick<T>(_ list: [T], _ indices: [Int]) -> [T] { indices.map { list[$0] } }
}
