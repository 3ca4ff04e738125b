// swift-tools-version: 6.0
// Longhand: neural networks worked out longhand, every number computed and checked.
import Foundation
import PackageDescription

/// `make bench` sets LONGHAND_TARGET_CPU (e.g. haswell) to compile the engine for this machine's vector
/// instructions in release builds; every other build stays portable (plain x86-64 / arm64).
let engineSettings: [SwiftSetting] = ProcessInfo.processInfo.environment["LONGHAND_TARGET_CPU"].map { cpu in
    [.unsafeFlags(["-target-cpu", cpu], .when(configuration: .release))]
} ?? []

/// The lessons in reading order: executable name and the Swift type that writes the lesson.
/// Each becomes `swift run <id>`; the catalog in Lessons/Curriculum lists the same types.
let lessonIDs = [
    "perceptron",
    "sigmoid-neuron",
    "feedforward",
    "activations",
    "loss-functions",
    "gradient-descent",
    "backprop-by-hand",
    "backprop-equations",
    "xor-net",
    "quadrant-net",
    "conv-pool",
    "evaluation",
    "initialization",
    "regularization",
    "normalization-and-clipping",
    "optimizers",
    "digits",
]

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
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(name: "CCmark", path: "Sources/CCmark", pkgConfig: "libcmark",
                       providers: [.apt(["libcmark-dev"])]),
        // The engine is compiled with optimisation even in debug builds: the lessons train networks,
        // and an unoptimised engine makes the test suite several times slower without helping anyone debug.
        .target(name: "Longhand", path: "Sources/Longhand",
                swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))] + engineSettings),
        .target(name: "Notebook", dependencies: ["CCmark"], path: "Sources/Notebook"),
        .target(name: "LessonKit",
                dependencies: ["Longhand", "Notebook",
                               .product(name: "ArgumentParser", package: "swift-argument-parser")],
                path: "Sources/LessonKit"),
        .target(name: "Curriculum",
                dependencies: ["Longhand", "Notebook", "LessonKit",
                               .product(name: "ArgumentParser", package: "swift-argument-parser")],
                path: "Lessons/Curriculum", exclude: ["Data"]),
        .executableTarget(name: "longhand",
                          dependencies: ["Curriculum", "LessonKit",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/longhand"),
        .target(name: "LessonServer",
                dependencies: ["Curriculum", "LessonKit", "Notebook",
                               .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "HTTPTypes", package: "swift-http-types")],
                path: "Sources/LessonServer"),
        .executableTarget(name: "longhand-server",
                          dependencies: ["LessonServer", "Curriculum",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/longhand-server"),
        .executableTarget(name: "longhand-bench", dependencies: ["Longhand", "Curriculum", "LessonKit", "LessonServer"], path: "Sources/longhand-bench"),
        .testTarget(name: "LonghandTests",
                    dependencies: ["Longhand", "Notebook", "LessonKit", "Curriculum"]
                        + lessonIDs.map { .target(name: $0) } + [.target(name: "longhand")],
                    path: "Tests/LonghandTests"),
        .testTarget(name: "ServerTests",
                    dependencies: ["LessonServer", "LessonKit", "Notebook", "Curriculum", "Longhand",
                                   .product(name: "Hummingbird", package: "hummingbird")],
                    path: "Tests/ServerTests"),
    ] + lessonIDs.map { id in
        .executableTarget(name: id, dependencies: ["Curriculum", "LessonKit"], path: "Lessons/\(id)")
    },
    swiftLanguageModes: [.v6]
)
