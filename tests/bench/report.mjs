// Turns one run of scripts/bench.sh into docs/benchmarks.md and prints the same tables.
//   node tests/bench/report.mjs RESULTS_DIR OUTPUT_MD
// RESULTS_DIR holds micro.json (Google Benchmark), process.json (pims_process_bench), for
// each browser that ran, page-chromium.json / page-firefox.json (page-fill.mjs), and, when
// Chromium ran, menu.json (chromium-menu.mjs). Each target of issue 17 is judged here, from
// these numbers only.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [resultsDir, outputFile] = process.argv.slice(2);
if (!resultsDir || !outputFile) {
  console.error('usage: node tests/bench/report.mjs RESULTS_DIR OUTPUT_MD');
  process.exit(2);
}
const read = (name) => {
  const file = path.join(resultsDir, name);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
};
const micro = read('micro.json');
const proc = read('process.json');
const pages = { chromium: read('page-chromium.json'), firefox: read('page-firefox.json') };
const menu = read('menu.json');

const fixed = (x, digits = 1) => (x == null ? '—' : Number(x).toFixed(digits));
const mib = (kib) => (kib == null || kib < 0 ? '—' : `${(kib / 1024).toFixed(1)} MiB`);
const table = (head, rows) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`]
    .concat(rows.map((r) => `| ${r.join(' | ')} |`))
    .join('\n');

function machine() {
  const cpus = os.cpus();
  let debian = '';
  try {
    debian = ` (Debian ${readFileSync('/etc/debian_version', 'utf8').trim()})`;
  } catch {
    // not Debian
  }
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  return {
    cpu: `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}`,
    system: `${os.type()} ${os.release()}${debian}`,
    load: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', '),
    commit,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

// --- the targets of issue 17 -------------------------------------------------------------------

// What the report before issue 17 measured (docs/benchmarks.md measured at commit ac53d24, the figures the
// issue quotes), shown beside this run's.
const BEFORE = {
  cold: '10.65 ms vs browserpass 9.51 ms; 2.24 × echo',
  warm: '974 µs; 949 fills/s',
  first: '7.5 ms',
  chromium: '83.8 ms',
  rss: '6.4 MiB',
};

function targets() {
  const rows = [];
  const judge = (ok) => (ok == null ? 'not measured' : ok ? '**met**' : '**missed**');
  const cold = proc?.cold_start_ms;
  if (cold) {
    const ratio = cold.pims.median / cold.echo.median;
    const peer = cold.browserpass?.median;
    rows.push([
      'cold start → `status` faster than browserpass → `echo`, and ≤ 1.6 × the echo floor',
      BEFORE.cold,
      `${fixed(cold.pims.median, 2)} ms vs browserpass ${peer == null ? '—' : `${fixed(peer, 2)} ms`}; ${fixed(ratio, 2)} × echo (${fixed(cold.echo.median, 2)} ms)`,
      judge(ratio <= 1.6 && (peer == null ? null : cold.pims.median < peer)),
    ]);
  }
  const warm = proc?.warm_fill_us;
  if (warm) {
    rows.push([
      'warm 40-field fill p50 ≤ 250 µs and ≥ 4,000 fills/s round trip',
      BEFORE.warm,
      `${fixed(warm.median, 0)} µs; ${fixed(warm.fills_per_second, 0)} fills/s`,
      judge(warm.median <= 250 && warm.fills_per_second >= 4000),
    ]);
  }
  const first = proc?.unlock_fill_ms?.first_fill;
  if (first) {
    rows.push([
      'first fill after unlock ≤ 2 ms',
      BEFORE.first,
      `${fixed(first.median, 2)} ms`,
      judge(first.median <= 2),
    ]);
  }
  const chromium = pages.chromium;
  rows.push([
    'page ready → last of 40 fields filled ≤ 40 ms (headless Chromium)',
    BEFORE.chromium,
    chromium ? `${fixed(chromium.median_ms)} ms` : 'Chromium not available',
    judge(chromium ? chromium.median_ms <= 40 : null),
  ]);
  const firefox = pages.firefox;
  rows.push([
    'the same in headless Firefox ESR (reported; no target)',
    '—',
    firefox ? `${fixed(firefox.median_ms)} ms` : 'Firefox not available',
    firefox ? 'reported' : 'not measured',
  ]);
  const idle = proc?.memory?.idle_locked_kib;
  if (idle != null) {
    rows.push([
      'idle RSS while locked ≤ 5 MiB',
      BEFORE.rss,
      `${mib(idle)} locked (${mib(proc.memory.idle_unlocked_kib)} unlocked)`,
      judge(idle <= 5 * 1024),
    ]);
  }
  const scale = proc?.scale;
  if (scale?.length) {
    const base = scale[0];
    const last = scale[scale.length - 1];
    const ratio = last.median / base.median;
    rows.push([
      'fill at 10,000 sites + 100,000 ledger entries ≤ 1.2 × at 10 sites (kept)',
      '—',
      `${fixed(last.median, 0)} µs vs ${fixed(base.median, 0)} µs: ${fixed(ratio, 2)} ×`,
      judge(ratio <= 1.2),
    ]);
  }
  return table(['target', 'before (issue 17)', 'this run (median)', ''], rows);
}

// --- sections ----------------------------------------------------------------------------------

function coldStart() {
  const cold = proc.cold_start_ms;
  const names = {
    echo: 'C++ echo host (the floor: `pims_bench_echo_host`)',
    pims: 'pims-host → `status` (opens the vault, locked)',
    pims_static: 'the same, linked statically (libstdc++, SQLite, libsodium, libpsl; not shipped)',
    browserpass: 'browserpass-native → `echo` (Go; Debian `webext-browserpass`)',
  };
  const rows = Object.entries(cold).map(([key, s]) => [
    names[key] ?? key,
    fixed(s.median, 2),
    fixed(s.p95, 2),
    fixed(s.min, 2),
    mib(s.rss_kib),
  ]);
  const peer = cold.browserpass
    ? ''
    : '\nbrowserpass was not installed on this machine, so only the floor is compared.\n';
  return `## Cold start

