/**
 * The world content. It is validated at build time by the same loader the terminal uses (see
 * vite.config.ts, `virtual:vetrellis-content`) and arrives here as plain JSON, fetched from its own
 * file (preloaded by index.html, so it downloads alongside the code); `freezeContent`
 * rebuilds the frozen `Content` shape (maps by id, in content order), so the browser and Node
 * play identical content with the same `version` hash.
 *
 *   const content = await loadContent();
 */
import { fetchContentData } from 'virtual:vetrellis-content';
import type { Content } from '../session/index.ts';
import { freezeContent, type ContentLists } from '../session/index.ts';

export async function loadContent(): Promise<Content> {
  const data = await fetchContentData();
  return freezeContent(data.world as Content['world'], data.lists as unknown as ContentLists, data.version);
}
