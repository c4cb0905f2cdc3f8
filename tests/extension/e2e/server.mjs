// The test shop's web server, on loopback. It serves tests/extension/pages/ for any host name
// and also answers proxy-style requests ("GET http://shop.example/x HTTP/1.1"), so Firefox can
// use it as its HTTP proxy and pages get a realistic origin without a port.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'pages');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

export function startShop() {
  const requests = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://shop.example');
    requests.push(`${req.method} ${url.host}${url.pathname}`);
    const file = path.join(PAGES, path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(PAGES + path.sep) || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: server.address().port,
        requests,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}
