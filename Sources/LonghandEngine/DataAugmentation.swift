/// Data augmentation by jitter: extra training samples made by adding small seeded noise to the
/// inputs of the real ones, with the same targets.
///
/// The new samples say "a slightly different input should give about the same output", which is
/// exactly the smoothness an overfitting network lacks between its training points.
public enum DataAugmentation {
    /// The original rows followed by `copies` jittered copies of all of them: copy k of row i is
    /// row i plus N(0, sd²) noise on every input (drawn copy by copy, row by row). Targets repeat.
    public static func jittered(inputs x: Matrix, targets y: Matrix, copies: Int, standardDeviation sd: Double,
                                using random: inout SeededRandom) -> (inputs: Matrix, targets: Matrix) {
        precondition(x.rows == y.rows, "one target row per input row")
        precondition(copies >= 0 && sd >= 0, "copies and noise must not be negative")
        var xs = x.values, ys = y.values
        for _ in 0..<copies {
            xs += x.values.map { $0 + sd * random.normal() }
            ys += y.values
        }
        return (Matrix(rows: x.rows * (copies + 1), columns: x.columns, values: xs),
                Matrix(rows: y.rows * (copies + 1), columns: y.columns, values: ys))
    }
}
