// Static checks on the extension's sources for the safety rules that no behaviour test sees
// whole: nothing is logged, extension storage is never written, only the background
// talks to the host, and no page markup is built from strings.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SRC } from './paths.mjs';

function sources(dir = SRC) {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return file.endsWith('.js')
      ? [{ file: path.relative(SRC, file), text: readFileSync(file, 'utf8') }]
      : [];
  });
}

const all = sources();

test('nothing is logged to the console', () => {
  for (const { file, text } of all) assert.doesNotMatch(text, /\bconsole\./, file);
});

test('extension storage is never written: settings live in the vault', () => {
  for (const { file, text } of all) {
    assert.doesNotMatch(text, /storage\.(local|sync|session)\.set\(/, file);
    assert.doesNotMatch(text, /localStorage|sessionStorage|indexedDB/, file);
  }
});

test('only the background connects to the native host', () => {
  for (const { file, text } of all) {
    if (/connectNative|sendNativeMessage/.test(text)) {
      assert.ok(file.startsWith(`background${path.sep}`), file);
    }
  }
});

test('no markup is built from strings', () => {
  for (const { file, text } of all) {
    assert.doesNotMatch(text, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/, file);
    assert.doesNotMatch(text, /\beval\(|new Function\(/, file);
  }
});
