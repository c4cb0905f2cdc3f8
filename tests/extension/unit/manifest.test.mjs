import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXT, ext } from './paths.mjs';

const { makeManifest, MIN_FIREFOX_VERSION } = await ext('tools/manifest.mjs');
const base = JSON.parse(readFileSync(path.join(EXT, 'src', 'manifest.base.json'), 'utf8'));
const identity = JSON.parse(readFileSync(path.join(EXT, 'identity.json'), 'utf8'));
const chrome = makeManifest(base, { browser: 'chrome', identity, version: '1.2.3' });
const firefox = makeManifest(base, { browser: 'firefox', identity, version: '1.2.3' });

test('Chrome gets a module service worker and the public key from identity.json', () => {
  assert.deepEqual(chrome.background, {
    service_worker: 'background/background.js',
    type: 'module',
  });
  assert.equal(chrome.key, identity.chrome_key);
  assert.equal(chrome.browser_specific_settings, undefined);
  assert.equal(chrome.manifest_version, 3);
  assert.equal(chrome.version, '1.2.3');
});

test('Firefox gets module background scripts and the gecko id from identity.json', () => {
  assert.deepEqual(firefox.background, { scripts: ['background/background.js'], type: 'module' });
  assert.equal(firefox.browser_specific_settings.gecko.id, identity.gecko_id);
  assert.equal(firefox.browser_specific_settings.gecko.strict_min_version, MIN_FIREFOX_VERSION);
  // Manifest V3 with native messaging needs at least Firefox 109.
  assert.ok(Number.parseFloat(MIN_FIREFOX_VERSION) >= 109);
  assert.equal(firefox.key, undefined);
});

test('both ask for native messaging and http(s) pages, and nothing broader', () => {
  for (const m of [chrome, firefox]) {
    assert.ok(m.permissions.includes('nativeMessaging'));
    assert.ok(!m.permissions.includes('storage')); // nothing is stored: settings live in the vault
    assert.ok(m.permissions.includes('contextMenus'));
    assert.ok(!m.permissions.includes('<all_urls>'));
    assert.deepEqual(m.host_permissions, ['http://*/*', 'https://*/*']);
    assert.deepEqual(m.content_scripts[0].matches, ['http://*/*', 'https://*/*']);
  }
});

test('only the menu at a field and the offer to save are web-accessible, to http(s) pages, at a per-session URL', () => {
  for (const m of [chrome, firefox]) {
    assert.equal(m.web_accessible_resources.length, 1);
    const [menu] = m.web_accessible_resources;
    assert.deepEqual(menu.resources, ['menu/menu.html', 'menu/save.html']);
    assert.deepEqual(menu.matches, ['http://*/*', 'https://*/*']);
  }
  // Chromium's fixed ID would let any page find the menu; Firefox's host is random already.
  assert.equal(chrome.web_accessible_resources[0].use_dynamic_url, true);
  assert.equal(firefox.web_accessible_resources[0].use_dynamic_url, undefined);
});

test('extension pages run under a strict content security policy', () => {
  for (const m of [chrome, firefox]) {
    const csp = m.content_security_policy.extension_pages;
    assert.match(csp, /script-src 'self';/);
    assert.match(csp, /object-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-(inline|eval)/);
    // Only web pages may frame an extension page (and only the menu and the offer are
    // web-accessible), and pims' own practice shop, which shows the same menu ('self').
    assert.match(csp, /frame-ancestors 'self' http: https:$/);
  }
});

test('the shopper has a keyboard shortcut for Fill now', () => {
  assert.ok(chrome.commands['fill-now'].suggested_key.default);
});

test('the generator refuses an unknown browser or a missing identity', () => {
  assert.throws(() => makeManifest(base, { browser: 'safari', identity, version: '1' }));
  assert.throws(() => makeManifest(base, { browser: 'chrome', identity: {}, version: '1' }));
  assert.throws(() => makeManifest(base, { browser: 'firefox', identity: {}, version: '1' }));
});

test('the base manifest is not changed by generating from it', () => {
  assert.deepEqual(base.background, { entry: 'background/background.js' });
});
