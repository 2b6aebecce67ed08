import Foundation
import Testing
import LBTopCore
@testable import LBTopUI

/// View `4` over a log the store read: every section, both layouts, the `/` filter, and the
/// sentences shown before there is a log or a request.
@Suite struct RequestsViewTests {
    func render(_ snapshot: Snapshot, width: Int, height: Int, filter: String = "") -> InMemoryScreen {
        renderView(RequestsView(), ViewContext(snapshot: snapshot, filter: filter), width: width, height: height)
    }

    @Test func wideScreenShowsTheFourSectionsInTwoColumns() {
        // /api/items: 70 requests, 10 of them 301 ms; /login: 28, three 5xx (two sH timeouts
        // of 2 s, one SC refusal); the query string is not part of the path.
        let screen = render(RequestLogFixture.snapshot(), width: 120, height: 16)
        expectLines(screen, [
            "Top paths                                                   Slowest requests                                            x",
            "PATH                                     REQS    5XX    P99   TIME  ST REQUEST                   SERVER   CLIENT   TERM x",
            "/api/items                                 70      0  301ms   2.0s 504 GET /login                app/app2 10.0.0.9 sHNN x",
            "/login                                     28      3   2.0s   2.0s 504 GET /login                app/app2 10.0.0.9 sHNN x",
            "/static/app.js                              2      0   81ms  301ms 200 GET /api/items            app/app1 10.0.0.9 --NI x",
            "                                                             301ms 200 GET /api/items            app/app1 10.0.0.9 --NI x",
            "                                                             301ms 200 GET /api/items            app/app1 10.0.0.9 --NI x",
            "                                                             301ms 200 GET /api/items            app/app1 10.0.0.9 --NI x",
            "Termination causes                                          Top clients                                                 x",
            "CAUSE    REQS MEANING                                       CLIENT                                   REQS    5XX    P99 x",
            "CD          2 client aborted, during data                   10.0.0.1                                   63      1   81ms x",
            "sH          2 server timeout, waiting for response headers  10.0.0.9                                   37      2   2.0s x",
            "SC          1 server aborted or refused, while connecting                                                               x",
        ] + Array(repeating: String(repeating: " ", count: 120) + "x", count: 3) + [String(repeating: "x", count: 121)])
    }

    @Test func narrowScreenStacksTheSections() {
        let screen = render(RequestLogFixture.snapshot(), width: 70, height: 24)
        expectLines(screen, [
            "Top paths                                                             x",
            "PATH                                                REQS    5XX    P99x",
            "/api/items                                            70      0  301msx",
            "/login                                                28      3   2.0sx",
            "/static/app.js                                         2      0   81msx",
            "                                                                      x",
            "Slowest requests                                                      x",
            "  TIME  ST REQUEST                              SERVER   CLIENT   TERMx",
            "  2.0s 504 GET /login                           app/app2 10.0.0.9 sHNNx",
            "  2.0s 504 GET /login                           app/app2 10.0.0.9 sHNNx",
            " 301ms 200 GET /api/items                       app/app1 10.0.0.9 --NIx",
            " 301ms 200 GET /api/items                       app/app1 10.0.0.9 --NIx",
            "Termination causes                                                    x",
            "CAUSE    REQS MEANING                                                 x",
            "CD          2 client aborted, during data                             x",
            "sH          2 server timeout, waiting for response headers            x",
            "SC          1 server aborted or refused, while connecting             x",
            "                                                                      x",
            "Top clients                                                           x",
            "CLIENT                                              REQS    5XX    P99x",
            "10.0.0.1                                              63      1   81msx",
            "10.0.0.9                                              37      2   2.0sx",
            "                                                                      x",
            "                                                                      x",
            String(repeating: "x", count: 71),
        ])
    }

    @Test func serverSideCausesAndFivexxStandOut() {
        let screen = render(RequestLogFixture.snapshot(), width: 120, height: 16)
        #expect(screen.style(atColumn: 0, row: 10) == Style(.warn))        // CD: the client's doing
        #expect(screen.style(atColumn: 0, row: 11) == Style(.critical))    // sH, SC: the server's
        #expect(screen.style(atColumn: 0, row: 12) == Style(.critical))
        #expect(screen.style(atColumn: 51, row: 3) == Style(.critical))    // /login's 3 5xx
        #expect(screen.style(atColumn: 51, row: 2) == Style(.text))
        #expect(screen.style(atColumn: 67, row: 2) == Style(.critical))    // status 504
    }

    @Test func slashFiltersEverySection() {
        // By path, in any case: the path, its slow requests; no cause or client says "login".
        let screen = render(RequestLogFixture.snapshot(), width: 120, height: 16, filter: "LOGIN")
        expectLines(screen, [
            "Top paths                                                   Slowest requests                                            x",
            "PATH                                     REQS    5XX    P99   TIME  ST REQUEST                   SERVER   CLIENT   TERM x",
            "/login                                     28      3   2.0s   2.0s 504 GET /login                app/app2 10.0.0.9 sHNN x",
            "                                                              2.0s 504 GET /login                app/app2 10.0.0.9 sHNN x",
            "                                                                                                                        x",
            "                                                                                                                        x",
            "                                                                                                                        x",
            "                                                                                                                        x",
            "Termination causes                                          Top clients                                                 x",
            "CAUSE    REQS MEANING                                       CLIENT                                   REQS    5XX    P99 x",
            "                                                                                                                        x",
            "                                                                                                                        x",
            "                                                                                                                        x",
            "                                                                                                                        x",
            "                                                                                                                        x",
            "                                                                                                                        x",
            String(repeating: "x", count: 121),
        ])
        // By client: its slow requests and its own row; by a cause's meaning: that cause.
        let client = render(RequestLogFixture.snapshot(), width: 120, height: 16, filter: "10.0.0.9")
        #expect(client.text(row: 2, columns: 0..<60).trimmingCharacters(in: .whitespaces).isEmpty)
        #expect(client.lines[2].contains("GET /login") && client.lines[10].hasPrefix(String(repeating: " ", count: 60) + "10.0.0.9"))
        #expect(client.lines[11].trimmingCharacters(in: .whitespaces) == "x")
        let cause = render(RequestLogFixture.snapshot(), width: 120, height: 16, filter: "refused")
        #expect(cause.lines[10].hasPrefix("SC          1 server aborted or refused") && cause.lines[11].hasPrefix(" "))
    }

    @Test func sentencesBeforeALogOrARequest() {
        expectLines(render(.empty, width: 70, height: 1), [
            "No request log: start lbtop with --log URL (see the README)           x", String(repeating: "x", count: 71),
        ])
        expectLines(render(RequestLogFixture.snapshot([]), width: 70, height: 1), [
            "No request in the log window yet…                                     x", String(repeating: "x", count: 71),
        ])
    }
}
