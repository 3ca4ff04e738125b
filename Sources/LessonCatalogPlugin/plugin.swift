import Foundation
import PackagePlugin

/// Generates the lesson catalog of the Curriculum library from the folders under Lessons/: each folder
/// holding a lesson type is one lesson, and the folder's name is its id. Adding a lesson is adding a
/// folder; no list anywhere else has to be edited.
@main
struct LessonCatalog: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let sources = target.sourceFiles(withSuffix: "swift").map(\.url)
        let output = context.pluginWorkDirectoryURL.appending(path: "LessonCatalog.swift")
        return [.buildCommand(displayName: "Lesson catalog from the folders under Lessons/",
                              executable: try context.tool(named: "lesson-catalog").url,
                              arguments: [output.path] + sources.map(\.path),
                              inputFiles: sources, outputFiles: [output])]
    }
}
