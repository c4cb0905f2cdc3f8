// Import from another manager and export from pims, for the welcome and options pages.
//
// The file the shopper picks is read by this page and sent to pims-host (import.preview, then
// import.commit once the shopper has seen what it holds); nothing of it goes to extension
// storage. Exports come back from the host as a file's bytes and are saved with a download
// link made here (a blob: URL, revoked right after).

import { h, fill, nextId } from './dom.js';
import { ask, errorText } from './gateway.js';
import { t, tn, joinList, formatNumber, uiLanguage, catalogueTable } from './i18n.js';

// The formats of `pims import --from FORMAT` (docs/import.md), as the host names them.
// Each format's name for the shopper is the catalogue's `importFormat_<id>`.
export const IMPORT_FORMATS = Object.freeze(
  [
    { id: 'bitwarden', accept: '.json' },
    { id: '1pux', accept: '.1pux' },
    { id: 'firefox', accept: '.json' },
    { id: 'csv', accept: '.csv,.txt' },
  ].map((f) =>
    Object.freeze({
      ...f,
      get label() {
        return t(`importFormat_${f.id}`);
      },
    }),
  ),
);

// The host takes at most 700 KiB of file (its base64 must fit one 1 MiB message).
export const MAX_IMPORT_BYTES = 700 * 1024;

export function base64OfBytes(bytes) {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

// Items of a kind pims does not import, as the host names the kind ("logins", "notes", ...).
const IGNORED_KINDS = {
  logins: 'Logins',
  notes: 'Notes',
  'other items': 'Other',
  'archived or deleted items': 'Archived',
};

// Why the host left a field of the file out (its `why` codes, docs/protocol.md), each the
// catalogue's `unplaced_<why>`.
const UNPLACED_REASONS = catalogueTable(
  [
    'not_kept',
    'unknown_name',
    'notes',
    'custom_fields',
    'invalid',
    'card_number_locked',
    'profile_kept',
    'more',
  ],
  'unplaced_',
);

function ignoredKind(kind, n) {
  return Object.hasOwn(IGNORED_KINDS, kind)
    ? tn(`importIgnored${IGNORED_KINDS[kind]}`, n)
    : `${formatNumber(n)} ${kind}`;
}

// What an import.preview (or commit) reply holds, as sentences for the shopper.
export function describeImport(reply) {
  const lines = [];
  const people = Object.keys(reply.person ?? {}).length;
  const adds = [
    tn('importAddresses', reply.addresses?.length ?? 0),
    tn('importCards', reply.cards?.length ?? 0),
  ];
  if (people) adds.push(tn('importDetails', people));
  lines.push(t(reply.stored ? 'importDone' : 'importToDo', joinList(adds)));
  const dup = (reply.duplicates?.addresses ?? 0) + (reply.duplicates?.cards ?? 0);
  if (dup) lines.push(tn('importDuplicates', dup));
  const ignored = Object.entries(reply.ignored ?? {}).filter(([, n]) => n > 0);
  if (ignored.length) {
    lines.push(t('importIgnored', joinList(ignored.map(([kind, n]) => ignoredKind(kind, n)))));
  }
  // Why each field was left, in the shopper's language from the host's code. A value that broke
  // its field's rule: the host names the rule, in English, so an English reader gets it.
  const english = uiLanguage().startsWith('en');
  for (const u of reply.unplaced ?? []) {
    const why = u.why === 'invalid' && english && u.reason ? u.reason : UNPLACED_REASONS[u.why];
    lines.push(
      why
        ? tn('importUnplacedWhy', u.count, [u.field, why])
        : tn('importUnplaced', u.count, u.field),
    );
  }
  return lines;
}

// The import form: format, file, password when the file needs one, "Check the file" (preview)
// and then "Import" (commit). onImported(reply) runs after a commit stored the file.
export function importPanel(container, { onImported = () => {} } = {}) {
  const formatId = nextId('import-format');
  const fileId = nextId('import-file');
  const passwordId = nextId('import-password');
  const format = h(
    'select',
    { id: formatId },
    IMPORT_FORMATS.map((f) => h('option', { value: f.id }, f.label)),
  );
  const file = h('input', { id: fileId, type: 'file', accept: IMPORT_FORMATS[0].accept });
  const password = h('input', { id: passwordId, type: 'password', autocomplete: 'off' });
  const passwordRow = h(
    'div',
    { class: 'row', hidden: true },
    h('label', { for: passwordId }, t('importPassword')),
    password,
  );
  const check = h('button', { type: 'submit' }, t('importCheck'));
  const commit = h('button', { type: 'button', class: 'primary', hidden: true }, t('importCommit'));
  const result = h('div', { role: 'status', class: 'import-result' });
  let pending = null; // {format, data, password}: what was previewed, to commit unchanged

  format.addEventListener('change', () => {
    file.accept = IMPORT_FORMATS.find((f) => f.id === format.value)?.accept ?? '';
    // Only a Bitwarden export can be encrypted; the host says when it needs the password.
    if (format.value !== 'bitwarden') passwordRow.hidden = true;
  });
  const show = (lines, kind = 'ok') =>
    fill(
      result,
      lines.map((line) => h('p', { class: kind }, line)),
    );

  const form = h(
    'form',
    { class: 'import', autocomplete: 'off' },
    h('div', { class: 'row' }, h('label', { for: formatId }, t('importFrom')), format),
    h('div', { class: 'row' }, h('label', { for: fileId }, t('importFile')), file),
    passwordRow,
    h('div', { class: 'actions' }, check, commit),
    result,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    commit.hidden = true;
    pending = null;
    const chosen = file.files?.[0];
    if (!chosen) {
      show([t('importChooseFile')], 'error');
      file.focus();
      return;
    }
    if (chosen.size > MAX_IMPORT_BYTES) {
      show([t('importTooLarge', formatNumber(MAX_IMPORT_BYTES / 1024))], 'error');
      return;
    }
    const body = {
      format: format.value,
      data: base64OfBytes(new Uint8Array(await chosen.arrayBuffer())),
    };
    if (!passwordRow.hidden && password.value) body.password = password.value;
    check.disabled = true;
    show([t('importReading')]);
    const reply = await ask('import.preview', body);
    check.disabled = false;
    if (!reply.ok) {
      if (reply.error?.field === 'password' || reply.error?.code === 'bad_password') {
        passwordRow.hidden = false;
        password.focus();
      }
      show([errorText(reply)], 'error');
      return;
    }
    pending = body;
    show(describeImport(reply));
    commit.hidden =
      (reply.addresses?.length ?? 0) + (reply.cards?.length ?? 0) === 0 &&
      Object.keys(reply.person ?? {}).length === 0;
    if (!commit.hidden) commit.focus();
  });
  commit.addEventListener('click', async () => {
    if (!pending) return;
    commit.disabled = true;
    const reply = await ask('import.commit', pending);
    commit.disabled = false;
    commit.hidden = true;
    pending = null;
    password.value = '';
    if (!reply.ok) {
      show([errorText(reply)], 'error');
      return;
    }
    show(describeImport(reply));
    onImported(reply);
  });
  fill(container, form);
  return form;
}

