import ArgumentParser

/// The entry point. `lbtop` is the dashboard (`DashboardCommand`, whose options `--help` shows)
/// with `check`, `replay` and `report` beside it. The dashboard's target URLs are positional, so
/// a first argument naming a subcommand is parsed by `LBTopSubcommands`, where ArgumentParser
/// descends into the subcommand as usual (`lbtop check --help`, `lbtop help report`).
@main
enum LBTopMain {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch Route(arguments) {
        case .dashboard: await DashboardCommand.main(arguments)
        case .dashboardHelp: await DashboardCommand.main(["--help"])
        case .subcommand: await LBTopSubcommands.main(arguments)
        }
    }

    enum Route: Equatable {
        case dashboard, dashboardHelp, subcommand

        init(_ arguments: [String]) {
            let names = Set(LBTopSubcommands.configuration.subcommands.map { $0._commandName })
            guard let first = arguments.first else { self = .dashboard; return }
            if names.contains(first) {
                self = .subcommand
            } else if first == "help" {
                self = arguments.count > 1 && names.contains(arguments[1]) ? .subcommand : .dashboardHelp
            } else {
                self = .dashboard
            }
        }
    }
}

/// The subcommands under the name `lbtop`, for parsing `lbtop SUBCOMMAND …`.
struct LBTopSubcommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lbtop",
        version: DashboardCommand.versionLine,
        subcommands: DashboardCommand.subcommands
    )
}
