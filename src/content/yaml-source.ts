/**
 * One YAML content file parsed with its positions kept, so any error about a value can name the
 * line it is written on.
 *
 *   const src = parseYamlSource('content/vetrellis/items.yaml', text);
 *   src.errors;                       // YAML syntax errors: [{ line: 3, message: '...' }]
 *   src.lineOf([7, 'weight']);        // line of items[7].weight, or of the nearest parent
 */
import { isMap, isNode, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';

export type Path = readonly (string | number)[];

export interface YamlSource {
  readonly file: string;
  /** The plain data, or undefined when the file could not be parsed. */
  readonly value: unknown;
  readonly errors: readonly { readonly line: number; readonly message: string }[];
  /** 1-based line of the node at `path`; the nearest existing ancestor's when it is missing. */
  lineOf(path: Path): number;
  /** 1-based line of the key `key` inside the mapping at `path` (for unknown fields). */
  lineOfKey(path: Path, key: string): number;
  /** 1-based line where the whole word `word` first appears in the text at `path`; else lineOf(path). */
  lineOfWord(path: Path, word: string): number;
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  const errors = doc.errors.map((e) => ({ line: lineAt(e.pos[0]), message: firstLine(e.message) }));
  const value = errors.length === 0 ? doc.toJS({ maxAliasCount: 1000 }) : undefined;

  const lineOf = (path: Path): number => {
    for (let n = path.length; n >= 0; n--) {
      const offset = startOf(doc, path.slice(0, n));
      if (offset !== undefined) return lineAt(offset);
    }
    return 1;
  };

  const lineOfKey = (path: Path, key: string): number => {
    const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (isMap(map)) {
      for (const pair of map.items) {
        if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) {
          return lineAt(pair.key.range[0]);
        }
      }
    }
    return lineOf(path);
  };

  const lineOfWord = (path: Path, word: string): number => {
    const node = doc.getIn(path, true);
    if (isScalar(node) && node.range) {
      const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const found = new RegExp(`(?<![\\p{L}'’-])${escaped}(?![\\p{L}-])`, 'iu').exec(text.slice(node.range[0], node.range[1]));
      if (found) return lineAt(node.range[0] + found.index);
    }
    return lineOf(path);
  };

  return { file, value, errors, lineOf, lineOfKey, lineOfWord };
}

function startOf(doc: Document, path: Path): number | undefined {
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (isNode(node) && node.range) return node.range[0];
  return undefined;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
}
