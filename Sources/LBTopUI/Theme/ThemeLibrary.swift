import Foundation

/// Finds theme files: `--theme NAME|PATH`, then `$XDG_CONFIG_HOME/lbtop/themes/` (or
/// `~/.config/lbtop/themes/`), then `themes/` next to the binary (and `../share/lbtop/themes/`),
/// then the package's own `themes/` folder. The first file named `NAME.theme` wins; `t` cycles
/// through every name found, `default` first.
public struct ThemeLibrary: Sendable {
    /// Folders searched, in order.
    public var directories: [String]

    public init(directories: [String]) { self.directories = directories }

    /// The standard search path for this process.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment,
                                executablePath: String? = CommandLine.arguments.first) -> ThemeLibrary {
        var directories: [String] = []
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            directories.append(xdg + "/lbtop/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            directories.append(home + "/.config/lbtop/themes")
        }
        if let executablePath {
            let resolved = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
            directories.append(resolved.appendingPathComponent("themes").path)
            directories.append(resolved.appendingPathComponent("../share/lbtop/themes").standardized.path)
        }
        directories.append(packageThemesDirectory)
        return ThemeLibrary(directories: directories)
    }

    /// `themes/` at the root of the source package this file was built from.
    public static let packageThemesDirectory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes").path

    /// Theme names found, `default` first then alphabetical; the first folder holding a name wins.
    public func availableNames() -> [String] {
        var names = Set<String>()
        for directory in directories {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            for entry in entries where entry.hasSuffix(".theme") { names.insert(String(entry.dropLast(6))) }
        }
        names.insert("default")
        return names.sorted { a, b in a == "default" ? b != "default" : (b == "default" ? false : a < b) }
    }

    /// The file a name or path refers to, if it exists.
    public func path(for nameOrPath: String) -> String? {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme") {
            return FileManager.default.isReadableFile(atPath: nameOrPath) ? nameOrPath : nil
        }
        for directory in directories {
            let candidate = directory + "/" + nameOrPath + ".theme"
            if FileManager.default.isReadableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    public enum LoadError: Error, Equatable, CustomStringConvertible {
        case notFound(name: String, searched: [String])
        case unreadable(path: String)
        public var description: String {
            switch self {
            case .notFound(let name, let searched):
                return "theme \"\(name)\" not found (searched \(searched.joined(separator: ", ")))"
            case .unreadable(let path): return "cannot read theme file \(path)"
            }
        }
    }

    /// Loads a theme by name or path. `default` without a file is the built-in default.
    public func load(_ nameOrPath: String) throws(LoadError) -> Theme {
        guard let path = path(for: nameOrPath) else {
            if nameOrPath == "default" { return .builtinDefault }
            throw .notFound(name: nameOrPath, searched: directories)
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return Theme(name: name, btopText: String(decoding: data, as: UTF8.self))
    }
}
