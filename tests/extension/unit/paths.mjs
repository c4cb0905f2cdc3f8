// Where the extension's sources are, for the tests.
import './i18n_stub.mjs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const EXT = path.join(REPO, 'extension');
export const SRC = path.join(EXT, 'src');

// import() of an extension module by its path under extension/.
export function ext(relative) {
  return import(pathToFileURL(path.join(EXT, relative)).href);
}
