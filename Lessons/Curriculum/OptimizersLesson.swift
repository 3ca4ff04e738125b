import ArgumentParser
import LessonKit
import Longhand
import Notebook

/// Lesson 16: plain gradient descent, momentum and Adam, each update written out on a two-variable
/// bowl, their paths compared on one contour figure, the same three on a small network, and the
/// "default best configuration" of `002` (He, ELU, batch normalization, dropout, Adam) assembled and trained.
public struct OptimizersLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: "optimizers",
        abstract: "Gradient descent, momentum and Adam written out step by step; 002's default configuration trained.",
        discussion: """
        The bowl is C(v1, v2) = a·v1² + b·v2² with --bowl a,b. --learning-rate is shared by plain gradient \
        descent and momentum, --adam-rate is Adam's. The network part trains on seeded spiral data with \
        --network-rate and --network-adam-rate. Bad input prints one line naming the option and exits with 64.
        """)
    public static let id = "optimizers"
    public static let title = Localized("Optimizers: gradient descent, momentum and Adam", zh: "优化器：梯度下降、动量与 Adam")
    public static let summary = Localized("Each optimizer's first updates written out on a narrow bowl, their paths on one contour plot, the same three on a network, and 002's default configuration (He, ELU, batch norm, dropout, Adam) trained against plain SGD.",
                                          zh: "在狭长的碗形函数上逐步写出三种优化器的更新，把路径画在同一张等高线图上；再在网络上比较三者，并训练 002 的默认最优配置（He、ELU、批量归一化、Dropout、Adam），与普通 SGD 对比。")
    public static let part = CoursePart.trainingCraft

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The bowl's coefficients a, b in C = a·v1² + b·v2² (each from 0.01 to 1000).", valueName: "a,b"))
    public var bowl = NumberList([1, 50])

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The starting point (v1, v2), each from -100 to 100.", valueName: "v1,v2"))
    public var start = NumberList([-4, 1])

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Learning rate η of gradient descent and momentum on the bowl (greater than 0, at most 10).", valueName: "eta"))
    public var learningRate = FiniteNumber(0.018)

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Momentum β, the fraction of the velocity kept each step (0 to 0.999).", valueName: "beta"))
    public var momentum = FiniteNumber(0.9)

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Adam's learning rate on the bowl (greater than 0, at most 10).", valueName: "eta"))
    public var adamRate = FiniteNumber(0.2)

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Adam's β1, decay of the first moment (0 to 0.999).", valueName: "b1"))
    public var beta1 = FiniteNumber(0.9)

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Adam's β2, decay of the second moment (0 to 0.99999).", valueName: "b2"))
    public var beta2 = FiniteNumber(0.999)

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Adam's ε (1e-12 to 1).", valueName: "eps"))
    public var epsilon = FiniteNumber(1e-8)

    @Option(name: .long, help: ArgumentHelp("Steps on the bowl (1 to 2000).", valueName: "n"))
    public var steps = 200

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The bowl counts as reached when C falls below this (1e-12 to 1).", valueName: "tol"))
    public var tolerance = FiniteNumber(1e-4)

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Learning rate of gradient descent and momentum on the network (greater than 0, at most 10).", valueName: "eta"))
    public var networkRate = FiniteNumber(0.5)

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Adam's learning rate on the network (greater than 0, at most 1).", valueName: "eta"))
    public var networkAdamRate = FiniteNumber(0.02)

    @Option(name: .long, help: ArgumentHelp("Training steps of the networks (1 to 2000).", valueName: "n"))
    public var epochs = 200

    @Option(name: .long, help: ArgumentHelp("Seed of the data, the weights and the dropout masks (a whole number, 0 or more).", valueName: "n"))
    public var seed = 5

    public init() {}

    public static func randomArguments(_ random: inout SeededRandom) -> [String] {
        ["--bowl", RandomArguments.list(&random, count: 2, 0.1...100), "--start", RandomArguments.list(&random, count: 2, -10...10),
         "--learning-rate", RandomArguments.text(RandomArguments.number(&random, 0.001...0.5)),
         "--momentum", RandomArguments.text(RandomArguments.number(&random, 0...0.99)),
         "--adam-rate", RandomArguments.text(RandomArguments.number(&random, 0.001...1)),
         "--beta1", RandomArguments.text(RandomArguments.number(&random, 0...0.99)),
         "--beta2", RandomArguments.text(RandomArguments.number(&random, 0.5...0.999)),
         "--steps", String(RandomArguments.integer(&random, 1...300)),
         "--network-rate", RandomArguments.text(RandomArguments.number(&random, 0.001...3)),
         "--network-adam-rate", RandomArguments.text(RandomArguments.number(&random, 0.001...0.5)),
         "--epochs", String(RandomArguments.integer(&random, 1...10)), "--seed", String(RandomArguments.integer(&random, 0...1000))]
    }

    public func validate() throws {
        try Check.count(bowl.values, 2, option: "--bowl", what: "the bowl (a, b)")
        if let bad = bowl.values.first(where: { $0 < 0.01 || $0 > 1000 }) {
            throw ValidationError("--bowl: \(Check.format([bad])) is out of range; accepted: numbers from 0.01 to 1000")
        }
        try Check.count(start.values, 2, option: "--start", what: "the starting point (v1, v2)")
        try Check.magnitude(start.values, max: 100, option: "--start")
        try Check.range(learningRate.value, 1e-9...10, option: "--learning-rate")
        try Check.range(momentum.value, 0...0.999, option: "--momentum")
        try Check.range(adamRate.value, 1e-9...10, option: "--adam-rate")
        try Check.range(beta1.value, 0...0.999, option: "--beta1")
        try Check.range(beta2.value, 0...0.99999, option: "--beta2")
        try Check.range(epsilon.value, 1e-12...1, option: "--epsilon")
        try Check.range(steps, 1...2000, option: "--steps")
        try Check.range(tolerance.value, 1e-12...1, option: "--tolerance")
        try Check.range(networkRate.value, 1e-9...10, option: "--network-rate")
        try Check.range(networkAdamRate.value, 1e-9...1, option: "--network-adam-rate")
        try Check.range(epochs, 1...2000, option: "--epochs")
        try Check.seed(seed)
    }

    public var parameters: [(String, JSONValue)] {
        [("bowl", .vector(bowl.values)), ("start", .vector(start.values)), ("learning_rate", .number(learningRate.value)),
         ("momentum", .number(momentum.value)), ("adam_rate", .number(adamRate.value)), ("beta1", .number(beta1.value)),
         ("beta2", .number(beta2.value)), ("epsilon", .number(epsilon.value)), ("steps", .number(Double(steps))),
         ("tolerance", .number(tolerance.value)), ("network_rate", .number(networkRate.value)),
         ("network_adam_rate", .number(networkAdamRate.value)), ("epochs", .number(Double(epochs))), ("seed", .number(Double(seed)))]
    }

    // MARK: The bowl

    /// C(v) = a·v1² + b·v2², its gradient (2a·v1, 2b·v2) and its minimum 0 at the origin.
    struct Bowl {
        let a: Double, b: Double
        func cost(_ v: [Double]) -> Double { a * v[0] * v[0] + b * v[1] * v[1] }
        func gradient(_ v: [Double]) -> [Double] { [2 * a * v[0], 2 * b * v[1]] }
    }

    var theBowl: Bowl { Bowl(a: bowl.values[0], b: bowl.values[1]) }

    /// One optimizer's run on the bowl: every point, cost, gradient and optimizer state.
    struct BowlRun<O: Optimizer> {
        /// path[t] is the point after t steps (path[0] is the start).
        var path: [[Double]] = []
        var costs: [Double] = []
        /// gradients[t] is the gradient at path[t], used for step t + 1.
        var gradients: [[Double]] = []
        /// states[t] is the optimizer after t + 1 steps.
        var states: [O] = []
        /// The step at which the cost passed 1e12 or stopped being finite; the run stops there.
        var divergedAt: Int?
        /// The first step after which C < tolerance.
        var reachedAt: Int?
    }

    /// Above this cost a run on the bowl counts as diverged.
    static let divergenceLimit = 1e12

    static func run<O: Optimizer>(_ optimizer: O, on bowl: Bowl, from start: [Double], steps: Int, tolerance: Double) -> BowlRun<O> {
        var r = BowlRun<O>()
        var opt = optimizer
        var v = start
        r.path = [v]
        r.costs = [bowl.cost(v)]
        if r.costs[0] < tolerance { r.reachedAt = 0 }
        for t in 1...max(1, steps) {
            let g = bowl.gradient(v)
            r.gradients.append(g)
            opt.step(&v, g)
            let c = bowl.cost(v)
            guard c.isFinite, c <= divergenceLimit else {
                r.divergedAt = t
                break
            }
            r.path.append(v)
            r.costs.append(c)
            r.states.append(opt)
            if r.reachedAt == nil && c < tolerance { r.reachedAt = t }
        }
        return r
    }

    var gradientDescent: GradientDescentOptimizer { GradientDescentOptimizer(learningRate: learningRate.value) }
    var heavyBall: MomentumOptimizer { MomentumOptimizer(learningRate: learningRate.value, momentum: momentum.value) }
    var adam: AdamOptimizer { AdamOptimizer(learningRate: adamRate.value, beta1: beta1.value, beta2: beta2.value, epsilon: epsilon.value) }

    public func write(_ page: inout Notebook) throws {
        writeIntroduction(&page)
        let runs = writeBowl(&page)
        writeComparison(&page, runs)
        writeNetwork(&page)
        writeDefaultConfiguration(&page)
        writeExercises(&page)
        writeSourcePassages(&page)
    }

    func writeIntroduction(_ page: inout Notebook) {
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