From \`posix_spawn\` to the first reply read back over the pipes, as a browser starts a native
host (same arguments, same pipes), ${cold.pims.n} rounds after 3 warm-up rounds, the contenders
interleaved in each round so that machine noise falls on all of them alike.

${table(['host', 'median ms', 'p95 ms', 'min ms', 'RSS after reply'], rows)}
${peer}`;
}

function unlockFill() {
  const u = proc.unlock_fill_ms;
  return `## Spawn → unlock → fill

A fresh pims-host each round: \`status\`, \`unlock\` with the default Argon2id cost
(opslimit ${u.argon2id_opslimit}, ${u.argon2id_memlimit_mib} MiB), then one 40-field \`fill\`;
${u.total.n} rounds.

${table(
  ['step', 'median ms', 'p95 ms'],
  [
    ['spawn → fill answered (total)', fixed(u.total.median), fixed(u.total.p95)],
    ['unlock (Argon2id)', fixed(u.unlock.median), fixed(u.unlock.p95)],
    ['first fill after unlock', fixed(u.first_fill.median, 2), fixed(u.first_fill.p95, 2)],
  ],
)}
`;
}

function warmFills() {
  const w = proc.warm_fill_us;
  const bare = proc.warm_fill_no_options_us;
  const row = (label, s) => [
    label,
    `${s.request_bytes.toLocaleString('en')} B`,
    fixed(s.median, 0),
    fixed(s.p95, 0),
    fixed(s.p99, 0),
    fixed(s.fills_per_second, 0),
    fixed(s.host_cpu_us_per_fill, 0),
  ];
  return `## Warm fills

One long-lived, unlocked pims-host; ${w.n} fill requests of the 40-field form
(${w.request_bytes.toLocaleString('en')} bytes each, four selects with their options) sent one
after another over the pipes, each answered and its ledger entry committed before the next.

${table(
  [
    'request',
    'size',
    'p50 µs',
    'p95 µs',
    'p99 µs',
    'fills/s (round trips)',
    'host CPU per fill µs',
  ],
  [row('the 40-field form', w)].concat(
    bare ? [row('the same, selects sent without their options', bare)] : [],
  ),
)}
`;
}

