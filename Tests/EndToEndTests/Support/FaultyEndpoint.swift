import Foundation

/// A fake status endpoint (one python3 process) for faults a real haproxy cannot produce on demand:
/// an HTTP 500, a 50 MB body (with and without its length), a CSV cut mid-line, a server that accepts and never answers (TCP or
/// UNIX socket). Stopped by PID.
final class FaultyEndpoint: @unchecked Sendable {
    enum Fault: String, Sendable {
        case http500 = "http-500"
        case hugeBody = "http-huge"
        /// The same without `Content-Length`: the cap is met part by part as the body arrives.
        case hugeUnsizedBody = "http-huge-unsized"
        case truncatedCSV = "http-truncated"
        case stalledHTTP = "http-stall"
        case stalledSocket = "unix-stall"
    }

    let fault: Fault
    /// `http://127.0.0.1:PORT/stats;csv` or `unix:///tmp/…/stall.sock`.
    let url: String
    private let process: Process
    private let directory: URL

    private static let script = #"""
    import os, socket, sys, threading, time
    mode, where = sys.argv[1], sys.argv[2]
    header = b"# pxname,svname,qcur,qmax,scur,smax,slim,stot,status,type,req_tot,\n"
    row = b"app,s1,0,0,0,1,,10,UP,2,10,\n"
    def answer(conn):
        try:
            conn.recv(65536)
            if mode == "http-500":
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
        let whereArgument: String
        let url: String
        var port = 0
        if fault == .stalledSocket {
            whereArgument = directory.appendingPathComponent("stall.sock").path
            url = "unix://" + whereArgument
        } else {
            port = try Loopback.freePort()
            whereArgument = String(port)
            url = "http://127.0.0.1:\(port)/stats;csv"
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, fault.rawValue, whereArgument]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let endpoint = FaultyEndpoint(fault: fault, url: url, process: process, directory: directory)
        try waitUntil(10, "fake endpoint \(fault.rawValue)") {
            fault == .stalledSocket ? FileManager.default.fileExists(atPath: whereArgument) : Loopback.isListening(port: port)
        }
        return endpoint
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
