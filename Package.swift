// swift-tools-version: 6.0
// Longhand: neural networks worked out longhand, every number computed and checked.
import Foundation
import PackageDescription

/// `make bench` sets LONGHAND_TARGET_CPU (e.g. haswell) to compile the engine for this machine's vector
/// instructions in release builds; every other build stays portable (plain x86-64 / arm64).
let engineSettings: [SwiftSetting] = ProcessInfo.processInfo.environment["LONGHAND_TARGET_CPU"].map { cpu in
    [.unsafeFlags(["-target-cpu", cpu], .when(configuration: .release))]
} ?? []

/// The lessons: every folder under Lessons/ that holds a main.swift is one lesson, and its folder name is
/// the lesson's id (`swift run <id>`). This is the only list of lessons: the Curriculum library compiles
/// every other Swift file under Lessons/, and the LessonCatalog plugin gives each lesson type its id and
/// lists the types for `Course.lessons` from the same folders.
let lessonsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Lessons")
let lessonIDs = ((try? FileManager.default.contentsOfDirectory(atPath: lessonsFolder.path)) ?? [])
    .filter { FileManager.default.fileExists(atPath: lessonsFolder.appendingPathComponent("\($0)/main.swift").path) }
    .sorted()

let package = Package(
    name: "Longhand",
    platforms: [.macOS(.v13)],
    products: lessonIDs.map { .executable(name: $0, targets: [$0]) } + [
        .executable(name: "longhand", targets: ["longhand"]),
        // The live server is its own product, so `swift build --product longhand` (what `make` runs)
        // never compiles the HTTP stack; `make serve` and `longhand serve` build it on demand.
        .executable(name: "longhand-server", targets: ["longhand-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(name: "CCmark", path: "Sources/CCmark", pkgConfig: "libcmark",
                       providers: [.apt(["libcmark-dev"])]),
        // The engine is compiled with optimisation even in debug builds: the lessons train networks,
        // and an unoptimised engine makes the test suite several times slower without helping anyone debug.
        .target(name: "LonghandEngine", path: "Sources/LonghandEngine",
                swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))] + engineSettings),
        .target(name: "Notebook", dependencies: ["CCmark"], path: "Sources/Notebook"),
        .target(name: "LessonKit",
                dependencies: ["LonghandEngine", "Notebook",
                               .product(name: "ArgumentParser", package: "swift-argument-parser")],
                path: "Sources/LessonKit"),
        // Every lesson's story files (Lessons/<id>/*.swift) and the shared lesson code (Lessons/Shared) in one
        // library, because `longhand` links every lesson; each lesson's main.swift is its own executable.
        .target(name: "Curriculum",
                dependencies: ["LonghandEngine", "Notebook", "LessonKit",
                               .product(name: "ArgumentParser", package: "swift-argument-parser")],
                path: "Lessons", exclude: lessonIDs.map { "\($0)/main.swift" } + ["digits/Data", "walkthroughs"],
                plugins: ["LessonCatalog"]),
        .executableTarget(name: "lesson-catalog", path: "Sources/lesson-catalog"),
        .plugin(name: "LessonCatalog", capability: .buildTool(), dependencies: ["lesson-catalog"], path: "Sources/LessonCatalogPlugin"),
        // The walkthrough generator: a spec file describing any small network → a worked page.
        .target(name: "Walkthrough",
                dependencies: ["LonghandEngine", "Notebook", "LessonKit",
                               .product(name: "Yams", package: "Yams"),
                               .product(name: "ArgumentParser", package: "swift-argument-parser")],
                path: "Sources/Walkthrough",
                // Optimised in debug builds too, like the engine: a walkthrough trains its network.
                swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .executableTarget(name: "longhand",
                          dependencies: ["Curriculum", "LessonKit", "Walkthrough",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/longhand"),
        .target(name: "LessonServer",
                dependencies: ["Curriculum", "LessonKit", "Notebook", "Walkthrough",
                               .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "HTTPTypes", package: "swift-http-types")],
                path: "Sources/LessonServer"),
        .executableTarget(name: "longhand-server",
                          dependencies: ["LessonServer", "Curriculum",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/longhand-server"),
        .executableTarget(name: "longhand-bench", dependencies: ["LonghandEngine", "Curriculum", "LessonKit", "LessonServer"], path: "Sources/longhand-bench"),
        .testTarget(name: "LonghandTests",
                    dependencies: ["LonghandEngine", "Notebook", "LessonKit", "Curriculum", "Walkthrough"]
                        + lessonIDs.map { .target(name: $0) } + [.target(name: "longhand")],
                    path: "Tests/LonghandTests"),
        .testTarget(name: "ServerTests",
                    dependencies: ["LessonServer", "LessonKit", "Notebook", "Curriculum", "LonghandEngine", "Walkthrough",
                                   .product(name: "Hummingbird", package: "hummingbird")],
                    path: "Tests/ServerTests"),
    ] + lessonIDs.map { id in
        // Only main.swift: the lesson's other files belong to Curriculum.
        .executableTarget(name: id, dependencies: ["Curriculum", "LessonKit"], path: "Lessons/\(id)",
                          exclude: ((try? FileManager.default.contentsOfDirectory(atPath: lessonsFolder.appendingPathComponent(id).path)) ?? [])
                              .filter { $0 != "main.swift" },
                          sources: ["main.swift"])
    },
    swiftLanguageModes: [.v6]
)
