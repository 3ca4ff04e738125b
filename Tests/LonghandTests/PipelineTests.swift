import Foundation
import Testing
@testable import Notebook
@testable import LessonKit
@testable import Curriculum

/// The notebook pipeline: math survives cmark, pages stay offline, output is reproducible and committed Output/ is current.
@Suite("pipeline")
struct PipelineTests {
    @Test("inline TeX survives cmark byte for byte", arguments: [
        "w_1 x_1 + w_2 x_2", "\\frac{\\partial C}{\\partial w_{jk}^{l}}", "a * b * c", "\\sigma(z) = \\frac{1}{1+e^{-z}}",
        "x_{i}^{*} \\le \\|W\\|_2", "\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}", "<script>",
    ])
    func mathSurvivesCmark(_ tex: String) {
        let html = Cmark.proseHTML("Before $\(tex)$ after, with *emphasis*.")
        #expect(html.contains("<span class=\"math\">\(HTML.escape(tex))</span>"))
        #expect(html.contains("<em>emphasis</em>"))
    }

    @Test("lesson jobs run side by side come back in job order, each job run once")
    func parallelJobsInOrder() {
        let counter = NSLock()
        nonisolated(unsafe) var calls = 0
        let squares = ParallelResults<Int>.map(100) { i in
            // Later jobs finish first, so an order taken from completion would come out reversed.
            usleep(useconds_t((100 - i) * 50))
            counter.lock(); calls += 1; counter.unlock()
            return i * i
        }
        #expect(squares == (0..<100).map { $0 * $0 })
        #expect(calls == 100)
        #expect(ParallelResults<Int>.map(0) { $0 }.isEmpty)
    }

    @Test("grouped jobs come back in job order; each group's follow-ups get its group's results in order and start before the other groups are done")
    func groupedJobsWithFollowUps() {
        let lock = NSLock()
        nonisolated(unsafe) var events: [String] = []
        func note(_ s: String) { lock.lock(); events.append(s); lock.unlock() }
        // Group 0's jobs are short and group 1's long, so on two or more cores group 0's follow-up runs
        // while group 1's jobs are still going; group 2 has no jobs and follows up at once.
        let sizes = [6, 6, 0]
        let result = ParallelResults<Int>.map(groups: sizes, followUps: [2, 1, 1]) { g, i in
            usleep(useconds_t(g == 0 ? 1_000 : 60_000 + (6 - i) * 2_000))
            note("job \(g).\(i)")
            return 100 * g + i
        } then: { g, k, results in
            note("follow-up \(g).\(k)")
            return results.reduce(0, +) * (g + 1) + 1000 * k
        }
        #expect(result.jobs == [[0, 1, 2, 3, 4, 5], [100, 101, 102, 103, 104, 105], []])
        #expect(result.followUps == [[15, 1015], [1230], [0]])
        #expect(events.count == 16)
        for (g, k) in [(0, 0), (0, 1), (1, 0)] {
            let follow = events.firstIndex(of: "follow-up \(g).\(k)")!
            // Every job of the group came before its follow-ups.
            #expect((0..<6).allSatisfy { events.firstIndex(of: "job \(g).\($0)")! < follow })
        }
        // Put behind the waiting jobs, it would start only after the last of group 1 had started, when at
        // least four of group 1 (each 60 ms or more) had ended; at the head of the queue it starts before any.
        if ProcessInfo.processInfo.activeProcessorCount >= 2 {
            #expect(events.firstIndex(of: "follow-up 0.0")! < events.firstIndex { $0.hasPrefix("job 1.") }!)
        }
        let none = ParallelResults<Int>.map(groups: [], followUps: []) { _, _ in 0 } then: { _, _, _ in 0 }
        #expect(none.jobs.isEmpty && none.followUps.isEmpty)
    }

    @Test("raw HTML in prose is dropped by cmark's safe mode")
    func noRawHTML() {
        let html = Cmark.proseHTML("Hello <script>alert(1)</script> world")
        #expect(!html.contains("<script>"))
    }

