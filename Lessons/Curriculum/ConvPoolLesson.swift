import ArgumentParser
import LessonKit
import Longhand
import Notebook

/// Lesson 11: convolution and max pooling, forward and backward, every gradient in numbers.
public struct ConvPoolLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: "conv-pool",
        abstract: "Convolution and max pooling: the forward pass and every gradient of the backward pass, worked out and checked.",
        discussion: """
        Input, kernel and fully connected weights are small whole numbers drawn from --seed (so every sum is easy \
        to follow), unless --input or --kernel give them. Every size combination must fit exactly: \
        (H1 - F + 2P)/S + 1 must be a whole number for the convolution and for the pooling. Bad input prints one \
        line naming the option and exits with 64; an --out that cannot be written exits with 73 and writes nothing.
        """)
    public static let id = "conv-pool"
    public static let title = Localized("Convolution and max pooling, forward and backward",
                                        zh: "卷积与最大池化：前向与反向")
    public static let summary = Localized("Output sizes; a kernel sliding over a grid, ReLU, max pooling, a fully connected layer; then every gradient back to the kernel and the input, checked by central differences.",
                                          zh: "输出尺寸；卷积核在网格上滑动、ReLU、最大池化、全连接层；再把每个梯度一路传回卷积核和输入，并用中心差分核对。")
    public static let part = CoursePart.convolution

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Side H1 of the square input maps (2 to 8).", valueName: "n"))
    public var inputSize = 5

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Side F of the square kernels (1 to 5).", valueName: "f"))
    public var kernelSize = 2

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Input channels (1 to 3).", valueName: "c"))
    public var inChannels = 1

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Output channels, one stack of kernels each (1 to 3).", valueName: "c"))
    public var outChannels = 1

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Stride S of the convolution (1 to 3).", valueName: "s"))
    public var stride = 1

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Rings of zero padding P around the input (0 to kernel size - 1, at most 2).", valueName: "p"))
    public var padding = 0

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Side of the max-pooling window, which also moves by this much (1 to 4; 1 = no pooling).", valueName: "k"))
    public var poolSize = 2

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Seed of the small whole numbers in input, kernels and fully connected layer (0 to 1000000).", valueName: "n"))
    public var seed = ConvPoolLesson.defaultSeed

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The target t of the loss ½(y - t)² (-1000 to 1000).", valueName: "t"))
    public var target = FiniteNumber(ConvPoolLesson.defaultTarget)

    @Option(name: .long, parsing: .unconditional,
            help: ArgumentHelp("The input maps instead of seeded numbers: channels × size × size numbers, channel by channel, row by row (each -100 to 100).", valueName: "x,..."))
    public var input: NumberList?

    @Option(name: .long, parsing: .unconditional,
            help: ArgumentHelp("The kernels instead of seeded numbers: out × in × F × F numbers, row by row (each -100 to 100).", valueName: "k,..."))
    public var kernel: NumberList?

    public init() {}

    /// The seed whose numbers the lesson's prose was written around: no conv output is exactly 0,
    /// 7 of 16 are negative (so ReLU has something to do), one pooling block is entirely negative
    /// (so the ReLU gate visibly stops a gradient), and every other block has one clear maximum.
    static let defaultSeed = 143
    static let defaultTarget = 3.0

    public func validate() throws {
        try Check.range(inputSize, 2...8, option: "--input-size")
        try Check.range(kernelSize, 1...5, option: "--kernel-size")
        try Check.range(inChannels, 1...3, option: "--in-channels")
        try Check.range(outChannels, 1...3, option: "--out-channels")
        try Check.range(stride, 1...3, option: "--stride")
        try Check.range(padding, 0...2, option: "--padding")
        try Check.range(poolSize, 1...4, option: "--pool-size")
        try Check.range(seed, 0...1_000_000, option: "--seed")
        try Check.range(target.value, -1000...1000, option: "--target")
        if padding >= kernelSize {
            throw ValidationError("--padding: \(padding) is not less than the kernel size \(kernelSize); accepted: 0 to \(kernelSize - 1) (a wider ring would make windows of zeros only)")
        }
        let convWindow = SlidingWindow(size: kernelSize, stride: stride, padding: padding)
        if convWindow.travel(inputSize) < 0 {
            throw ValidationError("--kernel-size: a \(kernelSize)×\(kernelSize) kernel is larger than the \(inputSize + 2 * padding)×\(inputSize + 2 * padding) padded input; accepted: at most \(inputSize + 2 * padding)")
        }
        guard let convSize = convWindow.outputSize(inputSize) else {
            throw ValidationError("--stride: (H1 - F + 2P)/S + 1 = (\(inputSize) - \(kernelSize) + 2·\(padding))/\(stride) + 1 = \(NumberFormat.short(convWindow.formulaValue(inputSize), significant: 4)) is not a whole number, so the kernel does not fit the input exactly; accepted: sizes for which H1 - F + 2P is a multiple of S")
        }
        let poolWindow = SlidingWindow(size: poolSize, stride: poolSize)
        if poolWindow.outputSize(convSize) == nil {
            throw ValidationError("--pool-size: \(poolSize)×\(poolSize) pooling does not tile the \(convSize)×\(convSize) convolution output, (\(convSize) - \(poolSize))/\(poolSize) + 1 = \(NumberFormat.short(poolWindow.formulaValue(convSize), significant: 4)); accepted: a pool size that divides \(convSize)")
        }
        if let input {
            try Check.count(input.values, inChannels * inputSize * inputSize, option: "--input",
                            what: "the input (\(inChannels) × \(inputSize) × \(inputSize))")
            try Check.magnitude(input.values, max: 100, option: "--input")
        }
        if let kernel {
            try Check.count(kernel.values, outChannels * inChannels * kernelSize * kernelSize, option: "--kernel",
                            what: "the kernel stack (\(outChannels) × \(inChannels) × \(kernelSize) × \(kernelSize))")
            try Check.magnitude(kernel.values, max: 100, option: "--kernel")
        }
    }

    public var parameters: [(String, JSONValue)] {
        var p: [(String, JSONValue)] = [
            ("input_size", .number(Double(inputSize))), ("kernel_size", .number(Double(kernelSize))),
            ("in_channels", .number(Double(inChannels))), ("out_channels", .number(Double(outChannels))),
            ("stride", .number(Double(stride))), ("padding", .number(Double(padding))),
            ("pool_size", .number(Double(poolSize))), ("seed", .number(Double(seed))), ("target", .number(target.value)),
        ]
        if let input { p.append(("input", .vector(input.values))) }
        if let kernel { p.append(("kernel", .vector(kernel.values))) }
        return p
    }

    /// Everything the lesson computes with: the numbers of the network and its sizes.
    struct Setup {
        let inputSize, kernelSize, inChannels, outChannels, stride, padding, poolSize: Int
        let convSize, poolOutSize: Int
        let input: Tensor3
        let net: TinyConvNet
        let target: Double
    }

    /// Small whole numbers for every quantity, drawn in a fixed order from one seeded stream, so
    /// that replacing the input (or the kernel) on the command line leaves the other numbers as they were.
    static func seededNumbers(seed: Int, inChannels: Int, inputSize: Int, outChannels: Int, kernelSize: Int, flatCount: Int)
        -> (input: [Double], kernel: [Double], convBias: [Double], fcWeights: [Double], fcBias: Double) {
        var rng = SeededRandom(seed: UInt64(seed))
        let nonZero: [Double] = [-2, -1, 1, 2]
        let input = (0..<(inChannels * inputSize * inputSize)).map { _ in Double(rng.index(below: 5)) }           // 0…4, like pixel levels
        let kernel = (0..<(outChannels * inChannels * kernelSize * kernelSize)).map { _ in nonZero[rng.index(below: 4)] }
        let convBias = (0..<outChannels).map { _ in Double(rng.index(below: 3) - 1) }                              // −1…1
        let fcWeights = (0..<flatCount).map { _ in nonZero[rng.index(below: 4)] }
        let fcBias = Double(rng.index(below: 3) - 1)
        return (input, kernel, convBias, fcWeights, fcBias)
    }

    func setup() -> Setup {
        let convSize = SlidingWindow(size: kernelSize, stride: stride, padding: padding).outputSize(inputSize) ?? 1
        let poolOut = SlidingWindow(size: poolSize, stride: poolSize).outputSize(convSize) ?? 1
        let flatCount = outChannels * poolOut * poolOut
        let seeded = Self.seededNumbers(seed: seed, inChannels: inChannels, inputSize: inputSize, outChannels: outChannels,
                                        kernelSize: kernelSize, flatCount: flatCount)
        let x = Tensor3(channels: inChannels, rows: inputSize, columns: inputSize, values: input?.values ?? seeded.input)
        let conv = Conv2D(inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize, stride: stride, padding: padding,
                          weights: kernel?.values ?? seeded.kernel, bias: seeded.convBias)
        let fc = Dense(weights: Matrix(column: seeded.fcWeights), bias: Matrix(row: [seeded.fcBias]), activation: .identity)
        return Setup(inputSize: inputSize, kernelSize: kernelSize, inChannels: inChannels, outChannels: outChannels,
                     stride: stride, padding: padding, poolSize: poolSize, convSize: convSize, poolOutSize: poolOut,
                     input: x, net: TinyConvNet(conv: conv, pool: MaxPool2D(size: poolSize), fc: fc), target: target.value)
    }

    public func write(_ page: inout Notebook) throws {
        let s = setup()
        page.say("""
            Source text `000` works through a small convolutional network by hand: one convolution layer with a 2×2 kernel, \
            stride 1 and no padding, the activation ReLU, 2×2 max pooling, and then a fully connected layer. Its formulas were \
            images and are lost, and the text breaks off just as it reaches the "convolution form" of the gradient. \
            Source text `001` adds the formula for the size of a convolution's output and an example of max pooling. \
            This lesson does the whole calculation again with real numbers: every sum of products on the way forward, \
            every gradient on the way back, and a check of each gradient by central differences.
            """, zh: """
            原文 `000` 手工推导了一个小型卷积网络：一个卷积层（2×2 卷积核，步长 1，不填充），激活函数 ReLU，\
            2×2 的最大池化，最后接一个全连接层。原文的公式都是图片，已经丢失；而且刚推到梯度的“卷积形式”，文章就戛然而止了。\
            原文 `001` 补充了卷积输出尺寸的公式和一个最大池化的例子。这一课用真实的数字把整个计算重做一遍：\
            前向时的每一个乘积之和，反向时的每一个梯度，都逐项写出，并且每个梯度都用中心差分核对。
            """)
        writeSizes(&page, s)
        writeConventions(&page, s)
        let f = writeForward(&page, s)
        let b = writeBackward(&page, s, f)
        writeGradientCheck(&page, s, f, b)
        writeExercises(&page)
        writeSourcePassages(&page)
    }
}
