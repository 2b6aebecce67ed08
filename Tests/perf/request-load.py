# A modest request load for the perf scripts: about 40 requests/s through haproxy's frontend on
# PORT, each to a random one of BACKENDS backends (/app0/ ... /appN/). Runs until killed.
import http.client, random, sys, time

port, backends = int(sys.argv[1]), int(sys.argv[2])
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
while True:
    try:
        conn.request("GET", "/app%d/" % random.randrange(backends)); conn.getresponse().read()
    except Exception:
        conn.close(); conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5); time.sleep(0.1)
    time.sleep(0.025)
