import http.server, json, itertools
n = itertools.count()
REPO = '/tmp/cpr/repo'
SCRIPT = {
  'Add a greeting file': [
    ('create', {'path': REPO + '/greeting.txt', 'file_text': 'Hello, world\n'}, (1200, 1000, 40)),
    ('text', 'I added greeting.txt.', (1300, 1200, 8))],
  'Fix the typo in README.md': [
    ('edit', {'path': REPO + '/README.md', 'old_str': 'Helo', 'new_str': 'Hello'}, (1500, 1300, 30)),
    ('text', 'Fixed the typo.', (1600, 1500, 6))],
}
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get('content-length', 0))))
        i = next(n)
        items = body['input']
        idx = max(k for k, it in enumerate(items) if it.get('role') == 'user')
        typed = items[idx]['content'][0]['text'].split('\n\n')[-1].strip()
        replies = sum(1 for it in items[idx+1:] if it.get('type') == 'function_call' or (it.get('type') == 'message' and it.get('role') == 'assistant'))
        kind, arg, (inp, cached, out) = SCRIPT[typed][replies]
        rid = 'resp_%d' % i
        if kind == 'text':
            item = {'type': 'message', 'role': 'assistant', 'id': 'msg_%d' % i, 'content': [{'type': 'output_text', 'text': arg}]}
        else:
            item = {'type': 'function_call', 'id': 'fc_%d' % i, 'call_id': 'call_%d' % i, 'name': kind, 'arguments': json.dumps(arg)}
        self.send_response(200); self.send_header('Content-Type', 'text/event-stream'); self.end_headers()
        def ev(name, obj):
            self.wfile.write(('event: %s\ndata: %s\n\n' % (name, json.dumps(obj))).encode())
        ev('response.created', {'type': 'response.created', 'response': {'id': rid, 'status': 'in_progress', 'output': []}})
        ev('response.output_item.added', {'type': 'response.output_item.added', 'output_index': 0, 'item': item})
        ev('response.output_item.done', {'type': 'response.output_item.done', 'output_index': 0, 'item': item})
        ev('response.completed', {'type': 'response.completed', 'response': {'id': rid, 'status': 'completed', 'output': [item], 'usage': {'input_tokens': inp, 'input_tokens_details': {'cached_tokens': cached}, 'output_tokens': out, 'output_tokens_details': {'reasoning_tokens': 0}, 'total_tokens': inp + out}}})
    def log_message(self, *a): pass
http.server.HTTPServer(('127.0.0.1', 18766), H).serve_forever()
