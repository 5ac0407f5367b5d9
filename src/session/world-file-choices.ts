/**
 * The small decisions around a world file in the web app, apart so they can be read and tested
 * without a browser: what the downloaded file is called, and what happens to a player key a file
 * carries when this browser may already play that world as someone.
 *
 *   worldFileName("Ana's isle")                  // 'anas-isle.world'
 *   importedKeyPlan(file.identity?.player ?? null, held?.player ?? null)   // 'save' | 'conflict' | …
 */

/** The file name a downloaded world is offered under: its name in plain lower-case words. */
export function worldFileName(worldName: string): string {
  const words = worldName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f'’]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return `${words || 'world'}.world`;
}

/**
 * What to do with the player key of a file being opened. `fileKey`: the player the file's key
 * is, or null when it carries none. `heldKey`: the player this browser already plays that world
 * as, or null when it does not play it yet.
 * - `none`: the file carries no key; the browser plays the world as it would anyway.
 * - `same`: the browser already plays the world as the file's player.
 * - `save`: keep the file's key for that world (this browser then plays it as that character).
 * - `conflict`: the browser plays the world as another character; taking the key would leave that
 *   character behind, so the file is refused.
 */
export type ImportedKeyPlan = 'none' | 'same' | 'save' | 'conflict';

export function importedKeyPlan(fileKey: string | null, heldKey: string | null): ImportedKeyPlan {
  if (fileKey === null) return 'none';
  if (heldKey === null) return 'save';
  return heldKey === fileKey ? 'same' : 'conflict';
}