function memory() {
  const m = proc.memory;
  return `## Memory (resident set of pims-host)

${table(
  ['state', 'RSS', "of which anonymous (the host's own)"],
  [
    ['idle, locked (after `status`)', mib(m.idle_locked_kib), mib(m.idle_locked_anon_kib)],
    ['peak, during unlock (VmHWM: Argon2id)', mib(m.peak_during_unlock_kib), ''],
    [
      'idle, unlocked (after unlock and one fill)',
      mib(m.idle_unlocked_kib),
      mib(m.idle_unlocked_anon_kib),
    ],
    [
      `after ${proc.warm_fill_us.n.toLocaleString('en')} warm fills`,
      mib(m.after_warm_fills_kib),
      '',
    ],
  ],
)}

The rest of RSS is pages of shared libraries (libstdc++, libc, SQLite ...), counted in full
for every process that maps them although they are in memory once.
`;
}

function scaleSection() {
  const base = proc.scale[0].median;
  const rows = proc.scale.map((s) => [
    s.sites.toLocaleString('en'),
    s.ledger_entries.toLocaleString('en'),
    `${(s.vault_bytes / 1048576).toFixed(1)} MiB`,
    fixed(s.median, 0),
    fixed(s.p95, 0),
    fixed(s.median / base, 2),
  ]);
  return `## Scale

The same warm fill against vaults seeded with libpims (sites configured, ledger entries chained),
${proc.scale[0].n} fills each.

${table(['sites', 'ledger entries', 'vault file', 'p50 µs', 'p95 µs', '× 10 sites'], rows)}
`;
}

const BROWSER_NAMES = { chromium: 'Chromium', firefox: 'Firefox ESR' };

// What the figure above leaves out: pims' content script reads the form in its own
// DOMContentLoaded listener, which runs before the page's (where pims-ready is marked).
function paintLine(result) {
  if (result.dcl_start_to_filled_median_ms === undefined) return '';
  const { painted_after_fill: after, paint_known: known } = result;
  let paint = ' The browser reported no first contentful paint.';
  if (known > 0 && after === known) {
    paint = ` In all ${known} loads the page's first contentful paint came after the last write: the shopper never saw the form empty.`;
  } else if (known > 0) {
    paint = ` In ${after} of ${known} loads the page's first contentful paint came after the last write; in the others the form was painted empty first, for the time above at most.`;
  }
  return `\nCounted from the start of DOMContentLoaded instead, before any listener (pims' content script reads the form in its own listener, which runs before the page's): ${fixed(result.dcl_start_to_filled_median_ms)} ms median.${paint}\n`;
}

function pageSection(kind) {
  const result = pages[kind];
  const name = BROWSER_NAMES[kind];
  if (!result) return `## In headless ${name}\n\n${name} was not available in this run.\n`;
  const phases = result.phases_median_ms ?? {};
  const phaseRows = Object.entries(phases).map(([k, v]) => [k.replaceAll('_', ' '), fixed(v)]);
  return `## In headless ${name}

${result.browser}, the built extension and the real pims-host: a 40-field checkout page
(\`tests/bench/pages/checkout-40.html\`) marks \`pims-ready\` at DOMContentLoaded and
\`pims-filled\` when the last expected field holds its value; ${result.runs} page loads after
3 warm-up loads, every load checked field by field.

${table(
  ['median ms', 'p95 ms', 'min ms', 'max ms'],
  [[fixed(result.median_ms), fixed(result.p95_ms), fixed(result.min_ms), fixed(result.max_ms)]],
)}
${paintLine(result)}${phaseRows.length ? `\nWhere the time goes (medians, approximate):\n\n${table(['phase', 'ms'], phaseRows)}\n` : ''}`;
}

