#!/usr/bin/env python3
"""A local HTTP file server with fault injection, for the fetch tests and benchmark (127.0.0.1 only).

Usage: fault_server.py ROOT PORT_FILE LOG [FAULTS.json]
Serves ROOT with byte ranges (bytes=N-), writes its port to PORT_FILE once listening, and appends one JSON
line per request to LOG: {"path", "range", "status", "sent", "time"}. FAULTS maps a URL path
("/oa_package/aa/bb/PMC1.tar.gz") to one fault:
  cut             the first answer stops half-way through the body and the connection is closed
  500-then-200    the first answer is 500, later ones are normal
  429             the first answer is 429 with Retry-After: 1, later ones are normal
  always-500      every answer is 500
  long-length     every answer announces 1000 bytes more than it sends, then closes
  short-length    every answer announces 100 bytes fewer than the file has (and sends that many)
  html            every answer is a 200 HTML page
  slow            every answer sends its headers, then waits 30 s before the body
"""
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT, PORT_FILE, LOG = sys.argv[1], sys.argv[2], sys.argv[3]
FAULTS = json.load(open(sys.argv[4])) if len(sys.argv) > 4 else {}
LOCK = threading.Lock()
SEEN = {}  # path -> requests so far


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do
    # Headers and body go out in two writes: without TCP_NODELAY the body waits for the client's delayed ACK
    # (40 ms a file), which real servers avoid.
    disable_nagle_algorithm = True

    def log_message(self, *args):  # quiet: the JSON log says what happened
        pass

    def record(self, status, sent, rng):
        with LOCK, open(LOG, "a") as log:
            log.write(json.dumps({"path": self.path, "range": rng, "status": status, "sent": sent,
                                  "time": round(time.time(), 3)}) + "\n")

    def simple(self, status, body, content_type="text/plain", extra=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        with LOCK:
            SEEN[self.path] = SEEN.get(self.path, 0) + 1
            attempt = SEEN[self.path]
        fault = FAULTS.get(self.path, "")
        rng = self.headers.get("Range")
        if fault == "html":
            body = b"<!DOCTYPE html>\n<html><head><title>Maintenance</title></head><body>Back soon</body></html>\n"
            self.simple(200, body, "text/html")
            return self.record(200, len(body), rng)
        if (fault == "500-then-200" and attempt == 1) or fault == "always-500":
            self.simple(500, b"internal error\n")
            return self.record(500, 0, rng)
        if fault == "429" and attempt == 1:
            self.simple(429, b"slow down\n", extra=[("Retry-After", "1")])
            return self.record(429, 0, rng)
        path = os.path.normpath(os.path.join(ROOT, self.path.lstrip("/")))
        if not path.startswith(os.path.abspath(ROOT) + os.sep) or not os.path.isfile(path):
            self.simple(404, b"not found\n")
            return self.record(404, 0, rng)
        data = open(path, "rb").read()
        start, status = 0, 200
        if rng and rng.startswith("bytes=") and rng.endswith("-"):
            start = int(rng[6:-1])
            if start >= len(data):
                self.simple(416, b"", extra=[("Content-Range", "bytes */%d" % len(data))])
                return self.record(416, 0, rng)
            status = 206
        body = data[start:]
        announced = len(body) + (1000 if fault == "long-length" else -100 if fault == "short-length" else 0)
        if fault == "short-length":
            body = body[:announced]
        self.send_response(status)
        self.send_header("Content-Type", "application/x-gzip")
        self.send_header("Content-Length", str(announced))
        if status == 206:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(data) - 1, len(data)))
        self.send_header("Accept-Ranges", "bytes")
        if fault in ("cut", "long-length"):
            self.send_header("Connection", "close")
        self.end_headers()
        if fault == "slow":
            time.sleep(30)
        if fault == "cut" and attempt == 1:
            body = body[: len(body) // 2]
            self.close_connection = True
        try:
            self.wfile.write(body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return self.record(status, 0, rng)
        if fault in ("cut", "long-length"):
            self.close_connection = True
        self.record(status, len(body), rng)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a client that gave up (timeouts): not an error here
        pass


server = Server(("127.0.0.1", 0), Handler)
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
