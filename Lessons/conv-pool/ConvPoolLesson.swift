import ArgumentParser
import LessonKit
import LonghandEngine
import Notebook

/// Lesson 11: convolution and max pooling, forward and backward, every gradient in numbers.
public struct ConvPoolLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: id,
        abstract: "Convolution and max pooling: the forward pass and every gradient of the backward pass, worked out and checked.",
        discussion: """
        Input, kernel and fully connected weights are small whole numbers drawn from --seed (so every sum is easy \
        to follow), unless --input or --kernel give them. Every size combination must fit exactly: \
        (H1 - F + 2P)/S + 1 must be a whole number for the convolution and for the pooling. Bad input prints one \
        line naming the option and exits with 64; an --out that cannot be written exits with 73 and writes nothing.
        """)
    public static let position = 110
    public static let title = Localized("Convolution and max pooling, forward and backward",
                                        zh: "卷积与最大池化：前向与反向")
    public static let summary = Localized("Output sizes; a kernel sliding over a grid, ReLU, max pooling, a fully connected layer; then every gradient back to the kernel and the input, checked by central differences.",
                                          zh: "输出尺寸；卷积核在网格上滑动、ReLU、最大池化、全连接层；再把每个梯度一路传回卷积核和输入，并用中心差分核对。")
    public static let part = CoursePart.convolution

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: Self.help("input-size"))
    public var inputSize = 5

    @Option(name: .long, parsing: .unconditional, help: Self.help("kernel-size"))
    public var kernelSize = 2

    @Option(name: .long, parsing: .unconditional, help: Self.help("in-channels"))
    public var inChannels = 1

    @Option(name: .long, parsing: .unconditional, help: Self.help("out-channels"))
    public var outChannels = 1

    @Option(name: .long, parsing: .unconditional, help: Self.help("stride"))
    public var stride = 1

    @Option(name: .long, parsing: .unconditional, help: Self.help("padding"))
    public var padding = 0

    @Option(name: .long, parsing: .unconditional, help: Self.help("pool-size"))
    public var poolSize = 2

    @Option(name: .long, parsing: .unconditional, help: Self.help("seed"))
    public var seed = ConvPoolLesson.defaultSeed

    @Option(name: .long, parsing: .unconditional, help: Self.help("target"))
    public var target = FiniteNumber(ConvPoolLesson.defaultTarget)

    @Option(name: .long, parsing: .unconditional, help: Self.help("input"))
    public var input: NumberList?

    @Option(name: .long, parsing: .unconditional, help: Self.help("kernel"))
    public var kernel: NumberList?

    public init() {}

    public static var options: [LessonOption<Self>] {[
        .integer("input-size", \.inputSize, 2...8,
                 label: Localized("Input size H1", zh: "输入边长 H1"), help: Localized("Side H1 of the square input maps", zh: "正方形输入图的边长 H1"))
            .extremes(need: ["--kernel-size", "1", "--pool-size", "1"]),
        .integer("kernel-size", \.kernelSize, 1...5,
                 label: Localized("Kernel size F", zh: "卷积核边长 F"),
                 help: Localized("Side F of the square kernels, at most the padded input", zh: "正方形卷积核的边长 F，不超过补零后的输入"), valueName: "f")
            .extremes(need: ["--input-size", "5", "--padding", "0", "--pool-size", "1"]),
        .integer("in-channels", \.inChannels, 1...3,
                 label: Localized("Input channels", zh: "输入通道数"), help: Localized("Input channels", zh: "输入通道数"), valueName: "c"),
        .integer("out-channels", \.outChannels, 1...3,
                 label: Localized("Output channels", zh: "输出通道数"), help: Localized("Output channels, one stack of kernels each", zh: "输出通道数，每个通道一组卷积核"), valueName: "c"),
        .integer("stride", \.stride, 1...3,
                 label: Localized("Stride S", zh: "步幅 S"),
                 help: Localized("Stride S of the convolution; H1 - F + 2P must be a multiple of S", zh: "卷积的步幅 S；H1 - F + 2P 必须是 S 的倍数"), valueName: "s")
            .extremes(need: ["--input-size", "7", "--kernel-size", "1", "--pool-size", "1"]),
        .integer("padding", \.padding, 0...2,
                 label: Localized("Padding P", zh: "补零圈数 P"),
                 help: Localized("Rings of zero padding P around the input, less than the kernel size", zh: "输入四周补零的圈数 P，小于卷积核边长"), valueName: "p")
            .extremes(need: ["--kernel-size", "3", "--pool-size", "1"]),
        .integer("pool-size", \.poolSize, 1...4,
                 label: Localized("Pool size", zh: "池化窗口边长"),
                 help: Localized("Side of the max-pooling window, which also moves by this much (1 = no pooling); it must divide the convolution output",
                                 zh: "最大池化窗口的边长，窗口也按这个距离移动（1 表示不池化）；它必须整除卷积输出的边长"), valueName: "k")
            .extremes(need: ["--input-size", "8", "--kernel-size", "1"]),
        .integer("seed", \.seed, 0...1_000_000,
                 label: Localized("Seed", zh: "随机种子"),
                 help: Localized("Seed of the small whole numbers in input, kernels and fully connected layer", zh: "输入、卷积核和全连接层中小整数的种子")),
        .number("target", \.target, -1000...1000,
                label: Localized("Target t", zh: "目标 t"), help: Localized("The target t of the loss ½(y - t)²", zh: "损失 ½(y - t)² 中的目标 t"), valueName: "t"),
        .numbers("input", \.input, count: .between(4...192), each: -100...100,
                 label: Localized("Input maps", zh: "输入图"),
                 help: Localized("The input maps instead of seeded numbers: channels × size × size numbers, channel by channel, row by row",
                                 zh: "用来代替随机数的输入图：通道数 × 边长 × 边长个数，逐通道、逐行给出"), valueName: "x,...")
            .extremes(need: ["--input-size", "2", "--kernel-size", "1", "--pool-size", "1"]),
        .numbers("kernel", \.kernel, count: .between(1...225), each: -100...100,
                 label: Localized("Kernels", zh: "卷积核"),
                 help: Localized("The kernels instead of seeded numbers: out × in × F × F numbers, row by row",
                                 zh: "用来代替随机数的卷积核：输出通道 × 输入通道 × F × F 个数，逐行给出"), valueName: "k,...")
            .extremes(need: ["--kernel-size", "1", "--pool-size", "1"]),
    ]}

    public func validateTogether() throws(OptionError) {
        if padding >= kernelSize {
            throw Check.refuse("padding", "\(padding) is not less than the kernel size \(kernelSize); accepted: 0 to \(kernelSize - 1) (a wider ring would make windows of zeros only)",
                               zh: "\(padding) 不小于卷积核边长 \(kernelSize)；可接受：0 到 \(kernelSize - 1)（补得更宽会出现全是零的窗口）")
        }
        let padded = inputSize + 2 * padding
        let convWindow = SlidingWindow(size: kernelSize, stride: stride, padding: padding)
        if convWindow.travel(inputSize) < 0 {
            throw Check.refuse("kernel-size", "a \(kernelSize)×\(kernelSize) kernel is larger than the \(padded)×\(padded) padded input; accepted: at most \(padded)",
                               zh: "\(kernelSize)×\(kernelSize) 的卷积核比补零后 \(padded)×\(padded) 的输入还大；可接受：不超过 \(padded)")
        }
        guard let convSize = convWindow.outputSize(inputSize) else {
            let value = NumberFormat.short(convWindow.formulaValue(inputSize), significant: 4)
            throw Check.refuse("stride", "(H1 - F + 2P)/S + 1 = (\(inputSize) - \(kernelSize) + 2·\(padding))/\(stride) + 1 = \(value) is not a whole number, so the kernel does not fit the input exactly; accepted: sizes for which H1 - F + 2P is a multiple of S",
                               zh: "(H1 - F + 2P)/S + 1 = (\(inputSize) - \(kernelSize) + 2·\(padding))/\(stride) + 1 = \(value) 不是整数，卷积核无法恰好铺满输入；可接受：使 H1 - F + 2P 为 S 的倍数的尺寸")
        }
        let poolWindow = SlidingWindow(size: poolSize, stride: poolSize)
        if poolWindow.outputSize(convSize) == nil {
            let value = NumberFormat.short(poolWindow.formulaValue(convSize), significant: 4)
            throw Check.refuse("pool-size", "\(poolSize)×\(poolSize) pooling does not tile the \(convSize)×\(convSize) convolution output, (\(convSize) - \(poolSize))/\(poolSize) + 1 = \(value); accepted: a pool size that divides \(convSize)",
                               zh: "\(poolSize)×\(poolSize) 的池化无法铺满 \(convSize)×\(convSize) 的卷积输出，(\(convSize) - \(poolSize))/\(poolSize) + 1 = \(value)；可接受：能整除 \(convSize) 的池化边长")
        }
        if let input, input.values.count != inChannels * inputSize * inputSize {
            let n = inChannels * inputSize * inputSize
            throw Check.refuse("input", "got \(input.values.count) numbers (\(Check.format(input.values))); the input (\(inChannels) × \(inputSize) × \(inputSize)) needs exactly \(n), comma-separated",
                               zh: "给了 \(input.values.count) 个数（\(Check.format(input.values))）；输入（\(inChannels) × \(inputSize) × \(inputSize)）正好需要 \(n) 个，用逗号分隔")
        }
        if let kernel, kernel.values.count != outChannels * inChannels * kernelSize * kernelSize {
            let n = outChannels * inChannels * kernelSize * kernelSize
            throw Check.refuse("kernel", "got \(kernel.values.count) numbers (\(Check.format(kernel.values))); the kernel stack (\(outChannels) × \(inChannels) × \(kernelSize) × \(kernelSize)) needs exactly \(n), comma-separated",
                               zh: "给了 \(kernel.values.count) 个数（\(Check.format(kernel.values))）；这组卷积核（\(outChannels) × \(inChannels) × \(kernelSize) × \(kernelSize)）正好需要 \(n) 个，用逗号分隔")
        }
    }

    /// The seed whose numbers the lesson's prose was written around: no conv output is exactly 0,
    /// 7 of 16 are negative (so ReLU has something to do), one pooling block is entirely negative
    /// (so the ReLU gate visibly stops a gradient), and every other block has one clear maximum.
    static let defaultSeed = 143
    static let defaultTarget = 3.0

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

    public func write(_ page: inout Page) throws {
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
