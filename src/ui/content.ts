/**
 * The world content. It is validated at build time by the same loader the terminal uses (see
 * vite.config.ts, `virtual:vetrellis-content`) and arrives here as plain JSON; `freezeContent`
 * rebuilds the frozen `Content` shape (maps by id, in content order), so the browser and Node
 * play identical content with the same `version` hash.
 *
 *   const content = loadContent();
 */
import data from 'virtual:vetrellis-content';
import type { Content } from '../content/index.ts';
import { freezeContent, type ContentLists } from '../content/freeze.ts';

export function loadContent(): Content {
  return freezeContent(data.world as Content['world'], data.lists as unknown as ContentLists, data.version);
}