function menuSection() {
  if (!menu)
    return '## The menu at a field, in headless Chromium\n\nChromium was not available in this run.\n';
  const row = (name, s) => [name, fixed(s.median), fixed(s.p95), fixed(s.min), fixed(s.max)];
  return `## The menu at a field, in headless Chromium

${menu.browser} (1280×800), the built extension and the real pims-host, on the menu tests' shop
(\`tests/extension/menu/pages/shop.html\`) with two addresses and two cards, the shop allowed
every category and automatic filling off: ${menu.runs} rounds after 3 warm-up rounds, each a
fresh page load, a click in the street field and a pick of the second address, checked field by
field (\`tests/bench/chromium-menu.mjs\`). Focus → shown: from the field's trusted focus to the
menu's page having drawn the records. Pick → filled: from the press in the menu (the field loses
the focus to it) to the page's last input event of the fill; the clickjacking guard's 400 ms of
steady visibility comes before the press and is not counted.

${table(
  ['span', 'median ms', 'p95 ms', 'min ms', 'max ms'],
  [
    row('focus → menu shown', menu.focus_to_menu_ms),
    row('pick → last field filled', menu.pick_to_filled_ms),
  ],
)}
`;
}

function microSection() {
  const rows = micro.benchmarks
    .filter((b) => b.aggregate_name === 'median' || !b.aggregate_name)
    .map((b) => [
      `\`${b.run_name ?? b.name}\``,
      `${fixed(b.real_time, b.time_unit === 'ns' ? 0 : 2)} ${b.time_unit === 'us' ? 'µs' : b.time_unit}`,
      `${fixed(b.cpu_time, b.time_unit === 'ns' ? 0 : 2)} ${b.time_unit === 'us' ? 'µs' : b.time_unit}`,
    ]);
  return `## Micro-benchmarks

Google Benchmark (\`pims_benchmarks\`), median of ${micro.benchmarks.find((b) => b.repetitions)?.repetitions ?? 1} repetitions. The form is
\`tests/bench/checkout_form.cpp\`: 40 fields, a 262-option country select in each address.

${table(['benchmark', 'wall', 'CPU'], rows)}

- \`BM_DecodeFillFrame\`, \`BM_ParseFillRequest\`: the fill request's frame decoded, then its JSON checked and parsed into a document; \`BM_LexFillRequest\`: the same text only read and syntax-checked (\`json::accept\`), the least any nlohmann::json parse costs.
- \`BM_FillDecision40\`: policy read, classification, plan and every allowed value decrypted (no write).
- \`BM_LedgerAppend\`: one ledger entry sealed, chained and committed.
- \`BM_VaultFill40\`: the decision and its ledger entry, as \`fill\` runs them.
- \`BM_SessionFill40\`: the parsed request in, the reply JSON out: everything but the pipe.
`;
}

const m = machine();
const parts = [
  `# Benchmarks

Written by \`scripts/bench.sh\` on ${m.date} at commit \`${m.commit}\`; every figure below comes
from that one run. Machine: ${m.cpu}, ${m.system}; load average at the end ${m.load}.
Build: Release (\`build-bench/\`). What each figure is and how to read it: docs/testing.md.

## Targets (issue 17)

${targets()}
`,
];
if (proc) {
  parts.push(coldStart(), unlockFill(), warmFills(), memory(), scaleSection());
}
parts.push(pageSection('chromium'), pageSection('firefox'));
parts.push(menuSection());
if (micro) parts.push(microSection());

const text = parts.join('\n');
writeFileSync(outputFile, text);
process.stdout.write(text);
console.error(`bench: wrote ${outputFile}`);
