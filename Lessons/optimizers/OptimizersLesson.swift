import ArgumentParser
import LessonKit
import LonghandEngine
import Notebook

/// Lesson 16: plain gradient descent, momentum and Adam, each update written out on a two-variable
/// bowl, their paths compared on one contour figure, the same three on a small network, and the
/// "default best configuration" of `002` (He, ELU, batch normalization, dropout, Adam) assembled and trained.
public struct OptimizersLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: id,
        abstract: "Gradient descent, momentum and Adam written out step by step; 002's default configuration trained.",
        discussion: """
        The bowl is C(v1, v2) = a·v1² + b·v2² with --bowl a,b. --learning-rate is shared by plain gradient \
        descent and momentum, --adam-rate is Adam's. The network part trains on seeded spiral data with \
        --network-rate and --network-adam-rate. Bad input prints one line naming the option and exits with 64.
        """)
    public static let position = 160
    public static let title = Localized("Optimizers: gradient descent, momentum and Adam", zh: "优化器：梯度下降、动量与 Adam")
    public static let summary = Localized("Each optimizer's first updates written out on a narrow bowl, their paths on one contour plot, the same three on a network, and 002's default configuration (He, ELU, batch norm, dropout, Adam) trained against plain SGD.",
                                          zh: "在狭长的碗形函数上逐步写出三种优化器的更新，把路径画在同一张等高线图上；再在网络上比较三者，并训练 002 的默认最优配置（He、ELU、批量归一化、Dropout、Adam），与普通 SGD 对比。")
    public static let part = CoursePart.trainingCraft

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: Self.help("bowl"))
    public var bowl = NumberList([1, 50])

    @Option(name: .long, parsing: .unconditional, help: Self.help("start"))
    public var start = NumberList([-4, 1])

    @Option(name: .long, parsing: .unconditional, help: Self.help("learning-rate"))
    public var learningRate = FiniteNumber(0.018)

    @Option(name: .long, parsing: .unconditional, help: Self.help("momentum"))
    public var momentum = FiniteNumber(0.9)

    @Option(name: .long, parsing: .unconditional, help: Self.help("adam-rate"))
    public var adamRate = FiniteNumber(0.2)

    @Option(name: .long, parsing: .unconditional, help: Self.help("beta1"))
    public var beta1 = FiniteNumber(0.9)

    @Option(name: .long, parsing: .unconditional, help: Self.help("beta2"))
    public var beta2 = FiniteNumber(0.999)

    @Option(name: .long, parsing: .unconditional, help: Self.help("epsilon"))
    public var epsilon = FiniteNumber(1e-8)

    @Option(name: .long, parsing: .unconditional, help: Self.help("steps"))
    public var steps = 200

    @Option(name: .long, parsing: .unconditional, help: Self.help("tolerance"))
    public var tolerance = FiniteNumber(1e-4)

    @Option(name: .long, parsing: .unconditional, help: Self.help("network-rate"))
    public var networkRate = FiniteNumber(0.5)

    @Option(name: .long, parsing: .unconditional, help: Self.help("network-adam-rate"))
    public var networkAdamRate = FiniteNumber(0.02)

    @Option(name: .long, parsing: .unconditional, help: Self.help("epochs"))
    public var epochs = 200

    @Option(name: .long, parsing: .unconditional, help: Self.help("seed"))
    public var seed = 5

    public init() {}

    public static var options: [LessonOption<Self>] {[
        .numbers("bowl", \.bowl, count: .exactly(2), each: 0.01...1000,
                 label: Localized("Bowl coefficients", zh: "碗的系数"),
                 help: Localized("The bowl's coefficients a, b in C = a·v1² + b·v2²", zh: "碗 C = a·v1² + b·v2² 的系数 a、b"), valueName: "a,b")
            .sampled(.list(count: .exactly(2), each: 0.1...100)),
        .numbers("start", \.start, count: .exactly(2), each: -100...100,
                 label: Localized("Starting point", zh: "起点"), help: Localized("The starting point (v1, v2)", zh: "起点 (v1, v2)"), valueName: "v1,v2")
            .sampled(.list(count: .exactly(2), each: -10...10)),
        .number("learning-rate", \.learningRate, 1e-9...10,
                label: Localized("Learning rate η", zh: "学习率 η"),
                help: Localized("Learning rate η of gradient descent and momentum on the bowl", zh: "碗上梯度下降和动量法的学习率 η"), valueName: "eta")
            .sampled(.number(0.001...0.5)),
        .number("momentum", \.momentum, 0...0.999,
                label: Localized("Momentum β", zh: "动量 β"),
                help: Localized("Momentum β, the fraction of the velocity kept each step", zh: "动量 β，每一步保留的速度比例"), valueName: "beta")
            .sampled(.number(0...0.99)),
        .number("adam-rate", \.adamRate, 1e-9...10,
                label: Localized("Adam's rate", zh: "Adam 的学习率"), help: Localized("Adam's learning rate on the bowl", zh: "Adam 在碗上的学习率"), valueName: "eta")
            .sampled(.number(0.001...1)),
        .number("beta1", \.beta1, 0...0.999,
                label: Localized("Adam β1", zh: "Adam 的 β1"), help: Localized("Adam's β1, decay of the first moment", zh: "Adam 的 β1，一阶矩的衰减率"), valueName: "b1")
            .sampled(.number(0...0.99)),
        .number("beta2", \.beta2, 0...0.99999,
                label: Localized("Adam β2", zh: "Adam 的 β2"), help: Localized("Adam's β2, decay of the second moment", zh: "Adam 的 β2，二阶矩的衰减率"), valueName: "b2")
            .sampled(.number(0.5...0.999)),
        .number("epsilon", \.epsilon, 1e-12...1,
                label: Localized("Adam ε", zh: "Adam 的 ε"), help: Localized("Adam's ε", zh: "Adam 的 ε"), valueName: "eps")
            .sampled(.number(1e-8...1e-8)),
        .integer("steps", \.steps, 1...2000,
                 label: Localized("Steps on the bowl", zh: "碗上的步数"), help: Localized("Steps on the bowl", zh: "在碗上走的步数"))
            .sampled(.integer(1...300)),
        .number("tolerance", \.tolerance, 1e-12...1,
                label: Localized("Tolerance", zh: "容差"), help: Localized("The bowl counts as reached when C falls below this", zh: "C 低于这个值就算到达碗底"), valueName: "tol")
            .sampled(.number(1e-4...1e-4)),
        .number("network-rate", \.networkRate, 1e-9...10,
                label: Localized("Network rate", zh: "网络的学习率"),
                help: Localized("Learning rate of gradient descent and momentum on the network", zh: "网络上梯度下降和动量法的学习率"), valueName: "eta")
            .sampled(.number(0.001...3)),
        .number("network-adam-rate", \.networkAdamRate, 1e-9...1,
                label: Localized("Network Adam rate", zh: "网络上 Adam 的学习率"), help: Localized("Adam's learning rate on the network", zh: "Adam 在网络上的学习率"), valueName: "eta")
            .sampled(.number(0.001...0.5)),
        .integer("epochs", \.epochs, 1...2000,
                 label: Localized("Training steps", zh: "训练步数"), help: Localized("Training steps of the networks", zh: "网络的训练步数"))
            .sampled(.integer(1...10)),
        .integer("seed", \.seed, 0...Int.max,
                 label: Localized("Seed", zh: "随机种子"), help: Localized("Seed of the data, the weights and the dropout masks", zh: "数据、权重和 dropout 掩码的种子"))
            .sampled(.integer(0...1000)),
    ]}

    // MARK: The bowl

    /// C(v) = a·v1² + b·v2², its gradient (2a·v1, 2b·v2) and its minimum 0 at the origin.
    typealias Bowl = QuadraticBowl

    var theBowl: Bowl { Bowl(coefficients: bowl.values) }

    /// One optimizer's run on the bowl: every point, cost, gradient and optimizer state.
    struct BowlRun<O: Optimizer> {
        /// path[t] is the point after t steps (path[0] is the start).
        var path: [[Double]] = []
        var costs: [Double] = []
        /// gradients[t] is the gradient at path[t], used for step t + 1.
        var gradients: [[Double]] = []
        /// states[t] is the optimizer after t + 1 steps.
        var states: [O] = []
        /// The step at which the cost diverged (`Divergence`); the run stops there.
        var divergedAt: Int?
        /// The first step after which C < tolerance.
        var reachedAt: Int?
    }

    static func run<O: Optimizer>(_ optimizer: O, on bowl: Bowl, from start: [Double], steps: Int, tolerance: Double) -> BowlRun<O> {
        var r = BowlRun<O>()
        var points = [start]
        let run = Trainer(optimizer: optimizer, steps: max(1, steps)).run(bowl.point(start), on: ()) { _, e, point, opt in
            r.gradients.append(e.gradient)
            r.states.append(opt)
            points.append(point.parameters)
        }
        r.costs = run.losses
        r.path = Array(points.prefix(run.losses.count))
        r.states = Array(r.states.prefix(run.losses.count - 1))
        r.divergedAt = run.divergedAt
        r.reachedAt = r.costs.firstIndex { $0 < tolerance }
        return r
    }

    var gradientDescent: GradientDescentOptimizer { GradientDescentOptimizer(learningRate: learningRate.value) }
    var heavyBall: MomentumOptimizer { MomentumOptimizer(learningRate: learningRate.value, momentum: momentum.value) }
    var adam: AdamOptimizer { AdamOptimizer(learningRate: adamRate.value, beta1: beta1.value, beta2: beta2.value, epsilon: epsilon.value) }

    public func write(_ page: inout Page) throws {
        writeIntroduction(&page)
        let runs = writeBowl(&page)
        writeComparison(&page, runs)
        writeNetwork(&page)
        writeDefaultConfiguration(&page)
        writeExercises(&page)
        writeSourcePassages(&page)
    }

    func writeIntroduction(_ page: inout Page) {
        page.say("""
            Source text `002` has two sentences about optimizers. On speed: besides fixing vanishing and exploding gradients, \
            "using AdamOptimizer instead of GradientDescentOptimizer greatly speeds up convergence". And at the very end, a \
            table: the default best configuration of a neural network is He initialization, the ELU activation, batch \
            normalization, dropout and the Adam optimizer. It never shows what Adam actually does with a gradient. This lesson \
            does: first on a function of two variables, where every update can be written out and the paths drawn, then on \
            a small network, and finally with the whole default configuration assembled and trained.
            """, zh: """
            原文 `002` 关于优化器只有两句话。谈到速度时说：除了解决梯度消失和爆炸，\
            “使用 AdamOptimizer 替代 GradientDescentOptimizer 会大大加快收敛速度”。文末还有一张表：神经网络的默认最优配置是 \
            He 初始化、ELU 激活函数、批量归一化、Dropout 和 Adam 优化器。可它从没说明 Adam 到底怎样使用梯度。本课就来做这件事：\
            先在一个二元函数上逐步写出每次更新并画出路径，再换到一个小网络上，最后把整套默认配置搭起来训练一遍。
            """)
    }
}

extension QuadraticBowl {
    /// The lesson's names for the two coefficients of C = a·v1² + b·v2².
    var a: Double { coefficients[0] }
    var b: Double { coefficients[1] }
    init(a: Double, b: Double) { self.init(coefficients: [a, b]) }
    func cost(_ v: [Double]) -> Double { value(v) }
}
