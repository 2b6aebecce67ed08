/// Generates HAProxy 2.6 `show stat` CSV in the exact shape a real 2.6 answers with: the full
/// 2.6 header, a frontend row, then per backend its server rows and its BACKEND row. Counters
/// grow with `poll` so consecutive bodies give the store real rates.
struct StatsCSVGenerator {
    /// The header HAProxy 2.6 sends (copied from the fixture `show-stat-2.6.csv`).
    static let header = "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,check_code,check_duration,hrsp_1xx,hrsp_2xx,hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,req_rate,req_rate_max,req_tot,cli_abrt,srv_abrt,comp_in,comp_out,comp_byp,comp_rsp,lastsess,last_chk,last_agt,qtime,ctime,rtime,ttime,agent_status,agent_code,agent_duration,check_desc,agent_desc,check_rise,check_fall,check_health,agent_rise,agent_fall,agent_health,addr,cookie,mode,algo,conn_rate,conn_rate_max,conn_tot,intercepted,dcon,dses,wrew,connect,reuse,cache_lookups,cache_hits,srv_icur,src_ilim,qtime_max,ctime_max,rtime_max,ttime_max,eint,idle_conn_cur,safe_conn_cur,used_conn_cur,need_conn_est,uweight,agg_server_status,agg_server_check_status,agg_check_status,-,ssl_sess,ssl_reused_sess,ssl_failed_handshake,h2_headers_rcvd,h2_data_rcvd,h2_settings_rcvd,h2_rst_stream_rcvd,h2_goaway_rcvd,h2_detected_conn_protocol_errors,h2_detected_strm_protocol_errors,h2_rst_stream_resp,h2_goaway_resp,h2_open_connections,h2_backend_open_streams,h2_total_connections,h2_backend_total_streams,h1_open_connections,h1_open_streams,h1_total_connections,h1_total_streams,h1_bytes_in,h1_bytes_out,h1_spliced_bytes_in,h1_spliced_bytes_out,\n"

    var backends: Int
    var serversPerBackend: Int

    var serverCount: Int { backends * serversPerBackend }

    /// One server's readings in a poll.
    struct ServerReading {
        var requests: Int
        var errors: Int
        var status: String
        var responseTimeMs: Int
        var sessions: Int
        /// Seconds since the last state change (`lastchg`).
        var lastChange: Int
    }

    /// The body of poll number `poll` (0, 1, 2, …).
    func body(poll: Int) -> [UInt8] {
        body(poll: poll, frontendRequests: serverCount * (100 + poll * 7)) { index in
            // Uneven, moving traffic: each server gains a different amount every poll.
            let requests = 100 + poll * (5 + (index * 7 + poll) % 5)
            // Sessions wander under a maxconn of 100: the capacity forecast fits every server.
            return ServerReading(requests: requests, errors: index % 13 == 0 ? poll / 3 : 0,
                                 status: index % 97 == 5 ? "DOWN" : (index % 89 == 3 ? "MAINT" : "UP"),
                                 responseTimeMs: 2 + (index + poll) % 9, sessions: (index + poll) % 7, lastChange: 19 + poll)
        }
    }

    /// A body whose server number `index` (0 ..< serverCount, backend by backend) reads `server(index)`;
    /// each backend row adds up its servers' requests, the frontend row them all unless given.
    func body(poll: Int, frontendRequests: Int? = nil, server: (Int) -> ServerReading) -> [UInt8] {
        var out = Self.header
        out.reserveCapacity(serverCount * 260 + backends * 300 + 4096)
        var rows = ""
        rows.reserveCapacity(serverCount * 260 + backends * 300)
        var total = 0
        for b in 0..<backends {
            let backend = "app\(b)"
            var backendTotal = 0
            for s in 0..<serversPerBackend {
                let index = b * serversPerBackend + s
                let reading = server(index)
                let requests = reading.requests, errors = reading.errors, ok = requests - errors
                let rtime = reading.responseTimeMs
                backendTotal += requests
                let port = 20000 + index % 40000
                rows += "\(backend),srv\(s),0,0,\(reading.sessions),6,100,\(requests),\(requests * 81),\(requests * 125),,0,,0,0,0,0,\(reading.status),1,1,0,1,1,\(reading.lastChange),2,,1,4,\(s + 1),,\(requests),,2,1,,88,L7OK,200,6,0,\(ok),0,0,\(errors),0,,,,\(requests),0,0,,,,,0,,,0,1,\(rtime),\(rtime + 2),,,,Layer7 check passed,,2,3,4,,,,127.0.0.1:\(port),,http,,,,,,,,0,\(requests),0,,,2,,0,2,7,7,0,2,0,1,2,1,,,,-,0,0,0,,,,,,,,,,,,,,,,,,,,,,\n"
            }
            total += backendTotal
            rows += "\(backend),BACKEND,0,0,1,2,200,\(backendTotal),\(backendTotal * 81),\(backendTotal * 125),0,0,,1,0,3,0,UP,\(serversPerBackend),\(serversPerBackend),0,,0,\(21 + poll),0,,1,4,0,,\(backendTotal),,1,91,,88,,,,0,\(backendTotal),0,0,1,0,,,,\(backendTotal),0,0,0,0,0,0,0,,,0,1,4,4,,,,,,,,,,,,,,http,roundrobin,,,,,,,0,\(backendTotal),0,0,0,,,0,2,7,7,0,,,,,1,0,0,0,-,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,2,546,546,65284,39161,0,0,\n"
        }
        let frontend = frontendRequests ?? total
        out += "web,FRONTEND,,,1,3,2000,\(frontend),\(frontend * 84),\(frontend * 126),0,0,0,,,,,OPEN,,,,,,,,,1,2,0,,,,0,121,0,116,,,,0,\(frontend),0,0,1,0,,121,117,\(frontend),,,0,0,0,0,,,,,,,,,,,,,,,,,,,,,http,,121,116,\(frontend),0,0,0,0,,,0,0,,,,,,,0,,,,,,,,,-,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,\(frontend),\(frontend),69756,116237,0,0,\n"
        out += rows
        return Array(out.utf8)
    }
}
