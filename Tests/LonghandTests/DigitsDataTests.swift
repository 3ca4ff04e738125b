import Foundation
import Testing
@testable import Curriculum

/// The embedded digits data equals the shipped CSV, and the seeded split is a partition.
@Suite("digits data")
struct DigitsDataTests {
    @Test("the embedded copy holds the same 1797 samples as Data/digits.csv")
    func embeddedMatchesCSV() throws {
        let url = TestSupport.packageRoot.appendingPathComponent("Lessons/digits/Data/digits.csv")
        let csv = try Digits.parse(csv: String(contentsOf: url, encoding: .utf8))
        let embedded = Digits.all
        #expect(embedded.labels.count == 1797)
        #expect(embedded.labels == csv.labels)
        #expect(embedded.pixels == csv.pixels)
        #expect(embedded.pixels.allSatisfy { $0.count == 64 && $0.allSatisfy { (0...16).contains($0) } })
        // The first sample is a 0, as in scikit-learn's load_digits().
        #expect(embedded.labels[0] == 0)
        #expect(Set(embedded.labels) == Set(0...9))
    }

    @Test("the seeded split is a partition and reproducible")
    func split() {
        let a = Digits.all.split(testFraction: 0.2, seed: 1), b = Digits.all.split(testFraction: 0.2, seed: 1)
        #expect(a.train == b.train && a.test == b.test)
        #expect(a.test.count == 359)
        #expect(Set(a.train + a.test) == Set(0..<1797))
    }
}
