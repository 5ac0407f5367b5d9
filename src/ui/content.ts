/**
 * The world content, bundled into the app as YAML text and validated on load with the same
 * loader the terminal uses (so the browser and Node play identical content).
 *
 *   const content = loadContent();
 */
import { parseContent, type Content } from '../content/index.ts';

const FILES = import.meta.glob('/content/vetrellis/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export function loadContent(): Content {
  const files = Object.keys(FILES)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((path) => ({ name: path.replace(/^\//, ''), text: FILES[path]! }));
  return parseContent(files);
}
