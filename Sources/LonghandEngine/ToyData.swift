/// Small seeded data sets in the plane for classifiers: the lessons train on them, tests check them.
public enum ToyData {
    /// Interleaved spiral arms, one class per arm, with seeded noise: a small data set that a straight
    /// line cannot separate. Arm c at radius r (from 0.15 to 1) has angle 2πc/classes + 3.2r + noise,
    /// so points are in about [−1, 1]². The rows come shuffled, so any prefix holds every class.
    public static func spiral(perClass: Int, classes: Int = 3, noise: Double = 0.08,
                              using random: inout SeededRandom) -> (x: Matrix, labels: [Int]) {
        var rows: [[Double]] = [], labels: [Int] = []
        for c in 0..<classes {
            for i in 0..<perClass {
                let r = 0.15 + 0.85 * Double(i) / Double(max(1, perClass - 1))
                let angle = 2 * Double.pi * Double(c) / Double(classes) + 3.2 * r + noise * 3 * random.normal()
                rows.append([r * Double.cos(angle), r * sine(angle)])
                labels.append(c)
            }
        }
        let order = random.permutation(rows.count)
        return (Matrix(order.map { rows[$0] }), order.map { labels[$0] })
    }

    /// `count` points in `classes` round clouds: point i belongs to class k = i mod classes, a normal
    /// cloud of standard deviation `spread` around the point at distance `radius` from the origin at
    /// angle 90° + 360°·k/classes.
    public static func clusters(count: Int, classes: Int = 3, radius: Double = 1.5, spread: Double,
                                using random: inout SeededRandom) -> (inputs: Matrix, labels: [Int]) {
        var values: [Double] = [], labels: [Int] = []
        for i in 0..<count {
            let k = i % classes
            let angle = Double.pi / 2 + 2 * Double.pi * Double(k) / Double(classes)
            let centre = (radius * Double.cos(angle), radius * sine(angle))
            values.append(centre.0 + spread * random.normal())
            values.append(centre.1 + spread * random.normal())
            labels.append(k)
        }
        return (Matrix(rows: count, columns: 2, values: values), labels)
    }

    /// sin x as cos(x − π/2): the data sets were first generated this way, and the committed pages
    /// depend on their exact bits.
    static func sine(_ x: Double) -> Double { Double.cos(x - Double.pi / 2) }
}
