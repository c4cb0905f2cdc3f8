import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { SRC, ext } from './paths.mjs';

const { bundle } = await ext('tools/bundle.mjs');

function withFiles(files, fn) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pims-bundle-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the content script links into one classic script with no import or export left', () => {
  const script = bundle(path.join(SRC, 'content', 'content.js'));
  assert.doesNotMatch(script, /^\s*(import|export)\b/m);
  new vm.Script(script); // parses as a classic script
});

test('modules keep their own scopes and renamed imports work', () => {
  const files = {
    'a.js': "export const x = 1;\nconst hidden = 'a';\nexport function f() { return hidden; }\n",
    'b.js': "const hidden = 'b';\nexport const y = 2;\n",
    'main.js':
      "import { x, f as g } from './a.js';\nimport {\n  y,\n} from './b.js';\nglobalThis.out = [x, g(), y];\n",
  };
  withFiles(files, (dir) => {
    const context = vm.createContext({});
    vm.runInContext(bundle(path.join(dir, 'main.js')), context);
    assert.deepEqual([...context.out], [1, 'a', 2]);
  });
});

test('unsupported forms fail the build instead of shipping', () => {
  const cases = {
    'default export': { 'main.js': 'export default 1;\n' },
    'bare import': { 'main.js': "import 'x';\n" },
    'package import': { 'main.js': "import { a } from 'pkg';\n" },
    'missing export': {
      'a.js': 'export const x = 1;\n',
      'main.js': "import { nope } from './a.js';\n",
    },
    'syntax error': { 'main.js': 'const = ;\n' },
  };
  for (const [name, files] of Object.entries(cases)) {
    withFiles(files, (dir) => {
      assert.throws(() => bundle(path.join(dir, 'main.js')), undefined, name);
    });
  }
});

test('a cycle is refused', () => {
  withFiles(
    {
      'a.js': "import { b } from './b.js';\nexport const a = 1;\n",
      'b.js': "import { a } from './a.js';\nexport const b = 2;\n",
      'main.js': "import { a } from './a.js';\n",
    },
    (dir) => assert.throws(() => bundle(path.join(dir, 'main.js')), /cycle/),
  );
});