    @Test("digitsShowing: the fewest significant digits, at least six, at which a number does not print as a whole number it is not")
    func digitsShowingNearWholeNumbers() {
        #expect(NumberFormat.digitsShowing(0.99999997) == 8 && NumberFormat.short(0.99999997, significant: 8) == "0.99999997")
        #expect(NumberFormat.digitsShowing(0.999996) == 6 && NumberFormat.digitsShowing(0.5) == 6)
        #expect(NumberFormat.digitsShowing(1) == 6 && NumberFormat.digitsShowing(0) == 6 && NumberFormat.digitsShowing(.nan) == 6)
        #expect(NumberFormat.digitsShowing(-2.0000001) == 8)
        #expect(NumberFormat.digitsShowing(0.9999997, atLeast: 4) == 7)
    }

    @Test("apart: two different numbers get the digits that tell them apart; equal ones stay at the usual six")
    func apartNumbers() {
        #expect(NumberFormat.apart(0.16733798783, 0.16733798779) == ("0.16733798783", "0.16733798779"))
        #expect(NumberFormat.apart(2.5, 0.5) == ("2.5", "0.5") && NumberFormat.apart(0.1, 0.1) == ("0.1", "0.1"))
        #expect(NumberFormat.apart(66, 66.000001, significant: 5) == ("66", "66.000001"))
    }

    @Test("numbers are formatted the same under any locale setting")
    func localeIndependent() {
        #expect(NumberFormat.short(1234567.5) == "1234568")
        #expect(NumberFormat.short(0.9990889488) == "0.999089")
        #expect(NumberFormat.fixed(-0.00001, decimals: 3) == "0.000")
        #expect(NumberFormat.exact(7) == "7")
        #expect(NumberFormat.short(-9.10221e-6) == "-9.10221e-6")
    }

    @Test("every page and figure references no http(s) URL other than the SVG namespace and the reader's own live server on loopback")
    func offline() throws {
        let folder = TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try TestSupport.run("longhand", ["--out", folder.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        let pages = files.filter { ($0.hasSuffix(".html") || $0.hasSuffix(".svg") || $0.hasSuffix(".md")) && !$0.hasPrefix("assets") }
        #expect(pages.count >= 3 * 2 * 2 + 1)
        for page in pages {
            let text = try String(contentsOf: folder.appendingPathComponent(page), encoding: .utf8)
                .replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
                // The static "Try your own numbers" panel links to `longhand serve` on this machine.
                .replacingOccurrences(of: "http://127.0.0.1:8080/", with: "")
            #expect(!text.contains("http://") && !text.contains("https://"), "\(page) references the network")
        }
    }

    @Test("two runs give byte-identical output, whatever the locale and time zone")
    func reproducible() throws {
        let a = TestSupport.temporaryFolder(), b = TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        #expect(try TestSupport.run("longhand", ["--out", a.path, "--quiet"]).status == 0)
        #expect(try TestSupport.run("longhand", ["--out", b.path, "--quiet"], environment: ["LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8", "TZ": "Asia/Shanghai"]).status == 0)
        #expect(try Self.snapshot(a) == Self.snapshot(b))
    }

    @Test("the committed Output/ is exactly what the code generates now")
    func committedOutputIsCurrent() throws {
        let fresh = TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: fresh) }
        #expect(try TestSupport.run("longhand", ["--out", fresh.path, "--quiet"]).status == 0)
        let committed = try Self.snapshot(TestSupport.packageRoot.appendingPathComponent("Output"))
        let generated = try Self.snapshot(fresh)
        let stale = generated.filter { committed[$0.key] != $0.value }.map(\.key).sorted()
        let extra = committed.keys.filter { generated[$0] == nil }.sorted()
        #expect(stale.isEmpty, "Output/ is out of date; run `make` and commit: \(stale.prefix(10))")
        #expect(extra.isEmpty, "Output/ holds files the code no longer generates: \(extra.prefix(10))")
    }

    @Test("the JSON of every lesson has lesson, parameters and values")
    func jsonShape() throws {
        for lesson in Course.lessons {
            let json = try TestSupport.json(lesson.id)
            #expect(json["lesson"] as? String == lesson.id)
            #expect(json["parameters"] is [String: Any])
            #expect(!((json["values"] as? [String: Any]) ?? [:]).isEmpty)
        }
    }

    /// Relative path → contents of every generated file except the copied KaTeX assets.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        for file in files where !file.hasPrefix("assets") {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(file)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                out[file] = try Data(contentsOf: url)
            }
        }
        return out
    }
}
