import json, sys, http.server, itertools
counter = itertools.count(1)
REPO = sys.argv[2]
SCRIPT = {
 "Create greeting.txt containing Hello": [
   ("write", {"filePath": REPO + "/greeting.txt", "content": "Hello\n"}, (300, 1200, 40)),
   ("say", "Created greeting.txt.", (320, 1400, 8))],
 "Fix the typo in README.md": [
   ("read", {"filePath": REPO + "/README.md"}, (400, 1600, 20)),
   ("edit", {"filePath": REPO + "/README.md", "oldString": "Helo", "newString": "Hello"}, (420, 1700, 30)),
   ("say", "Fixed it.", (440, 1800, 6))],
}
def text(c):
    return c if isinstance(c, str) else "".join(p.get("text", "") for p in c)
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        n = next(counter)
        body = json.loads(self.rfile.read(int(self.headers['Content-Length'])))
        msgs = body.get('messages', [])
        reply = ("say", "Title", (3, 0, 2))
        if body.get('tools'):
            for i in range(len(msgs) - 1, -1, -1):
                if msgs[i]['role'] == 'user' and text(msgs[i]['content']).strip() in SCRIPT:
                    k = sum(1 for m in msgs[i+1:] if m['role'] == 'assistant')
                    reply = SCRIPT[text(msgs[i]['content']).strip()][k]
                    break
        sys.stderr.write("REQ %d tools=%s -> %s\n" % (n, bool(body.get('tools')), reply[0]))
        kind, arg, (inp, cached, out) = reply
        if kind == "say":
            delta = {"role": "assistant", "content": arg}; finish = "stop"
        else:
            delta = {"role": "assistant", "tool_calls": [{"index": 0, "id": "call_%d" % n, "type": "function", "function": {"name": kind, "arguments": json.dumps(arg)}}]}; finish = "tool_calls"
        self.send_response(200); self.send_header('Content-Type', 'text/event-stream'); self.end_headers()
        def ev(d): self.wfile.write(("data: " + json.dumps(d) + "\n\n").encode()); self.wfile.flush()
        base = {"id": "c%d" % n, "object": "chat.completion.chunk", "created": 1, "model": body.get('model')}
        ev(dict(base, choices=[{"index": 0, "delta": delta, "finish_reason": None}]))
        ev(dict(base, choices=[{"index": 0, "delta": {}, "finish_reason": finish}]))
        ev(dict(base, choices=[], usage={"prompt_tokens": inp + cached, "completion_tokens": out, "total_tokens": inp + cached + out, "prompt_tokens_details": {"cached_tokens": cached}}))
        self.wfile.write(b"data: [DONE]\n\n")
    def log_message(self, *a): pass
http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
