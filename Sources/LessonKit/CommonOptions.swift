import ArgumentParser
import Notebook

/// Which editions to write.
public enum LanguageChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case en, zh, all

    /// The languages this choice stands for.
    public var languages: [Language] {
        switch self {
        case .en: return [.en]
        case .zh: return [.zh]
        case .all: return [.en, .zh]
        }
    }
}

/// The options every lesson accepts.
public struct CommonOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "Editions to write: en, zh or all.")
    public var lang: LanguageChoice = .all

    @Option(name: .long, help: ArgumentHelp("Folder to write the tutorials into (created if missing; a file or an unwritable folder exits with 73 and nothing is written).", valueName: "dir"))
    public var out: String = "Output"

    @Flag(name: .long, help: "Print one JSON object with the parameters and every named value, instead of the worked text.")
    public var json = false

    @Flag(name: .long, help: "Print nothing but errors and warnings (files are still written).")
    public var quiet = false

    public init() {}

    public func validate() throws {
        if out.isEmpty {
            throw OptionError(option: "out", message: Localized("--out: the folder name is empty; accepted: a folder you can write to",
                                                                zh: "--out：文件夹名为空；可接受：一个可写的文件夹"))
        }
    }
}
