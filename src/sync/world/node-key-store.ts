/**
 * The terminal client's key store: the player's secret key as a JSON file (mode 0600) in the
 * world folder, written atomically (temp file + rename) so a crash never leaves half a key.
 *
 *   const me = await loadOrCreateIdentity(new FileKeyStore(join(worldDir, 'identity.json')));
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { deserializeIdentity, serializeIdentity, type Identity, type KeyStore } from '../intent/identity.ts';

export class FileKeyStore implements KeyStore {
  constructor(readonly path: string) {}

  async load(): Promise<Identity | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    const identity = deserializeIdentity(JSON.parse(text));
    if (!identity) throw new Error(`${this.path}: not a Vetrellis identity file`);
    return identity;
  }

  async save(identity: Identity): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp`;
    await writeFile(tmp, JSON.stringify(serializeIdentity(identity)) + '\n', { mode: 0o600 });
    await rename(tmp, this.path);
  }
}
