import Foundation

/// A fake status endpoint (one python3 process) for faults a real haproxy cannot produce on demand:
/// an HTTP 500, a 50 MB body (with and without its length), a CSV cut mid-line, a server that accepts
/// and never answers (TCP, UNIX socket, or a TLS handshake that never gets its answer), headers then
/// one byte a second, a body without end, a 2 GB `Content-Length`, a connection closed mid-body, a
/// CSV whose header changes every poll, a counter that jumps by 2^62, a UNIX socket path that is a
/// directory, a Redis `INFO` cut short. `heal()` turns an HTTP fault into a healthy stats page (its counter growing by 10 a
/// request). Stopped by PID.
final class FaultyEndpoint: @unchecked Sendable {
    enum Fault: String, Sendable, CaseIterable {
        case http500 = "http-500"
        case hugeBody = "http-huge"
        /// The same without `Content-Length`: the cap is met part by part as the body arrives.
        case hugeUnsizedBody = "http-huge-unsized"
        case truncatedCSV = "http-truncated"
        case stalledHTTP = "http-stall"
        case stalledSocket = "unix-stall"
        /// Accepts TCP and never answers the TLS ClientHello (the URL is `https://`).
        case stalledTLS = "tls-stall"
        /// Headers at once, then the body one byte a second (slow-loris).
        case slowBody = "http-slow-loris"
        /// A body that never ends, without `Content-Length`.
        case endlessBody = "http-endless"
        /// `Content-Length: 2147483648`, then a body at full speed.
        case twoGigabyteLength = "http-2gb"
        /// `Content-Length: 10000`, about 100 bytes of it, then the connection is closed.
        case closedMidBody = "http-close-mid-body"
        /// A valid CSV whose columns (after pxname, svname) come in another order every poll.
        case shiftingHeader = "http-shifting-header"
        /// A valid CSV whose server counters grow by 10 a poll, then jump by 2^62 and go on.
        case counterJump = "http-counter-jump"
        /// `unix://` naming a directory: no process runs.
        case socketIsDirectory = "unix-directory"
        /// A `redis://` port whose `INFO` announces 4,959 bytes, sends 32 and closes.
        case redisInfoCutShort = "redis-cut-short"

        /// The backend name of the rows it serves.
        var backend: String { String(rawValue.split(separator: "-", maxSplits: 1).last ?? "") }
    }

    let fault: Fault
    /// `http://127.0.0.1:PORT/stats;csv` or `unix:///tmp/…/stall.sock`.
    let url: String
    private let process: Process
    private let directory: URL

    private static let script = #"""
    import os, random, socket, sys, threading, time
    mode, where, healed = sys.argv[1], sys.argv[2], sys.argv[3]
    backend = mode.split("-", 1)[1].encode()
    columns = [b"qcur", b"qmax", b"scur", b"smax", b"slim", b"stot", b"status", b"type", b"req_tot", b"hrsp_2xx", b"rate"]
    header = b"# pxname,svname,qcur,qmax,scur,smax,slim,stot,status,type,req_tot,\n"
    row = backend + b",s1,0,0,0,1,,10,UP,2,10,\n"
    polls = [0]
    def csv(order, count):
        values = {b"qcur": b"0", b"qmax": b"0", b"scur": b"1", b"smax": b"2", b"slim": b"", b"stot": b"%d" % count,
                  b"status": b"UP", b"type": b"2", b"req_tot": b"%d" % count, b"hrsp_2xx": b"%d" % count, b"rate": b"10"}
        return (b"# pxname,svname," + b",".join(order) + b",\n" +
                backend + b",s1," + b",".join(values[c] for c in order) + b",\n")
    def ok(body):
        return b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body
    def answer(conn):
        try:
            conn.recv(65536)
            polls[0] += 1
            poll = polls[0]
            if os.path.exists(healed):
                conn.sendall(ok(csv(columns, 10 * poll)))
            elif mode == "http-500":
                body = b"boom\n"
                conn.sendall(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body)
            elif mode in ("http-huge", "http-huge-unsized"):
                size = 50 * 1024 * 1024
                length = b"Content-Length: %d\r\n" % size if mode == "http-huge" else b""
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + length + b"Connection: close\r\n\r\n")
                chunk = header + row * 2000
                sent = 0
                while sent < size:
                    piece = chunk[: size - sent]
                    conn.sendall(piece)
                    sent += len(piece)
            elif mode in ("http-endless", "http-2gb"):
                length = b"Content-Length: 2147483648\r\n" if mode == "http-2gb" else b""
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + length + b"Connection: close\r\n\r\n")
                chunk = header + row * 2000
                while True:
                    conn.sendall(chunk)
            elif mode == "http-slow-loris":
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n")
                for byte in (header + row * 2000):
                    conn.sendall(bytes([byte]))
                    time.sleep(1)
            elif mode == "http-close-mid-body":
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10000\r\nConnection: close\r\n\r\n" + header + row)
            elif mode == "http-shifting-header":
                order = columns[:]
                random.Random(poll).shuffle(order)
                conn.sendall(ok(csv(order, 10 * poll)))
            elif mode == "http-counter-jump":
                conn.sendall(ok(csv(columns, 10 * poll + (2 ** 62 if poll > 5 else 0))))
            elif mode == "redis-cut-short":
                conn.sendall(b"$4959\r\n# Server\r\nredis_version:7.0.15\r\n")
            elif mode == "http-truncated":
                body = header + row + row[:9]
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n" + body)
            else:
                time.sleep(3600)
        except OSError:
            pass
        finally:
            try: conn.close()
            except OSError: pass
    if mode == "unix-stall":
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(where)
    else:
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", int(where)))
    server.listen(16)
    print("ready", flush=True)
    while True:
        conn, _ = server.accept()
        threading.Thread(target=answer, args=(conn,), daemon=True).start()
    """#

    static func start(_ fault: Fault) throws -> FaultyEndpoint {
        let python = try Executable.find("python3", package: "python3")
        let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("lbtop-fault-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let process = Process()
        if fault == .socketIsDirectory {
            let path = directory.appendingPathComponent("admin.sock").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return FaultyEndpoint(fault: fault, url: "unix://" + path, process: process, directory: directory)
        }
        let whereArgument: String
        let url: String
        var port = 0
        if fault == .stalledSocket {
            whereArgument = directory.appendingPathComponent("stall.sock").path
            url = "unix://" + whereArgument
        } else {
            port = try Loopback.freePort()
            whereArgument = String(port)
            url = fault == .redisInfoCutShort ? "redis://127.0.0.1:\(port)"
                : (fault == .stalledTLS ? "https" : "http") + "://127.0.0.1:\(port)/stats;csv"
        }
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, fault.rawValue, whereArgument, directory.appendingPathComponent("healed").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let endpoint = FaultyEndpoint(fault: fault, url: url, process: process, directory: directory)
        try waitUntil(10, "fake endpoint \(fault.rawValue)") {
            fault == .stalledSocket ? FileManager.default.fileExists(atPath: whereArgument) : Loopback.isListening(port: port)
        }
        return endpoint
    }

    /// From the next request on, an HTTP fault answers a healthy stats page.
    func heal() throws {
        try Data().write(to: directory.appendingPathComponent("healed"))
    }

    private init(fault: Fault, url: String, process: Process, directory: URL) {
        self.fault = fault
        self.url = url
        self.process = process
        self.directory = directory
    }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.exitStatus()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }
}
