#!/usr/bin/env python3
"""A stand-in Prometheus server for the fleet scale measurement: answers /api/v1/targets and the
instant queries lbtop sends (/api/v1/query) for FLEET_INSTANCES HAProxy exporters x
FLEET_SERVERS servers (10 backends) and FLEET_NODES node_exporters, in Prometheus 2.42's answer
format. Every server's name is a node's host name, so all join. Request rates move each poll.
Each answer is what Prometheus gives for the query's text: a selector's series with their labels,
reduced to the labels of the query's `by (...)`, without NaN for `> -Inf` and without zeros for
`> 0` (the servers have no maxconn: limit_sessions is NaN).

    python3 Tests/perf/prometheus-fleet.py PORT
"""
import http.server, json, math, os, re, sys, threading, urllib.parse

instances = int(os.environ.get("FLEET_INSTANCES", "100"))
per_instance = int(os.environ.get("FLEET_SERVERS", "100"))
nodes = int(os.environ.get("FLEET_NODES", "100"))
backends = 10
polls = [0]

def series(labels, value):
    return {"metric": labels, "value": [1796172586.380, value]}

def servers():
    for i in range(instances):
        for s in range(per_instance):
            b = s % backends
            yield i, s, {"instance": f"lb{i}:8405", "proxy": f"be{b}", "server": f"web{s % nodes}-{s}" if s >= nodes else f"web{s}"}

def answer(items):
    return json.dumps({"status": "success", "data": {"resultType": "vector", "result": items}}, separators=(",", ":")).encode()

def build(kind, poll):
    """The series of `kind`'s selector (or of its rate, summed) in `poll`."""
    if kind == "server-status":
        return ([series(dict(l, __name__="haproxy_server_status", job="haproxy", state="DOWN" if s % 50 == 49 else "UP"), "1") for i, s, l in servers()])
    if kind == "server-gauges":
        out = []
        for name, value in [("weight", "1"), ("current_sessions", "3"), ("current_queue", "0"), ("limit_sessions", "NaN"),
                            ("response_time_average_seconds", "0.012"), ("total_time_average_seconds", "0.015")]:
            out += [series(dict(l, __name__="haproxy_server_" + name, job="haproxy"), value) for i, s, l in servers()]
        return (out)
    if kind == "server-requests":
        return ([series(l, str((i * 7 + s) % 40 + (poll % 5) / 10)) for i, s, l in servers()])
    if kind == "server-5xx":
        return ([series(l, "0.2" if s % 9 == 0 else "0") for i, s, l in servers()])
    per_backend = [(i, b, {"instance": f"lb{i}:8405", "proxy": f"be{b}"}) for i in range(instances) for b in range(backends)]
    if kind == "backend-status":
        return ([series(dict(l, __name__="haproxy_backend_status", job="haproxy", state="UP"), "1") for i, b, l in per_backend])
    if kind == "backend-responses":
        return ([series(dict(l, code=c), "200" if c == "2xx" else "1") for i, b, l in per_backend for c in ["1xx", "2xx", "3xx", "4xx", "5xx", "other"]])
    if kind == "backend-gauges":
        return ([series(dict(l, __name__="haproxy_backend_current_sessions", job="haproxy"), "30") for i, b, l in per_backend])
    if kind == "frontend-requests":
        return ([series({"instance": f"lb{i}:8405", "proxy": "fe"}, "2000") for i in range(instances)])
    node = [{"instance": f"web{n}:9100"} for n in range(nodes)]
    if kind == "node-cpu":
        return ([series(l, str(20 + n % 50 + poll % 3)) for n, l in enumerate(node)])
    if kind == "node-cpus":
        return ([series(l, "8") for l in node])
    if kind == "node-gauges":
        return ([series(dict(l, __name__=name, job="node"), value) for l in node
                       for name, value in [("node_memory_MemTotal_bytes", "16777216000"), ("node_memory_MemAvailable_bytes", "8388608000"), ("node_load1", "1.5")]])
    if kind == "node-uname":
        return ([series(dict(l, __name__="node_uname_info", job="node", nodename=f"web{n}"), "1") for n, l in enumerate(node)])
    return ([series(l, "125000.5") for l in node])   # node-rx, node-tx

def kind_of(query):
    checks = [("100 * (1 -", "node-cpu"), ("count by (instance) (node_cpu", "node-cpus"), ("node_memory_MemTotal", "node-gauges"),
              ("node_network_receive", "node-rx"), ("node_network_transmit", "node-tx"), ("node_uname_info", "node-uname"),
              ("haproxy_server_status", "server-status"), ("haproxy_server_(", "server-gauges"), ('code="5xx"', "server-5xx"),
              ("haproxy_server_http_responses_total", "server-requests"), ("haproxy_backend_status", "backend-status"),
              ("haproxy_backend_http_responses_total", "backend-responses"), ("haproxy_backend_(", "backend-gauges"),
              ("haproxy_frontend_http_requests_total", "frontend-requests")]
    return next((k for needle, k in checks if needle in query), None)

def shaped(query, items):
    """The series of a selector as the query's aggregation and filter leave them."""
    by = re.search(r"by \(([^)]*)\)", query)
    if by:
        keep = [l.strip() for l in by.group(1).split(",")]
        items = [series({k: v for k, v in i["metric"].items() if k in keep}, i["value"][1]) for i in items]
    if query.endswith("> -Inf"):
        items = [i for i in items if not math.isnan(float(i["value"][1]))]
    if query.endswith("> 0"):
        items = [i for i in items if float(i["value"][1]) > 0]
    return items

# Two versions of each answer, alternated per targets request (one per lbtop poll), made at the
# first asking.
kinds = ["server-status", "server-gauges", "server-requests", "server-5xx", "backend-status", "backend-responses",
         "backend-gauges", "frontend-requests", "node-cpu", "node-cpus", "node-gauges", "node-rx", "node-tx", "node-uname"]
raw = {(kind, p): build(kind, p) for kind in kinds for p in (0, 1)}
cache = {}
lock = threading.Lock()

def cached(query, poll):
    kind = kind_of(query)
    if not kind:
        return answer([])
    with lock:
        if (query, poll) not in cache:
            cache[(query, poll)] = answer(shaped(query, raw[(kind, poll)]))
        return cache[(query, poll)]

targets = json.dumps({"status": "success", "data": {"activeTargets":
    [{"labels": {"instance": f"lb{i}:8405", "job": "haproxy"}, "health": "up", "lastError": "", "scrapeInterval": "1s"} for i in range(instances)]
    + [{"labels": {"instance": f"web{n}:9100", "job": "node"}, "health": "up", "lastError": "", "scrapeInterval": "1s"} for n in range(nodes)],
    "droppedTargets": []}}).encode()

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args): pass
    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        if url.path == "/api/v1/targets":
            polls[0] += 1
            body = targets
        else:
            body = cached(urllib.parse.parse_qs(url.query).get("query", [""])[0], polls[0] % 2)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
print("ready", flush=True)
server.serve_forever()
