/// What lbtop runs on an `ssh://` node: one `awk` for the whole session (POSIX awk: mawk, gawk,
/// busybox), started by the remote login shell. It first prints a hello answer (the host name and
/// the machine's addresses), then one answer of five `/proc` files for each line lbtop writes to
/// it: no process is started per poll on either side.
///
/// Every answer is framed by lines that start with 0x1E (see `RemoteAnswerSplitter`): one
/// `\x1e<name>` line before each part, `\x1emissing <file>` for a file that cannot be opened, and
/// `\x1eend` after the last part.
enum RemoteProcScript {
    /// The files of one poll, in the order `ProcNodeReader` needs them.
    static let pollFiles = ["/proc/stat", "/proc/meminfo", "/proc/loadavg", "/proc/net/dev", "/proc/uptime"]

    /// Part names of the hello answer.
    static let helloMarker = "lbtop-proc 1"
    static let hostnameFile = "/proc/sys/kernel/hostname"
    static let ipv4Part = "ipv4"
    static let ipv6File = "/proc/net/if_inet6"

    /// The awk program. `ipv4` lists the addresses `/proc/net/fib_trie` marks `/32 host LOCAL`
    /// (the line before names the address), so a router's full table never crosses the wire.
    /// No single quote: the login shell reads the program inside single quotes.
    static let program = """
        function part(f,  l, r) { r = (getline l < f); if (r < 0) { printf "\\036missing %s\\n", f; return }
        printf "\\036%s\\n", f; while (r > 0) { print l; r = (getline l < f) } close(f) }
        function ipv4(  l, prev) { printf "\\036\(ipv4Part)\\n";
        while ((getline l < "/proc/net/fib_trie") > 0) { if (l ~ /\\/32 host LOCAL/) { sub(/^[ |+-]*/, "", prev); print prev } prev = l }
        close("/proc/net/fib_trie") }
        BEGIN { printf "\\036\(helloMarker)\\n"; part("\(hostnameFile)"); ipv4(); part("\(ipv6File)"); printf "\\036end\\n"; fflush() }
        { \(pollFiles.map { "part(\"\($0)\")" }.joined(separator: "; ")); printf "\\036end\\n"; fflush() }
        """

    /// The remote command line. `-W interactive` makes mawk (Debian's awk) read each request line as
    /// it arrives instead of waiting for a full buffer; other awks ignore it with a warning, which
    /// `2>/dev/null` keeps out of the error shown. A host without awk says so on stderr.
    static var command: String {
        "command -v awk >/dev/null || { echo \"lbtop: no awk on this host (an ssh:// node needs sh, awk and /proc)\" >&2; exit 127; }; "
            + "exec awk -W interactive '\(program.split(separator: "\n").joined(separator: " "))' 2>/dev/null"
    }
}
