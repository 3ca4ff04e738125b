import ArgumentParser

/// Checks shared by the lessons' `validate()`: each failure names the option, the value given
/// and what is accepted, in one line.
enum Check {
    static func count(_ list: [Double], _ expected: Int, option: String, what: String) throws {
        guard list.count == expected else {
            throw ValidationError("\(option): got \(list.count) number\(list.count == 1 ? "" : "s") (\(format(list))); \(what) needs exactly \(expected), comma-separated")
        }
    }

    static func range(_ x: Double, _ range: ClosedRange<Double>, option: String) throws {
        guard range.contains(x) else {
            throw ValidationError("\(option): \(format([x])) is out of range; accepted: \(format([range.lowerBound])) to \(format([range.upperBound]))")
        }
    }

    static func range(_ x: Int, _ range: ClosedRange<Int>, option: String) throws {
        guard range.contains(x) else {
            throw ValidationError("\(option): \(x) is out of range; accepted: whole numbers \(range.lowerBound) to \(range.upperBound)")
        }
    }

    static func magnitude(_ list: [Double], max limit: Double, option: String) throws {
        if let bad = list.first(where: { abs($0) > limit }) {
            throw ValidationError("\(option): \(format([bad])) is out of range; accepted: numbers from -\(format([limit])) to \(format([limit]))")
        }
    }

    static func format(_ list: [Double]) -> String {
        list.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : "\($0)" }.joined(separator: ",")
    }
}
