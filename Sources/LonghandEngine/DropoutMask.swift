/// An inverted-dropout mask: each unit kept with probability p and then scaled by 1/p, or dropped (0).
///
/// Scaling the kept units by 1/p during training keeps each unit's expected output unchanged,
/// so at prediction time every unit is used as it is and nothing needs rescaling. (The older
/// form multiplies by p at prediction time instead; the two give the same expected outputs.)
public enum DropoutMask {
    /// A rows × columns mask of 0 and 1/p entries drawn from `random`, row by row.
    public static func draw(rows: Int, columns: Int, keep p: Double, using random: inout SeededRandom) -> Matrix {
        precondition(p > 0 && p <= 1, "the keep probability must be in (0, 1]")
        return Matrix(rows: rows, columns: columns) { _, _ in random.uniform() < p ? 1 / p : 0 }
    }
}
