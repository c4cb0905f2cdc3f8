// The test shop's web servers, on loopback. Plain HTTP serves tests/extension/pages/ for any
// host name and also answers proxy-style requests ("GET http://shop.example/x HTTP/1.1"), so
// Firefox can use it as its HTTP proxy and pages get a realistic origin without a port. With a
// certificate, an HTTPS server serves the same pages, and the HTTP server tunnels CONNECT
// requests to it (Firefox's way to reach https://secure.example through the proxy).
// A page may POST a JSON report to /__report on its own origin (what its scripts saw); the
// server keeps each, with the origin it came in on, in `reports`.
// Options for serving captured pages (tests/corpus/real-fill): `hosts` limits the host names
// served (any other gets 404, and a CONNECT to it is refused), `headers` are added to every
// page, `rewrite(text, file)` may change an HTML page before it is sent.

import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { connect } from 'node:net';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULT_PAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'pages');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

function listen(server) {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(server.address().port)),
  );
}

const MAX_REPORT_BYTES = 64 * 1024;

function readReport(req, res, reports, scheme) {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => {
    body += chunk;
    if (body.length > MAX_REPORT_BYTES) req.destroy();
  });
  req.on('end', () => {
    try {
      reports.push({ ...JSON.parse(body), via: `${scheme}://${req.headers.host}` });
    } catch {
      reports.push({ bad: body.slice(0, 200), via: `${scheme}://${req.headers.host}` });
    }
    res.writeHead(204).end();
  });
}

// tls: {key, cert} (PEM) or undefined for HTTP only; pages: the folder served (default
// tests/extension/pages); hosts, headers, rewrite: above.
export async function startShop({ tls, pages = DEFAULT_PAGES, hosts, headers = {}, rewrite } = {}) {
  const PAGES = path.resolve(pages);
  const requests = [];
  const reports = [];
  const handler = (scheme) => async (req, res) => {
    const url = new URL(req.url, `${scheme}://${req.headers.host ?? 'shop.example'}`);
    requests.push(`${req.method} ${url.host}${url.pathname}`);
    if (hosts && !hosts.includes(url.hostname)) {
      res.writeHead(404).end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/__report') {
      readReport(req, res, reports, scheme);
      return;
    }
    const file = path.join(PAGES, path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(PAGES + path.sep) || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    try {
      let body = await readFile(file);
      if (rewrite && path.extname(file) === '.html') body = rewrite(body.toString('utf8'), file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...headers,
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  };
  const servers = [createServer(handler('http'))];
  const port = await listen(servers[0]);
  let tlsPort = null;
  // CONNECT tunnels are no longer the server's connections: closeAllConnections misses them.
  const tunnels = new Set();
  if (tls) {
    servers.push(createTlsServer(tls, handler('https')));
    tlsPort = await listen(servers[1]);
    servers[0].on('connect', (req, socket, head) => {
      tunnels.add(socket);
      socket.on('close', () => tunnels.delete(socket));
      const [connectHost] = String(req.url).split(':');
      if (hosts && !hosts.includes(connectHost)) {
        socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      const upstream = connect(tlsPort, '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
  }
  return {
    port,
    tlsPort,
    requests,
    reports,
    close: () => {
      for (const socket of tunnels) socket.destroy();
      return Promise.all(
        servers.map((s) => {
          s.closeAllConnections?.();
          return new Promise((done) => s.close(done));
        }),
      );
    },
  };
}