// Saves a file the host sent ({filename, media_type, encoding, data}) through a download link.
export function saveHostFile(reply) {
  const bytes =
    reply.encoding === 'base64'
      ? Uint8Array.from(atob(reply.data), (c) => c.charCodeAt(0))
      : new TextEncoder().encode(reply.data);
  const url = URL.createObjectURL(new Blob([bytes], { type: reply.media_type }));
  const link = h('a', { href: url, download: reply.filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

// The export buttons: the encrypted backup (with its own password), a Bitwarden JSON of the
// profile (not encrypted: said before and after), and the ledger as CSV or JSON.
export function exportPanel(container) {
  const result = h('p', { role: 'status' });
  const done = (reply, saved) => {
    if (!reply.ok) {
      fill(result, errorText(reply));
      result.className = 'error';
      return;
    }
    saveHostFile(reply);
    // The host's warning is English: the catalogue says the same in the shopper's words.
    fill(
      result,
      saved(reply.filename),
      reply.encrypted === false ? ` ${t('exportNotEncrypted')}` : '',
    );
    result.className = reply.encrypted === false ? 'warning' : 'ok';
  };
  const backupId = nextId('backup-password');
  const backupPassword = h('input', {
    id: backupId,
    type: 'password',
    autocomplete: 'new-password',
    required: true,
  });
  const backup = h(
    'form',
    { class: 'inline', autocomplete: 'off' },
    h('label', { for: backupId }, t('backupPassword')),
    backupPassword,
    h('button', { type: 'submit' }, t('backupDownload')),
  );
  backup.addEventListener('submit', async (event) => {
    event.preventDefault();
    const reply = await ask('backup.export', { password: backupPassword.value });
    backupPassword.value = '';
    done(reply, (file) => t('exportSavedBackup', file));
  });
  const bitwarden = h(
    'button',
    {
      type: 'button',
      onclick: async () =>
        done(await ask('export.bitwarden'), (file) => t('exportSavedBitwarden', file)),
    },
    t('exportBitwarden'),
  );
  const ledger = (format) =>
    h(
      'button',
      {
        type: 'button',
        onclick: async () =>
          done(await ask('ledger.export', { format }), (file) => t('exportSavedLedger', file)),
      },
      t('exportLedger', format.toUpperCase()),
    );
  fill(
    container,
    backup,
    h('p', { class: 'note' }, t('exportBitwardenNote')),
    h('div', { class: 'actions' }, bitwarden, ledger('csv'), ledger('json')),
    result,
  );
}
