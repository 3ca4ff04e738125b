import Foundation
import Testing
@testable import LonghandEngine

/// A training run that diverges is a result to learn from: detected at the step it happens, explained on
/// the page, a warning on stderr, exit code 0, and no NaN anywhere.
@Suite("divergence")
struct DivergenceTests {
    @Test("quadrant-net with learning rate 50 stops at the step the loss explodes and says so")
    func quadrantNetDiverges() throws {
        let folder = TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try TestSupport.run("quadrant-net", ["--learning-rate", "50", "--json", "--out", folder.path])
        #expect(r.status == 0)
        #expect(r.stderr.hasPrefix("warning: quadrant-net: Training diverged at iteration"))
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let values = try #require(json?["values"] as? [String: Any])
        #expect(values.number("diverged_at") == 6)
        #expect(!r.stdout.contains("null"))
        let page = try String(contentsOf: folder.appendingPathComponent("en/quadrant-net.md"), encoding: .utf8)
        #expect(page.contains("Training diverged at iteration 6"))
        #expect(!page.contains("NaN"))
        let zh = try String(contentsOf: folder.appendingPathComponent("zh/quadrant-net.md"), encoding: .utf8)
        #expect(zh.contains("发散"))
    }

    @Test("the engine stops at the first step whose loss or gradient is non-finite or whose loss passes 10¹²")
    func engineDetects() throws {
        var random = SeededRandom(seed: 3)
        let net = Network(sizes: [2, 8, 3], hidden: .relu, output: .identity, initializer: .he, using: &random)
        let x = Matrix([[1, 1], [-1, 1], [-1, -1]])
        let calm = net.trained(on: x, .softmaxCrossEntropy(labels: [0, 1, 2]), learningRate: 0.1, iterations: 50)
        #expect(calm.divergedAt == nil)
        let wild = net.trained(on: x, .softmaxCrossEntropy(labels: [0, 1, 2]), learningRate: 1e6, iterations: 50)
        let step = try #require(wild.divergedAt)
        let finiteLosses = wild.losses.allSatisfy { $0.isFinite }
        let finiteParameters = wild.network.parameters.allSatisfy { $0.isFinite }
        #expect(finiteLosses)
        #expect(finiteParameters)
        #expect(wild.losses.count == step)
        let loss = try #require(wild.divergedLoss)
        #expect(!loss.isFinite || loss > Divergence.lossLimit)
        #expect(wild.losses.allSatisfy { $0 <= Divergence.lossLimit })
    }
}
