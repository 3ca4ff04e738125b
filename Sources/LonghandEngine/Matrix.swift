/// A dense matrix of Doubles stored row by row in one contiguous array.
///
/// A vector is a 1×n (row) or n×1 (column) matrix; the engine's layers use row vectors so that
/// a batch is simply more rows, matching the texts' `H = X·W1 + b1`.
public struct Matrix: Equatable, Sendable, CustomStringConvertible {
    public let rows: Int
    public let columns: Int
    /// The entries, row-major: element (i, j) is `values[i * columns + j]`.
    public var values: [Double]

    /// A matrix with the given entries, row-major. `values.count` must be rows × columns.
    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(rows >= 0 && columns >= 0 && values.count == rows * columns,
                     "Matrix \(rows)×\(columns) needs \(rows * columns) values, got \(values.count)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix filled with one value.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, values: Array(repeating: value, count: rows * columns))
    }

    /// A matrix from nested rows; every row must have the same length.
    public init(_ nested: [[Double]]) {
        let columns = nested.first?.count ?? 0
        precondition(nested.allSatisfy { $0.count == columns }, "ragged rows")
        self.init(rows: nested.count, columns: columns, values: nested.flatMap { $0 })
    }

    /// A 1×n row vector.
    public init(row: [Double]) { self.init(rows: 1, columns: row.count, values: row) }

    /// An n×1 column vector.
    public init(column: [Double]) { self.init(rows: column.count, columns: 1, values: column) }

    /// A matrix whose entries are produced by `entry(i, j)`.
    public init(rows: Int, columns: Int, entry: (Int, Int) -> Double) {
        var v = [Double]()
        v.reserveCapacity(rows * columns)
        for i in 0..<rows { for j in 0..<columns { v.append(entry(i, j)) } }
        self.init(rows: rows, columns: columns, values: v)
    }

    /// Element (i, j).
    @inlinable public subscript(i: Int, j: Int) -> Double {
        get { values[i * columns + j] }
        set { values[i * columns + j] = newValue }
    }

    /// The rows as nested arrays (for printing and JSON).
    public var nested: [[Double]] {
        (0..<rows).map { i in Array(values[(i * columns)..<((i + 1) * columns)]) }
    }

    /// Row i as an array.
    public func row(_ i: Int) -> [Double] { Array(values[(i * columns)..<((i + 1) * columns)]) }

    /// Column j as an array.
    public func column(_ j: Int) -> [Double] { (0..<rows).map { self[$0, j] } }

    /// The transpose.
    public var transposed: Matrix {
        // Written into one buffer: backpropagation transposes at every layer of every step.
        let (r, c) = (rows, columns)
        let out = [Double](unsafeUninitializedCapacity: r * c) { buffer, count in
            values.withUnsafeBufferPointer { a in
                for i in 0..<r { for j in 0..<c { buffer[j * r + i] = a[i * c + j] } }
            }
            count = r * c
        }
        return Matrix(rows: c, columns: r, values: out)
    }

    /// "rows×columns", as the lessons print shapes.
    public var shape: (rows: Int, columns: Int) { (rows, columns) }

    public var description: String { "Matrix(\(rows)×\(columns), \(nested))" }

    /// The matrix product self · other. Row i of the product is Σ_k a_ik · (row k of other), the terms
    /// added in the order k = 0, 1, … to 0 and a term with a_ik = 0 left out (it adds exactly 0 to a finite
    /// row): the order of additions the committed pages were computed with.
    public func multiplied(by other: Matrix) -> Matrix {
        precondition(columns == other.rows, "cannot multiply \(rows)×\(columns) by \(other.rows)×\(other.columns)")
        return product(rows: rows, inner: columns, rowStep: columns, termStep: 1, other)
    }

    /// selfᵀ · other without forming selfᵀ: row p of the product is Σ_i a_ip · (row i of other), the terms
    /// in the order i = 0, 1, … with a_ip = 0 left out, so the bits are those of `transposed * other`.
    /// Backpropagation's ∂L/∂W = Aᵀδ at every layer of every step is this product.
    public func transposedMultiplied(by other: Matrix) -> Matrix {
        precondition(rows == other.rows, "cannot multiply the transpose of \(rows)×\(columns) by \(other.rows)×\(other.columns)")
        return product(rows: columns, inner: rows, rowStep: 1, termStep: columns, other)
    }

