// Builds the extension for each browser: dist/chrome/, dist/firefox/, dist/pims-chrome.zip and
// dist/pims-firefox.xpi. Plain Node, no bundler; the shipped extension has no npm dependency.
//
//   node tools/build.mjs            both browsers
//   node tools/build.mjs firefox    one

import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { bundle } from './bundle.mjs';
import { drawIcon, ICON_SIZES, ICON_STATES } from './icons.mjs';
import { BROWSERS, makeManifest } from './manifest.mjs';
import { writeVocabulary } from './vocabulary.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');
// Folders copied as they are; content/ is linked into one script instead.
const COPIED = ['background', 'popup', 'options', 'welcome', 'try', 'menu', 'shared', '_locales'];
const ARCHIVES = { chrome: 'pims-chrome.zip', firefox: 'pims-firefox.xpi' };
// One timestamp for every file, so the same sources give byte-identical archives.
const FIXED_TIME = new Date('2020-01-01T00:00:00Z');

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? [file, ...walk(file)] : [file];
  });
}

function buildBrowser(browser, { identity, version, base }) {
  const out = path.join(DIST, browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const folder of COPIED) {
    cpSync(path.join(SRC, folder), path.join(out, folder), { recursive: true });
  }
  mkdirSync(path.join(out, 'content'));
  const banner = `// pims ${version}: built from src/content/ by tools/bundle.mjs; edit the sources.\n`;
  writeFileSync(
    path.join(out, 'content', 'content.js'),
    bundle(path.join(SRC, 'content', 'content.js'), { banner }),
  );
  mkdirSync(path.join(out, 'icons'));
  for (const size of ICON_SIZES) {
    writeFileSync(path.join(out, 'icons', `pims-${size}.png`), drawIcon(size));
  }
  // The toolbar's states (background/toolbar.js), at the sizes the toolbar uses.
  for (const state of Object.keys(ICON_STATES)) {
    for (const size of [16, 32]) {
      writeFileSync(path.join(out, 'icons', `${state}-${size}.png`), drawIcon(size, state));
    }
  }
  const manifest = makeManifest(base, { browser, identity, version });
  writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

  const files = walk(out);
  for (const file of [out, ...files]) utimesSync(file, FIXED_TIME, FIXED_TIME);
  const archive = path.join(DIST, ARCHIVES[browser]);
  rmSync(archive, { force: true });
  // Sorted names and no extra attributes: a reproducible archive with manifest.json at its root.
  const names = files.filter((f) => statSync(f).isFile()).map((f) => path.relative(out, f));
  names.sort();
  execFileSync('zip', ['-X', '-q', '-9', archive, ...names], { cwd: out, stdio: 'inherit' });
  return { out, archive };
}

export function build(browsers = BROWSERS) {
  const identity = readJson(path.join(ROOT, 'identity.json'));
  const { version } = readJson(path.join(ROOT, 'package.json'));
  const base = readJson(path.join(SRC, 'manifest.base.json'));
  mkdirSync(DIST, { recursive: true });
  writeVocabulary(); // src/shared/vocabulary.js, from the table the host reads too
  return browsers.map((browser) => buildBrowser(browser, { identity, version, base }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wanted = process.argv.slice(2);
  for (const name of wanted) {
    if (!BROWSERS.includes(name)) {
      console.error(`usage: build.mjs [${BROWSERS.join('|')}]...`);
      process.exit(2);
    }
  }
  for (const { out, archive } of build(wanted.length ? wanted : BROWSERS)) {
    console.log(`built ${path.relative(ROOT, out)}/ and ${path.relative(ROOT, archive)}`);
  }
}
