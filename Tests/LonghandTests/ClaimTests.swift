import Foundation
import Testing
@testable import LonghandEngine
@testable import Notebook
@testable import LessonKit
@testable import Curriculum

/// Claims as data, lessons 1–9: every sentence that compares, counts or judges numbers is chosen from the computed
/// values. Each test renders a lesson in-process with option sets chosen to flip its branches and asserts which
/// wording appears (in English and in Chinese) and which does not.
@Suite("claims, lessons 1–9")
struct ClaimTests {
    /// A lesson rendered in-process: Markdown and figure SVG per language, the JSON, and the warnings.
    struct Rendered {
        let en: String
        let zh: String
        let json: String
        let warnings: [String]
        let page: Page

        /// Whether the English edition contains `en` and the Chinese edition `zh`.
        func says(_ en: String, zh: String) -> Bool { self.en.contains(en) && self.zh.contains(zh) }
        /// Whether either edition contains `text`.
        func mentions(_ text: String) -> Bool { en.contains(text) || zh.contains(text) }
    }

    static func render<L: Lesson>(_ type: L.Type, _ arguments: [String]) throws -> Rendered {
        let lesson = try L.parse(arguments)
        let page = try lesson.notebook()
        func edition(_ language: Language) -> String {
            ([MarkdownRenderer.render(page, language: language)]
             + page.figures.map { $0.drawing.svg(title: $0.title[language], description: $0.description[language], language: language) })
                .joined(separator: "\n")
                // Citations are linked to the Sources page by the renderer; the claims are about the words.
                .replacingOccurrences(of: #"\[(`?00[0-4]`?)\]\[source-00[0-4]\]"#, with: "$1", options: .regularExpression)
        }
        return Rendered(en: edition(.en), zh: edition(.zh), json: LessonRunner.json(lesson, page: page), warnings: page.warnings, page: page)
    }

    // MARK: 1 perceptron

    @Test("perceptron: the text's weights only at the defaults; AND's verdict from the run")
    func perceptron() throws {
        let defaults = try Self.render(PerceptronLesson.self, [])
        #expect(defaults.says("The text's weights are $w_1 = 6$", zh: "原文取权重 $w_1 = 6$"))
        #expect(defaults.says("AND: the rule converges", zh: "AND：规则收敛"))
        #expect(!defaults.mentions("Here the weights are yours"))

        let custom = try Self.render(PerceptronLesson.self, ["--weights", "1,1,1", "--threshold", "0"])
        #expect(custom.says("Here the weights are yours", zh: "这里用你给的权重"))
        #expect(!custom.mentions("The text's weights are"))

        let short = try Self.render(PerceptronLesson.self, ["--epochs", "1"])
        #expect(short.says("AND: the rule needs more epochs", zh: "AND：规则还需要更多轮"))
        #expect(short.says("does not yet separate", zh: "还没有把样本分开"))
        #expect(short.says("not yet 0 within 1 epochs", zh: "在 1 轮之内还没有降到 0"))
        #expect(!short.mentions("AND: the rule converges") && !short.mentions("AND reaches zero"))
    }

    // MARK: 2 sigmoid-neuron

    @Test("sigmoid-neuron: source quotes only for the text's neuron; the perceptron comparison from the step's change")
    func sigmoidNeuron() throws {
        let defaults = try Self.render(SigmoidNeuronLesson.self, [])
        #expect(defaults.says("The text's neuron has weights", zh: "原文的神经元权重为"))
        #expect(defaults.says("The text prints this as 0.999", zh: "原文把它写成 0.999"))
        #expect(defaults.says("would not move at all here", zh: "输出根本不动"))

        let custom = try Self.render(SigmoidNeuronLesson.self, ["--weights", "0.5,-1", "--bias", "2", "--inputs", "1,4"])
        #expect(custom.says("Your neuron has weights", zh: "你给的神经元权重为"))
        #expect(custom.says("the text's neuron gives 0.999", zh: "原文的神经元给出的是 0.999"))
        #expect(!custom.mentions("The text prints this as") && !custom.mentions("The text's neuron has weights"))

        let still = try Self.render(SigmoidNeuronLesson.self, ["--delta-weights", "0,0", "--delta-bias", "0"])
        #expect(still.says("nothing moves", zh: "什么都不动"))
        #expect(!still.mentions("A perceptron, by contrast"))

        let flip = try Self.render(SigmoidNeuronLesson.self, ["--weights", "0,0", "--bias", "-0.01", "--inputs", "1,1",
                                                              "--delta-weights", "0,0", "--delta-bias", "0.03"])
        #expect(flip.says("would jump by the whole $\\Delta \\text{output} = 1$", zh: "整个跳变"))
        #expect(!flip.mentions("would not move at all"))
    }

    @Test("sigmoid-neuron: a saturated neuron's σ′ line reproduces the number beside it")
    func sigmoidNeuronSaturated() throws {
        let page = try Self.render(SigmoidNeuronLesson.self, ["--weights", "10,10", "--bias", "0", "--inputs", "1,1"])
        // z = 20: the old line read 1·(1 − 1) = 2.06115e-9.
        #expect(!page.en.contains("(1 - 1)") && !page.en.contains("(1 − 1)"))
        #expect(page.en.contains("2.06115"))
        #expect(page.says("so changes barely move the output", zh: "所以改动几乎不影响输出"))

        let jump = try Self.render(SigmoidNeuronLesson.self, ["--weights", "0,0", "--bias", "5", "--inputs", "1,1", "--delta-weights", "0,0", "--delta-bias", "-10"])
        #expect(jump.says("off the flat part", zh: "离开了平坦处"))
        #expect(!jump.mentions("so changes barely move the output"))
    }

    // MARK: 3 feedforward

    @Test("feedforward: 003's printed values only for its own numbers; which ReLU neurons are cut, from z")
    func feedforward() throws {
        let defaults = try Self.render(FeedforwardLesson.self, [])
        #expect(defaults.says("Source text `003` prints $h_1 = h_2 = 0.9526$ and $o_1 = 0.7216$", zh: "原文 `003` 写作 $h_1 = h_2 = 0.9526$"))
        #expect(defaults.says("here that happens to $y_2$ ($z = -13$)", zh: "这里被截掉的是 $y_2$（$z = -13$）"))
        #expect(defaults.says("$y_2 = 0$, not the linear -13", zh: "$y_2$ 是 0，而不是线性网络的 -13"))

        let custom = try Self.render(FeedforwardLesson.self, ["--inputs", "4,-3", "--weights", "-1,2", "--bias", "-0.5"])
        #expect(custom.says("These are your own numbers", zh: "这些是你自己的数"))
        #expect(custom.mentions("0.9526") && !custom.mentions("Source text `003` prints"))
        #expect(!custom.en.contains("0.0000"))

        let cutAtZero = try Self.render(FeedforwardLesson.self, ["--relu-inputs", "6,15"])
        #expect(cutAtZero.says("here that happens to $n_1$ ($z = 0$)", zh: "这里被截掉的是 $n_1$（$z = 0$）"))
        #expect(cutAtZero.says("ReLU changes no value", zh: "ReLU 没有改变任何一个值"))
        #expect(!cutAtZero.mentions("that is how $y_2$ becomes") && !cutAtZero.mentions("not the linear 9"))

        let noCut = try Self.render(FeedforwardLesson.self, ["--relu-inputs", "10,15"])
        #expect(noCut.says("Every weighted input is positive here", zh: "这里每个加权输入都是正的"))
    }

    // MARK: 4 activations

    @Test("activations: published constants only at their defaults; the leaky ReLU's story from its slope")
    func activations() throws {
        let defaults = try Self.render(ActivationsLesson.self, [])
        #expect(defaults.says("(the range its authors used, Xu et al., 2015)", zh: "（这是作者 Xu 等人在 2015 年使用的范围）"))
        #expect(defaults.says("the usual initial value (He et al., 2015)", zh: "这里取常用的初始值 $a = 0.25$"))
        #expect(defaults.says("but never exactly zero", zh: "却永远不会恰好为 0"))
        #expect(defaults.says("so the formulas are right", zh: "公式都是对的"))

        let zero = try Self.render(ActivationsLesson.self, ["--slope", "0", "--prelu-a", "0.5", "--rrelu-lower", "0.2", "--rrelu-upper", "0.5"])
        #expect(zero.says("with your $s = 0$ it is plain ReLU", zh: "你取的 $s = 0$ 让它退回普通的 ReLU"))
        #expect(zero.says("We start it at your $a = 0.5$", zh: "这里从你给的 $a = 0.5$ 开始"))
        #expect(zero.says("(your range;", zh: "（这是你给的范围"))
        #expect(!zero.mentions("never exactly zero") && !zero.mentions("the range its authors used"))

        let one = try Self.render(ActivationsLesson.self, ["--slope", "1", "--vector", "20,-31,100,-700,700"])
        #expect(one.says("with your $s = 1$", zh: "你取的 $s = 1$"))
        // Saturated slopes are worked in the stable form, never as 1·(1 − 1).
        #expect(!one.en.contains("(1 - 1)") && !one.en.contains("1 - 1^"))
        #expect(one.en.contains("2.06115"))
    }

    // MARK: 5 loss-functions

    @Test("loss-functions: where each wrong class lies, and the MSE sentence, from the numbers")
    func lossFunctionsHinge() throws {
        let defaults = try Self.render(LossFunctionsLesson.self, [])
        #expect(defaults.says("Car scores 1.9 above the correct class, which costs 2.9", zh: "汽车的得分比正确类别还高 1.9，罚 2.9"))
        #expect(defaults.says("frog is 4.9 below the correct class, at least the margin, so it costs nothing", zh: "青蛙比正确类别低 4.9，至少够一个间隔，不罚"))
        #expect(!defaults.mentions("less than 1 below the correct score"))
        #expect(defaults.says("So the always-zero network has a loss of 0.5", zh: "所以这个永远输出 0 的网络，损失是 0.5"))
        #expect(defaults.says("to give that course's scores for its cat picture; the correct class is **cat**", zh: "正确类别是**猫**"))

        let near = try Self.render(LossFunctionsLesson.self, ["--weights", "1,0,0,1,0,0", "--input", "3,2.5", "--y-pred", "0.5,0.5,0.5,0.5"])
        #expect(near.says("Car is only 0.5 below the correct class, less than the margin of 1, which costs 0.5", zh: "汽车只比正确类别低 0.5"))
        #expect(near.says("The weights and input are yours", zh: "这里的权重和输入是你给的"))
        #expect(near.says("So these predictions have a loss of 0.25", zh: "所以这组预测的损失是 0.25"))
        #expect(!near.mentions("always-zero network has a loss") && !near.mentions("that course's scores for its cat picture; the correct class"))

        let far = try Self.render(LossFunctionsLesson.self, ["--weights", "100,-100,0,0,-100,100", "--input", "100,-100", "--label", "2"])
        #expect(far.says("Cat scores 20000 above the correct class, which costs 20001", zh: "猫的得分比正确类别还高 20000，罚 20001"))
        #expect(far.says("lie outside it", zh: "在范围之外"))
        #expect(!far.mentions("The example's wrong classes are marked."))

        let frog = try Self.render(LossFunctionsLesson.self, ["--label", "3", "--y-true", "1,1", "--y-pred", "1,1"])
        #expect(frog.says("you have declared the correct class to be **frog**", zh: "你把正确类别设成了**青蛙**"))
        #expect(frog.says("Every prediction is exact", zh: "每个预测都完全正确"))
        #expect(frog.says("Cat scores 4.9 above the correct class", zh: "猫的得分比正确类别还高 4.9"))
    }

    @Test("loss-functions: softmax and cross-entropy stay finite and true for scores up to ±1000 (issue 19.2)")
    func lossFunctionsExtremeScores() throws {
        let page = try Self.render(LossFunctionsLesson.self, ["--scores", "1000,-1000", "--true-class", "2"])
        #expect(page.says("cannot be put through the three steps literally", zh: "没法在双精度下照字面走完三步"))
        #expect(page.says("too small for a double", zh: "双精度数装不下"))
        #expect(page.says("is below the smallest double", zh: "小于最小的双精度数") || page.says("smaller than the smallest double", zh: "小于最小的双精度数"))
        for text in [page.en, page.zh] {
            #expect(!Self.containsToken("inf", in: text.replacingOccurrences(of: "(NaN)", with: "")))
            #expect(!Self.containsToken("NaN", in: text.replacingOccurrences(of: "(NaN)", with: "").replacingOccurrences(of: "（NaN）", with: "")))
        }
        #expect(!page.json.contains("null"))
        let values = try #require(try JSONSerialization.jsonObject(with: Data(page.json.utf8)) as? [String: Any])["values"] as? [String: Any]
        #expect(values?["cross_entropy"] as? Double == 2000)
        #expect((values?["log_softmax"] as? [Double]) == [0, -2000])

        let large = try Self.render(LossFunctionsLesson.self, ["--scores", "710,0"])
        #expect(large.says("cannot be put through the three steps literally", zh: "没法在双精度下照字面走完三步"))
        #expect(!large.json.contains("null") && !Self.containsToken("inf", in: large.en))

        let defaults = try Self.render(LossFunctionsLesson.self, [])
        #expect(!defaults.mentions("cannot be put through the three steps literally"))
        #expect(defaults.says("The loss is larger than the text's illustrative 0.105361", zh: "这个损失比原文示意的 0.105361 大"))
        let confident = try Self.render(LossFunctionsLesson.self, ["--scores", "5,0,0,0"])
        #expect(confident.says("The loss is smaller than the text's illustrative 0.105361", zh: "这个损失比原文示意的 0.105361 小"))
        #expect(confident.says("here we take your scores", zh: "这里换成你给的得分"))
    }

    // MARK: 6 gradient-descent

    @Test("gradient-descent: a diverging rate is stopped and warned about, never printed as inf (issue 19.1)")
    func gradientDescentDivergence() throws {
        for arguments in [["--etas", "10", "--steps", "100"], ["--etas", "10", "--steps", "100", "--bowl", "100,100", "--start", "10,10"]] {
            let page = try Self.render(GradientDescentLesson.self, arguments)
            #expect(page.warnings.contains { $0.contains("diverges") }, "\(arguments)")
            for text in [page.en, page.zh] {
                #expect(!Self.containsToken("inf", in: text) && !Self.containsToken("NaN", in: text), "\(arguments)")
                #expect(Self.longNumbers(text).isEmpty, "\(arguments): \(Self.longNumbers(text).prefix(3))")
            }
            #expect(!page.json.contains("null"))
            #expect(page.says("stopped at step", zh: "步停止"))
            #expect(page.says("the path diverges instead", zh: "时路径发散"))
        }
        let defaults = try Self.render(GradientDescentLesson.self, [])
        #expect(defaults.warnings.isEmpty)
        #expect(defaults.says("The two coefficients differ, by a factor of 2", zh: "两个系数不相等，相差 2 倍"))
        #expect(defaults.says("are this lesson's choices", zh: "都是本课自己选的"))
        #expect(defaults.says("normal equations and gradient descent agree", zh: "正规方程与梯度下降结果一致"))
    }

    @Test("gradient-descent: round bowls, short fits and the fastest rate's comparison from the numbers")
    func gradientDescentBranches() throws {
        let round = try Self.render(GradientDescentLesson.self, ["--bowl", "1,1", "--etas", "0.3"])
        #expect(round.says("Here the two coefficients are equal", zh: "这里两个系数相等"))
        #expect(round.says("are yours", zh: "都是你给的"))
        #expect(!round.mentions("differ on purpose"))

        let short = try Self.render(GradientDescentLesson.self, ["--fit-steps", "1"])
        #expect(short.says("gradient descent on its way", zh: "尚未走到的梯度下降"))
        #expect(!short.mentions("which lies on top of it"))

        let defaults = try Self.render(GradientDescentLesson.self, [])
        #expect(defaults.says("That is lower than the", zh: "时的"))

        // v2 starts at 0, so its factor −999 never acts: the path converges, and the page must not call it divergent.
        let idle = try Self.render(GradientDescentLesson.self, ["--bowl", "0.01,100", "--start", "-10,0", "--etas", "5", "--steps", "3"])
        #expect(idle.says("starts at 0 and stays there, so from this start the path still converges", zh: "从 0 出发，一直停在 0"))
        #expect(!idle.mentions("so the path diverges") && idle.warnings.isEmpty)
    }

    // MARK: 7 backprop-by-hand

    @Test("backprop-by-hand: exercise 3 compares the rates and losses it actually has")
    func backpropByHand() throws {
        let defaults = try Self.render(BackpropLesson.self, [])
        #expect(defaults.says("With steps 10 times smaller than above", zh: "步长只有上文的 0.1"))
        let half = try Self.render(BackpropLesson.self, ["--learning-rate", "0.05"])
        #expect(half.says("With steps 5 times smaller than above", zh: "步长只有上文的 0.2"))
        #expect(!half.mentions("ten times smaller") && !half.mentions("十分之一"))
        let values = try #require(try JSONSerialization.jsonObject(with: Data(half.json.utf8)) as? [String: Any])["values"] as? [String: Any]
        let slow = try #require(values?["exercise3_final_loss"] as? Double), trained = try #require(values?["final_loss"] as? Double)
        #expect(half.says(slow < trained ? "this run ends lower than the one above" : "this run ends higher than the one above",
                          zh: slow < trained ? "最后的损失比上文那次训练低" : "最后的损失比上文那次训练高"))
        let tiny = try Self.render(BackpropLesson.self, ["--learning-rate", "0.001"])
        #expect(tiny.says("With steps 10 times larger than above", zh: "步长是上文的 10 倍"))
    }

    @Test("backprop-by-hand: Bob's saturated derivatives on the default page are the exact ones")
    func backpropByHandSaturated() throws {
        let page = try Self.render(BackpropLesson.self, [])
        let values = try #require(try JSONSerialization.jsonObject(with: Data(page.json.utf8)) as? [String: Any])["values"] as? [String: Any]
        let sp = try #require(values?["exercise1_sigmoid_prime_z1"] as? Double)
        #expect(abs(sp - 3.4424771084697394e-14) <= 1e-12 * 3.44e-14)
        let dw = try #require(values?["exercise1_dL_dw1"] as? Double)
        #expect(abs(dw - 1.5918e-13) < 0.0001e-13, "\(dw)")
        #expect(page.en.contains("3.44248") && !page.en.contains("3.44169"))
    }

    // MARK: 8 backprop-equations

    @Test("backprop-equations: the digits of agreement are counted, not assumed")
    func backpropEquations() throws {
        let tanh = try Self.render(BackpropEquationsLesson.self, ["--activation", "tanh"])
        #expect(!tanh.mentions("about ten digits") && !tanh.mentions("大约十位"))
        let values = try #require(try JSONSerialization.jsonObject(with: Data(tanh.json.utf8)) as? [String: Any])["values"] as? [String: Any]
        let worst = try #require(values?["max_relative_error"] as? Double)
        let digits = Int(-log10(worst))
        #expect(tanh.says("agree to about \(digits) digits", zh: "吻合到大约 \(digits) 位有效数字"))

        let defaults = try Self.render(BackpropEquationsLesson.self, [])
        #expect(defaults.says("The cost fell from", zh: "代价从"))
        let big = try Self.render(BackpropEquationsLesson.self, ["--learning-rate", "10"])
        #expect(big.says("The cost rose from", zh: "升到了") || big.says("The cost fell from", zh: "降到了"))
        #expect(!big.mentions("The cost went from"))
    }

    // MARK: 9 xor-net

    @Test("xor-net: solved or not, split into gates or not, from the run")
    func xorNet() throws {
        let defaults = try Self.render(XorNetLesson.self, [])
        #expect(defaults.says("on all four answers are right", zh: "步起四个答案全对"))
        #expect(defaults.says("No single straight line could draw this picture", zh: "任何一条直线都画不出这样的图"))
        #expect(defaults.says("Each hidden unit is itself a neuron", zh: "每个隐藏单元本身就是一个神经元"))

        let one = try Self.render(XorNetLesson.self, ["--iterations", "1"])
        #expect(one.says("This run has not solved XOR", zh: "这次训练没有解决 XOR"))
        #expect(one.says("whatever its weights, a single neuron's cost cannot go below", zh: "不论权重取什么"))
        #expect(!one.mentions("No single straight line could draw this picture") && !one.mentions("has drifted to answering about 0.5"))

        let deep = try Self.render(XorNetLesson.self, ["--hidden", "3,3"])
        #expect(deep.says("Each unit of the first hidden layer is itself a neuron", zh: "第一个隐藏层的每个单元本身就是一个神经元"))
    }

    // MARK: Property: random extreme options

    /// Tokens that look like numbers and are longer than 20 characters (a 162-digit path coordinate, say).
    static func longNumbers(_ text: String) -> [String] {
        var found: [String] = [], current = ""
        func flush() {
            if current.count > 20 && current.contains(where: \.isNumber) { found.append(current) }
            current = ""
        }
        for ch in text {
            if ch.isASCII && (ch.isNumber || ch == "." || ch == "e" || ch == "-" || ch == "+") { current.append(ch) } else { flush() }
        }
        flush()
        return found
    }

    /// Whether `token` occurs in `text` not as part of a longer word or TeX command ("inf" but not "information" or "\\infty").
    static func containsToken(_ token: String, in text: String) -> Bool {
        var rest = text[...]
        while let range = rest.range(of: token) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            let isWordChar: (Character?) -> Bool = { c in c.map { $0.isLetter || $0 == "\\" || $0 == "_" } ?? false }
            if !isWordChar(before) && !isWordChar(after) { return true }
            rest = text[range.upperBound...]
        }
        return false
    }

    /// Sentences that are true only for the source texts' own inputs; a page with other inputs must not contain them.
    static let defaultOnlyClaims: [String: [String]] = [
        "perceptron": ["The text's weights are"],
        "sigmoid-neuron": ["The text prints this as", "The text's neuron has weights", "原文把它写成"],
        "feedforward": ["Source text `003` prints", "原文 `003` 写作", "that is how $y_2$ becomes", "Every neuron has the same weights $w = ("],
        "loss-functions": ["less than 1 below the correct score", "each with the numbers the texts use.", "always-zero network has a loss", "to give that course's scores for its cat picture; the correct class is **cat**",
                           "For one point its output layer gives the scores $Y"],
        "activations": ["(the range its authors used", "We start it at $a = 0.25$", "We follow the text's own example"],
        "gradient-descent": ["are this lesson's choices"],
        "backprop-by-hand": ["ten times smaller", "a thousand epochs of training"],
        "backprop-equations": ["about ten digits"],
        "xor-net": [],
    ]

    /// Random valid options for the lessons 1–9, each option away from its default and now and then at a documented extreme.
    static func randomArguments(_ id: String, _ r: inout SeededRandom) -> [String] {
        func pick(_ range: ClosedRange<Double>) -> Double {
            switch r.index(below: 6) {
            case 0: return range.lowerBound
            case 1: return range.upperBound
            default: return RandomArguments.number(&r, range)
            }
        }
        func list(_ n: Int, _ range: ClosedRange<Double>) -> String { (0..<n).map { _ in RandomArguments.text(pick(range)) }.joined(separator: ",") }
        func int(_ range: ClosedRange<Int>) -> String { String(RandomArguments.integer(&r, range)) }
        switch id {
        case "perceptron":
            return ["--weights", list(3, -100...100), "--threshold", RandomArguments.text(pick(-1000...1000)),
                    "--learning-rate", RandomArguments.text(pick(0.001...100)), "--epochs", int(1...60)]
        case "sigmoid-neuron":
            let n = RandomArguments.integer(&r, 1...10)
            return ["--weights", list(n, -1000...1000), "--inputs", list(n, -1000...1000), "--bias", RandomArguments.text(pick(-1000...1000)),
                    "--delta-weights", list(n, -10...10), "--delta-bias", RandomArguments.text(pick(-10...10))]
        case "feedforward":
            return ["--inputs", list(2, -1000...1000), "--weights", list(2, -1000...1000), "--bias", RandomArguments.text(pick(-1000...1000)),
                    "--relu-inputs", list(2, -1000...1000)]
        case "activations":
            let lower = pick(0...1)
            return ["--vector", list(1 + r.index(below: 10), -1000...1000), "--slope", RandomArguments.text(pick(0...1)),
                    "--prelu-a", RandomArguments.text(pick(0...1)), "--rrelu-lower", RandomArguments.text(lower),
                    "--rrelu-upper", RandomArguments.text(max(lower, pick(0...1))), "--alpha", RandomArguments.text(pick(0.001...10)),
                    "--seed", int(0...1000), "--layers", int(1...60)]
        case "loss-functions":
            let n = RandomArguments.integer(&r, 1...10), k = RandomArguments.integer(&r, 2...10)
            return ["--y-true", list(n, -1000...1000), "--y-pred", list(n, -1000...1000), "--scores", list(k, -1000...1000),
                    "--true-class", int(1...k), "--weights", list(6, -100...100), "--input", list(2, -100...100),
                    "--label", int(1...3), "--lambda", RandomArguments.text(pick(0...100))]
        case "gradient-descent":
            var start = list(2, -10...10)
            if start == "0,0" { start = "10,-10" }
            return ["--bowl", list(2, 0.01...100), "--start", start, "--etas", list(1 + r.index(below: 6), 0.001...10),
                    "--steps", int(1...100), "--seed", int(0...1000), "--fit-steps", int(1...3000)]
        case "backprop-by-hand":
            return ["--learning-rate", RandomArguments.text(pick(0.001...10)), "--epochs", int(1...300), "--seed", int(0...1000)]
        case "backprop-equations":
            let activations = ["sigmoid", "tanh", "relu", "leaky-relu", "elu", "identity"]
            let hidden = (0..<(1 + r.index(below: 3))).map { _ in int(1...6) }.joined(separator: ",")
            return ["--input", list(1 + r.index(below: 4), -10...10), "--target", list(1 + r.index(below: 4), -10...10),
                    "--hidden", hidden, "--activation", activations[r.index(below: activations.count)],
                    "--learning-rate", RandomArguments.text(pick(0.001...10)), "--seed", int(0...1000)]
        case "xor-net":
            let activations = ["sigmoid", "tanh", "relu", "leaky-relu", "elu", "identity"]
            let hidden = (0..<(1 + r.index(below: 3))).map { _ in int(1...8) }.joined(separator: ",")
            return ["--hidden", hidden, "--activation", activations[r.index(below: activations.count)],
                    "--learning-rate", RandomArguments.text(pick(0.001...50)), "--iterations", int(1...400), "--seed", int(0...1000)]
        default:
            return []
        }
    }

    static let lessons: [String] = ["perceptron", "sigmoid-neuron", "feedforward", "activations", "loss-functions",
                                    "gradient-descent", "backprop-by-hand", "backprop-equations", "xor-net"]

    @Test("random non-default options with extremes: no inf, NaN, null, over-long number or default-only claim", arguments: lessons)
    func randomExtremes(_ id: String) throws {
        let type = try #require(Course.lessons.first { $0.id == id })
        var random = SeededRandom(seed: 0xC1A1_0000 &+ UInt64(id.utf8.count))
        for _ in 0..<12 {
            let arguments = Self.randomArguments(id, &random)
            let problems = try Self.problems(type, arguments)
            #expect(problems.isEmpty, "\(id) \(arguments.joined(separator: " ")): \(problems.prefix(4))")
        }
    }

    static func problems(_ type: any Lesson.Type, _ arguments: [String]) throws -> [String] { try open(type, arguments) }

    private static func open<L: Lesson>(_ type: L.Type, _ arguments: [String]) throws -> [String] {
        guard case .success = L.parseOptions(arguments) else { return [] }   // a random draw the lesson refuses is not a page
        let page = try render(type, arguments)
        var found: [String] = []
        let printed = PropertyTests.nonFinite(page.page.blocks)
        if !printed.isEmpty { found.append("non-finite numbers printed: \(printed.prefix(2))") }
        for (language, text) in [("en", page.en), ("zh", page.zh)] {
            // The loss-functions exercise names NaN on purpose ("not a number (NaN)"); a printed one is a bare token.
            let bare = text.replacingOccurrences(of: "(NaN)", with: "").replacingOccurrences(of: "（NaN）", with: "")
            for bad in ["inf", "NaN", "null"] where Self.containsToken(bad, in: bare) { found.append("\(language): contains \(bad)") }
            let long = longNumbers(text)
            if !long.isEmpty { found.append("\(language): long numbers \(long.prefix(2))") }
            for claim in defaultOnlyClaims[L.id] ?? [] where text.contains(claim) { found.append("\(language): default-only claim “\(claim)”") }
        }
        if page.json.contains("null") { found.append("JSON has null") }
        // JSON keeps every double exactly; the shortest round-trip text of a double is at most 24 characters.
        let longJSON = longNumbers(page.json).filter { $0.count > 24 }
        if !longJSON.isEmpty { found.append("JSON numbers longer than a double needs: \(longJSON.prefix(2))") }
        return found
    }
}