    /// The one product loop: output row i is Σ_t c_it · (row t of other) for t = 0 ..< inner, where the
    /// coefficient c_it is values[i · rowStep + t · termStep] (rowStep = columns, termStep = 1 reads self's
    /// rows; rowStep = 1, termStep = columns reads its columns, i.e. selfᵀ). Zero coefficients are left out
    /// and the rest summed by `Kernels.combine`, which keeps a block of the row in registers for the whole
    /// sum: every training step of every lesson multiplies matrices.
    private func product(rows r: Int, inner k: Int, rowStep: Int, termStep: Int, _ other: Matrix) -> Matrix {
        let n = other.columns
        if r == 0 || k == 0 || n == 0 { return Matrix(rows: r, columns: n) }
        let out = [Double](unsafeUninitializedCapacity: r * n) { c, count in
            values.withUnsafeBufferPointer { a in
                other.values.withUnsafeBufferPointer { b in
                    let list = UnsafeMutablePointer<Int32>.allocate(capacity: k)
                    defer { list.deallocate() }
                    for i in 0..<r {
                        let coefficients = a.baseAddress! + i * rowStep
                        let terms = Kernels.listNonZero(coefficients, k, stride: termStep, into: list)
                        Kernels.combine(into: c.baseAddress! + i * n, columns: n, start: nil, list: list, count: terms,
                                        coefficients: coefficients, coefficientStride: termStep, rows: b.baseAddress!, rowStride: n)
                    }
                }
            }
            count = r * n
        }
        return Matrix(rows: r, columns: n, values: out)
    }

    /// Matrix product.
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix { lhs.multiplied(by: rhs) }

    /// Entry-wise sum; a 1×n right operand is added to every row (broadcasting a bias).
    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        if rhs.rows == 1 && lhs.rows != 1 && rhs.columns == lhs.columns {
            // Every layer's Z = XW + b goes through here: one pass over raw buffers.
            let (r, c) = (lhs.rows, lhs.columns)
            let out = [Double](unsafeUninitializedCapacity: r * c) { buffer, count in
                lhs.values.withUnsafeBufferPointer { a in
                    rhs.values.withUnsafeBufferPointer { b in
                        for i in 0..<r { for j in 0..<c { buffer[i * c + j] = a[i * c + j] + b[j] } }
                    }
                }
                count = r * c
            }
            return Matrix(rows: r, columns: c, values: out)
        }
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "shape mismatch in +")
        return Matrix(rows: lhs.rows, columns: lhs.columns, values: zip(lhs.values, rhs.values).map { $0 + $1 })
    }

    /// Entry-wise difference.
    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "shape mismatch in -")
        return Matrix(rows: lhs.rows, columns: lhs.columns, values: zip(lhs.values, rhs.values).map { $0 - $1 })
    }

    /// Every entry times a scalar.
    public static func * (lhs: Double, rhs: Matrix) -> Matrix { rhs.map { lhs * $0 } }

    /// Entry-wise (Hadamard) product ⊙.
    public func hadamard(_ other: Matrix) -> Matrix {
        precondition(rows == other.rows && columns == other.columns, "shape mismatch in ⊙")
        return Matrix(rows: rows, columns: columns, values: zip(values, other.values).map { $0 * $1 })
    }

    /// A matrix of the same shape with `transform` applied to every entry.
    public func map(_ transform: (Double) -> Double) -> Matrix {
        Matrix(rows: rows, columns: columns, values: values.map(transform))
    }

    /// The column sums as a 1×columns row (the bias gradient of a batch).
    public var columnSums: Matrix {
        var s = [Double](repeating: 0, count: columns)
        for i in 0..<rows { for j in 0..<columns { s[j] += self[i, j] } }
        return Matrix(row: s)
    }

    /// The sum of all entries.
    public var sum: Double { values.reduce(0, +) }
}
