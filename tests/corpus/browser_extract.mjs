// Loads corpus pages in headless Chromium and runs the extension's real descriptor extraction
// in each (extract_entry.js, linked by the extension's own bundler). Nothing leaves the machine:
// pages are served from a loopback server, every other request is aborted, and the host
// resolver maps every name to nothing. Page scripts are disabled: the captures are the DOM as
// the shopper saw it, and their scripts would only reach for blocked third parties.

import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const EXT = path.join(REPO, 'extension');

const PAGE_MS = 20_000;

function withTimeout(promise, ms, label) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${label}`)), ms);
    }),
  ]);
}

// Serves the .html files directly inside `dir`, nothing else.
function serve(dir) {
  const server = createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url, 'http://x').pathname.slice(1));
    if (!/^[\w.-]+\.html$/.test(name)) {
      res.writeHead(404).end();
      return;
    }
    const stream = createReadStream(path.join(dir, name));
    stream.on('error', () => res.writeHead(404).end());
    stream.on('open', () => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }));
    stream.pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// The extractor (extract_entry.js) as one script to evaluate in a page; it defines
// globalThis.__pimsCorpusExtract(stripAutocomplete).
export async function extractorSource() {
  const { bundle } = await import(path.join(EXT, 'tools/bundle.mjs'));
  return bundle(path.join(HERE, 'extract_entry.js'));
}

// For each page name (a file in `dir`): {page, fields, locators} (extract_entry.js), or
// {page, error}. `chromium` is the browser binary.
export async function extractPages(dir, pages, { stripAutocomplete, chromium, log }) {
  const require = createRequire(path.join(EXT, 'package.json'));
  const puppeteer = require('puppeteer-core');
  const source = await extractorSource();
  const server = await serve(dir);
  const { port } = server.address();
  const profile = mkdtempSync(path.join(os.tmpdir(), 'pims-corpus-'));
  let browser;
  const results = [];
  try {
    browser = await withTimeout(
      puppeteer.launch({
        executablePath: chromium,
        headless: true,
        userDataDir: profile,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
        ],
      }),
      PAGE_MS,
      'starting Chromium',
    );
    const origin = `http://127.0.0.1:${port}/`;
    for (const name of pages) {
      let page;
      try {
        page = await browser.newPage();
        await page.setJavaScriptEnabled(false);
        await page.setRequestInterception(true);
        page.on('request', (request) => {
          if (request.url().startsWith(origin) || request.url().startsWith('data:')) {
            request.continue().catch(() => {});
          } else {
            request.abort('blockedbyclient').catch(() => {});
          }
        });
        await withTimeout(
          page.goto(origin + encodeURIComponent(name), { waitUntil: 'load', timeout: PAGE_MS }),
          PAGE_MS + 1000,
          name,
        );
        await withTimeout(page.evaluate(source), PAGE_MS, `${name}: injecting the extractor`);
        const extracted = await withTimeout(
          page.evaluate(
            (strip) => globalThis.__pimsCorpusExtract(strip),
            Boolean(stripAutocomplete),
          ),
          PAGE_MS,
          `${name}: extracting`,
        );
        results.push({ page: name, ...extracted });
      } catch (error) {
        log?.(`${name}: ${error.message}`);
        results.push({ page: name, error: error.message });
      } finally {
        await page?.close().catch(() => {});
      }
    }
  } finally {
    if (browser)
      await withTimeout(browser.close(), 10_000, 'closing Chromium').catch(() => {
        browser.process()?.kill('SIGKILL');
      });
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return results;
}
