import Foundation

/// Finds themes: `--theme NAME|PATH`, then `$XDG_CONFIG_HOME/lbtop/themes/` (or
/// `~/.config/lbtop/themes/`), then `themes/` next to the binary (and `../share/lbtop/themes/`),
/// then the themes built into the binary. The first file named `NAME.theme` wins over a built-in
/// theme of that name; `t` cycles through every name found, `default` first.
public struct ThemeLibrary: Sendable {
    /// Folders searched, in order.
    public var directories: [String]
    /// Theme texts by name, taken when no folder holds the name.
    public var builtins: [String: String]

    public init(directories: [String], builtins: [String: String] = ThemeLibrary.builtin) {
        self.directories = directories
        self.builtins = builtins
    }

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
        return ThemeLibrary(directories: directories)
    }

    /// The shipped themes (`Sources/LBTopUI/Themes/`), compiled in.
    public static let builtin: [String: String] = [
        "default": PackageResources.default_theme,
        "light": PackageResources.light_theme,
        "monochrome": PackageResources.monochrome_theme,
        "high-contrast": PackageResources.high_contrast_theme,
        "ocean": PackageResources.ocean_theme,
        "amber": PackageResources.amber_theme,
    ].mapValues { String(decoding: $0, as: UTF8.self) }

    /// The built-in theme names, `default` first then alphabetical.
    public static var builtinNames: [String] { ordered(Set(builtin.keys)) }

    private static func ordered(_ names: Set<String>) -> [String] {
        names.sorted { a, b in a == "default" ? b != "default" : (b == "default" ? false : a < b) }
    }

    /// Theme names found in the folders and built in, `default` first then alphabetical.
    public func availableNames() -> [String] {
        var names = Set(builtins.keys)
        for directory in directories {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            for entry in entries where entry.hasSuffix(".theme") { names.insert(String(entry.dropLast(6))) }
        }
        names.insert("default")
        return Self.ordered(names)
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
        case notFound(name: String, searched: [String], builtin: [String])
        case unreadable(path: String)
        public var description: String {
            switch self {
            case .notFound(let name, let searched, let builtin):
                return "theme \"\(name)\" not found (searched \(searched.joined(separator: ", ")); built in: \(builtin.joined(separator: ", ")))"
            case .unreadable(let path): return "cannot read theme file \(path)"
            }
        }
    }

    /// Loads a theme by name or path: a file first, then a built-in theme of that name.
    public func load(_ nameOrPath: String) throws(LoadError) -> Theme {
        guard let path = path(for: nameOrPath) else {
            if let text = builtins[nameOrPath] { return Theme(name: nameOrPath, btopText: text) }
            if nameOrPath == "default" { return .builtinDefault }
            throw .notFound(name: nameOrPath, searched: directories, builtin: Self.ordered(Set(builtins.keys)))
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return Theme(name: name, btopText: String(decoding: data, as: UTF8.self))
    }
}
