import Foundation
import Testing
@testable import LonghandEngine
@testable import Curriculum

/// The answer key of lesson 3, `feedforward` (source texts 002 and 003).
@Suite("feedforward answer key")
struct FeedforwardTests {
    func sigma(_ z: Double) -> Double { 1 / (1 + Foundation.exp(-z)) }

    @Test("2-2-1 network: h1 = h2 = 0.9526, o1 = 0.7216")
    func sigmoidNetwork() throws {
        let v = try TestSupport.values("feedforward")
        let h = sigma(3)
        let o = sigma(h)
        #expect(printed(v.number("h1")!, 4) == 0.9526)
        #expect(printed(v.number("h2")!, 4) == 0.9526)
        #expect(printed(v.number("o1")!, 4) == 0.7216)
        #expect(abs(v.number("h1")! - h) < 1e-12)
        #expect(abs(v.number("o1")! - o) < 1e-12)
    }

    @Test("ReLU network of 002: n1 = 8, n2 = 3, y1 = 46, y2 = 0")
    func reluNetwork() throws {
        let v = try TestSupport.values("feedforward")
        #expect(v.number("n1") == 8)
        #expect(v.number("n2") == 3)
        #expect(v.number("y1") == 46)
        #expect(v.number("y2") == 0)
        #expect(v.matrix("Y") == [[46, 0]])
        #expect(v.matrix("Z2") == [[46, -13]])
    }

    @Test("matrix form equals the neuron-by-neuron computation for a batch")
    func batch() {
        let x = Matrix([[3, 4], [1, -1], [0, 0], [-2, 5]])
        let y = FeedforwardLesson.reluOutput.forward(FeedforwardLesson.reluHidden.forward(x).output).output
        for i in 0..<4 {
            let row = x.row(i)
            let n1 = max(row[0] * 1 + row[1] * -1 + 9, 0), n2 = max(row[0] * 2 + row[1] * 0 - 3, 0)
            #expect(y[i, 0] == max(n1 * 4 + n2 * 3 + 5, 0))
            #expect(y[i, 1] == max(n1 * -2 + n2 * 1, 0))
        }
    }

    @Test("two linear layers equal one: W = W1·W2 = [[10, 0], [-4, 2]], b = [32, -21]")
    func linearCollapse() throws {
        let v = try TestSupport.values("feedforward")
        #expect(v.matrix("W_combined") == [[10, 0], [-4, 2]])
        #expect(v.matrix("b_combined") == [[32, -21]])
        #expect(v.matrix("y_linear_two_layers") == v.matrix("y_linear_one_layer"))
    }

    @Test("feedforward --inputs 1,-1 matches an independent computation")
    func changedOptions() throws {
        let v = try TestSupport.values("feedforward", ["--inputs", "1,-1", "--weights", "0.5,2", "--bias", "-1"])
        let h = sigma(0.5 * 1 + 2 * -1 - 1)
        #expect(abs(v.number("h1")! - h) < 1e-12)
        #expect(abs(v.number("o1")! - sigma(0.5 * h + 2 * h - 1)) < 1e-12)
    }

    @Test("exercise 3: W = [[-1], [-1]], b = [[1]]")
    func exercise() throws {
        let v = try TestSupport.values("feedforward")
        #expect(v.matrix("exercise3_W") == [[-1], [-1]])
        #expect(v.matrix("exercise3_b") == [[1]])
    }
}
