import Foundation
import LBTopCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs the dashboard on the real terminal: starts curses behind a `TerminalGuard`, merges keys,
/// resizes, the frame clock and snapshots into one `AppEvent` stream, and consumes it on the
/// main actor — the only place curses is called. The frame clock never waits on the network: a
/// separate task forwards each snapshot the feed publishes into the stream (it wakes only when
/// there is one, not on a timer).
@MainActor
enum TerminalSession {
    /// How often the clock and ages are redrawn without new data.
    static let tickPeriod: Duration = .seconds(1)

    /// A deliberate failure after the first frame, to prove the terminal is restored on every
    /// way out (`LBTOP_TEST_FAULT=throw|crash|segv|abort`; used by the end-to-end tests): a thrown
    /// error, a Swift runtime trap, a write to an unmapped address, `abort()`.
    enum TestFault: String { case `throw`, crash, segv, abort }
    struct InjectedFault: Error, CustomStringConvertible {
        var description: String { "injected failure (LBTOP_TEST_FAULT=throw)" }
    }

    static func run(feed: any DashboardFeed, options: DashboardOptions) async throws {
        let environment = ProcessInfo.processInfo.environment
        let library = ThemeLibrary.standard(environment: environment)
        var themeNames = library.availableNames()
        let requested = options.theme ?? "default"
        let theme: Theme
        do { theme = try library.load(requested) } catch { throw TerminalSetupError(message: error.description) }
        if !themeNames.contains(theme.name) { themeNames.append(theme.name) }
        let glyphs = GlyphSet.choose(forceASCII: options.ascii, localeIsUTF8: TextWidth.environmentIsUTF8)
        let fault = environment["LBTOP_TEST_FAULT"].flatMap(TestFault.init(rawValue:))

        let signals = try SignalPipe(signals: TerminalGuard.terminationSignals + [SIGWINCH])
        let guardian = TerminalGuard()
        let screen = try NcursesScreen(theme: theme, asciiOnly: glyphs.isASCII, environment: environment)
        guardian.arm(restoreSequence: NcursesScreen.restoreSequence()) { screen.end() }

        let outcome: Outcome
        do {
            outcome = try await loop(screen: screen, signals: signals, feed: feed, options: options,
                                     library: library, themeNames: themeNames, theme: theme,
                                     glyphs: glyphs, fault: fault)
        } catch {
            guardian.restore()
            throw error
        }
        guardian.restore()
        if case .signal(let number) = outcome {
            // End as the signal asked, so the shell sees 128+n. The loop may run on a thread that
            // blocks signals (a dispatch worker), so unblock it here before raising.
            signals.restoreDefaults()
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, number)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
            raise(number)
        }
    }

    enum Outcome { case quit, signal(Int32) }

    private static func loop(screen: NcursesScreen, signals: SignalPipe, feed: any DashboardFeed,
                             options: DashboardOptions, library: ThemeLibrary, themeNames: [String],
                             theme: Theme, glyphs: GlyphSet, fault: TestFault?) async throws -> Outcome {
        let (events, continuation) = AsyncStream.makeStream(of: AppEvent.self, bufferingPolicy: .bufferingNewest(4096))
        let watcher = InputWatcher(inputFD: STDIN_FILENO, signals: signals, continuation: continuation) {
            NcursesScreen.windowSize(fd: STDOUT_FILENO)
        }
        watcher.start()
        let ticker = Task.detached {
            while !Task.isCancelled {
                try? await Task.sleep(for: tickPeriod)
                continuation.yield(.tick(Date()))
            }
        }
        let pump = Task.detached {
            let updates = await feed.updates()
            // Whatever was published before the subscription, then every later one.
            continuation.yield(.snapshot(await feed.latestSnapshot()))
            for await snapshot in updates {
                continuation.yield(.snapshot(snapshot))
            }
        }
        let replayPump = Task.detached {
            guard let replay = options.replay else { return }
            for await status in await replay.statuses() { continuation.yield(.replay(status)) }
        }
        defer {
            ticker.cancel(); pump.cancel(); replayPump.cancel(); watcher.stop(); continuation.finish()
        }

        let user = ProcessInfo.processInfo.environment["USER"] ?? "unknown"
        var app = App(renderer: options.renderer ?? DashboardFrame(), keyMap: options.replay == nil ? .standard : .replay,
                      themeNames: themeNames,
                      themeIndex: themeNames.firstIndex(of: theme.name) ?? 0, glyphs: glyphs,
                      size: screen.size, bell: options.bell, snapshot: await feed.latestSnapshot(),
                      actionPolicy: feed.actionPolicy)
        draw(app, on: screen)
        switch fault {
        case .throw?: throw InjectedFault()
        case .crash?: fatalError("injected crash (LBTOP_TEST_FAULT=crash)")
        case .segv?: UnsafeMutablePointer<UInt8>(bitPattern: 8)!.pointee = 1
        case .abort?: Glibc.abort()
        case nil: break
        }

        for await event in events {
            var effects: [Effect] = []
            switch event {
            case .inputAvailable:
                let keys = screen.readKeys()
                watcher.resume()
                for key in keys { effects += app.handle(.key(key)) }
            case .resize(let size):
                screen.resize(to: size)
                effects = app.handle(.resize(screen.size))
            case .terminate(let signal):
                return .signal(signal)
            default:
                effects = app.handle(event)
            }
            var redraw = false
            for effect in effects {
                switch effect {
                case .quit: return .quit
                case .redraw: redraw = true
                case .bell: screen.bell()
                case .replay(let control):
                    if let replay = options.replay { Task.detached { await replay.control(control) } }
                case .acknowledge(let ids):
                    Task.detached { await feed.acknowledge(ids, by: user) }
                case .performAction(let request, let confirmed):
                    Task.detached {
                        let records = await feed.perform(request, confirmed: confirmed, by: user)
                        continuation.yield(.actionsFinished(records))
                    }
                case .applyTheme(let index):
                    let name = app.themeNames[index]
                    if let next = try? library.load(name) {
                        screen.apply(theme: next)
                        options.persistTheme?(name)
                    }
                    redraw = true
                }
            }
            if redraw { draw(app, on: screen) }
        }
        return .quit
    }

    private static func draw(_ app: App, on screen: NcursesScreen) {
        screen.beginFrame()
        var target = screen
        app.render(on: &target)
        screen.present()
    }
}
