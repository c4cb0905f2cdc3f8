// Links a few ES modules into one classic script, for the content script (browsers do not load
// content scripts as modules). Deliberately tiny, not a bundler: it accepts only the import and
// export forms the extension's sources use, and fails loudly on anything else.
//
// Each module becomes a function scope returning its exports:
//   const __m1 = (() => { ...body...; return { a, b }; })();
// and `import { a, b as c } from './x.js'` becomes `const { a, b: c } = __m1;`.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const IMPORT = /^import\s*\{([^}]*)\}\s*from\s*'([^']+)';[ \t]*$/gm;
const EXPORT_DECL = /^export\s+(?:async\s+)?(const|let|function\*?|class)\s+([A-Za-z_$][\w$]*)/gm;

function parseSpecifiers(list, file) {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((spec) => {
      const m = /^([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$/.exec(spec);
      if (!m) throw new Error(`${file}: unsupported import specifier "${spec}"`);
      return { imported: m[1], local: m[2] ?? m[1] };
    });
}

// Builds the script for `entry` (an absolute path). Returns its source text.
export function bundle(entry, { banner = '' } = {}) {
  const order = []; // absolute paths, dependencies first
  const ids = new Map();
  const exportsOf = new Map();
  const visiting = new Set();

  function load(file) {
    if (ids.has(file)) return;
    if (visiting.has(file)) throw new Error(`import cycle through ${file}`);
    visiting.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, , from] of source.matchAll(IMPORT)) {
      if (!from.startsWith('.')) throw new Error(`${file}: only relative imports: "${from}"`);
      load(path.resolve(path.dirname(file), from));
    }
    visiting.delete(file);
    ids.set(file, `__m${ids.size + 1}`);
    order.push(file);
  }
  load(entry);

  const parts = [];
  for (const file of order) {
    const source = readFileSync(file, 'utf8');
    const rel = path.relative(path.dirname(entry), file);
    const names = [...source.matchAll(EXPORT_DECL)].map((m) => m[2]);
    exportsOf.set(file, new Set(names));
    let body = source.replace(IMPORT, (_, list, from) => {
      const target = path.resolve(path.dirname(file), from);
      const specs = parseSpecifiers(list, file);
      for (const { imported } of specs) {
        if (!exportsOf.get(target).has(imported)) {
          throw new Error(`${file}: ${from} has no export named ${imported}`);
        }
      }
      const pattern = specs
        .map((s) => (s.imported === s.local ? s.local : `${s.imported}: ${s.local}`))
        .join(', ');
      return `const { ${pattern} } = ${ids.get(target)};`;
    });
    body = body.replace(EXPORT_DECL, (whole) => whole.replace(/^export\s+/, ''));
    const leftover = /^\s*(import|export)\b/m.exec(body);
    if (leftover) throw new Error(`${file}: unsupported ${leftover[1]} form`);
    parts.push(
      `// ${rel}\nconst ${ids.get(file)} = (() => {\n${body}\nreturn { ${names.join(', ')} };\n})();\n`,
    );
  }
  const script = `${banner}(() => {\n'use strict';\n${parts.join('\n')}})();\n`;
  new vm.Script(script, { filename: entry }); // a syntax error fails the build, not the page
  return script;
}
