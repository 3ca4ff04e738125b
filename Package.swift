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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
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
        // The walkthrough generator: a spec file describing any small network → a worked page.
        .target(name: "Walkthrough",
                dependencies: ["Longhand", "Notebook", "LessonKit",
                               .product(name: "Yams", package: "Yams"),
                               .product(name: "ArgumentParser", package: "swift-argument-parser")],
                path: "Sources/Walkthrough",
                // Optimised in debug builds too, like the engine: a walkthrough trains its network.
                swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .executableTarget(name: "longhand",
                          dependencies: ["Curriculum", "LessonKit", "Walkthrough",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/longhand"),
        .executableTarget(name: "longhand-bench", dependencies: ["Longhand", "Curriculum"], path: "Sources/longhand-bench"),
        .testTarget(name: "LonghandTests",
                    dependencies: ["Longhand", "Notebook", "LessonKit", "Curriculum", "Walkthrough"]
                        + lessonIDs.map { .target(name: $0) } + [.target(name: "longhand")],
                    path: "Tests/LonghandTests"),
    ] + lessonIDs.map { id in
        .executableTarget(name: id, dependencies: ["Curriculum", "LessonKit"], path: "Lessons/\(id)")
    },
    swiftLanguageModes: [.v6]
)
