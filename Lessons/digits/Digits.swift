import LonghandEngine

/// The handwritten-digits data set: 1797 images of 8×8 pixels with values 0–16 and their labels.
public struct Digits: Sendable {
    /// One image per row, 64 pixel values 0–16, row by row.
    public let pixels: [[Double]]
    /// The digit each image shows, 0–9.
    public let labels: [Int]

    /// Unpacks the embedded copy of Data/digits.csv.
    public static let all: Digits = {
        var pixels: [[Double]] = [], labels: [Int] = []
        for line in DigitsData.packed.split(separator: "\n") {
            let chars = Array(line.utf8)
            guard chars.count == 65 else { continue }
            pixels.append(chars.prefix(64).map { Double($0 <= 57 ? Int($0) - 48 : Int($0) - 87) })
            labels.append(Int(chars[64]) - 48)
        }
        return Digits(pixels: pixels, labels: labels)
    }()

    /// Parses the CSV text (comment lines start with #), for checking the embedded copy.
    public static func parse(csv: String) -> Digits {
        var pixels: [[Double]] = [], labels: [Int] = []
        for line in csv.split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
            let values = line.split(separator: ",").compactMap { Int($0.filter { $0 != " " && $0 != "\r" }) }
            guard values.count == 65 else { continue }
            pixels.append(values.prefix(64).map(Double.init))
            labels.append(values[64])
        }
        return Digits(pixels: pixels, labels: labels)
    }

    /// A seeded split into training and test indices (the last `testFraction` of a random order).
    public func split(testFraction: Double, seed: UInt64) -> (train: [Int], test: [Int]) {
        var random = SeededRandom(seed: seed)
        let order = random.permutation(labels.count)
        let testCount = Int((Double(labels.count) * testFraction).rounded())
        return (Array(order.dropLast(testCount)), Array(order.suffix(testCount)))
    }
}
