/**
 * Turns the YAML files of one world into validated, cross-checked, frozen `Content`. Pure: no fs,
 * so the browser runs it on bundled text and Node on files read by node-load.ts.
 *
 *   const content = parseContent([{ name: 'content/vetrellis/items.yaml', text }, ...]);
 *
 * Every problem is collected before anything is thrown: one `ContentError` lists them all as
 * `content/vetrellis/items.yaml:42: items[7].weight: must be a whole number`.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { z } from 'zod';
import { canonicalJson, compareCodeUnits } from './canonical.ts';
import { crossCheck, type ListKind, type Lists, type Reporter } from './cross-check.ts';
import { freezeContent, type ContentLists } from './freeze.ts';
import { describeIssue } from './describe-issue.ts';
import { checkRoomNouns } from './noun-check.ts';
import { CONTENT_FILES, World, Words, type Content } from './schema.ts';
import { parseYamlSource, type Path, type YamlSource } from './yaml-source.ts';

export interface ContentFile {
  /** Path relative to the repository, e.g. `content/vetrellis/items.yaml`; used in messages. */
  readonly name: string;
  readonly text: string;
}

/** Broken content: `errors` holds every problem found, one `file:line: field: message` each. */
export class ContentError extends Error {
  readonly errors: readonly string[];
  constructor(errors: readonly string[]) {
    super(`content has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${errors.join('\n')}`);
    this.name = 'ContentError';
    this.errors = Object.freeze([...errors]);
  }
}

const LIST_KINDS = Object.keys(CONTENT_FILES) as ListKind[];
const ALL_KINDS: readonly string[] = ['world', 'words', ...LIST_KINDS];

interface Problem {
  readonly file: string;
  /** 0 when the problem is the whole file. */
  readonly line: number;
  readonly text: string;
}

export function parseContent(files: readonly ContentFile[]): Content {
  const errors: Problem[] = [];
  const sources = new Map<string, YamlSource>();
  for (const file of files) {
    const kind = kindOf(file.name);
    if (kind === undefined) {
      errors.push({ file: file.name, line: 0, text: `unknown content file; expected one of ${ALL_KINDS.map((k) => `${k}.yaml`).join(', ')}` });
    } else if (sources.has(kind)) {
      errors.push({ file: file.name, line: 0, text: `${kind}.yaml is given twice` });
    } else {
      const source = parseYamlSource(file.name, file.text);
      sources.set(kind, source);
      for (const e of source.errors) errors.push({ file: file.name, line: e.line, text: `yaml: ${e.message}` });
    }
  }
  const dir = directoryOf(files);
  for (const kind of ALL_KINDS) {
    if (!sources.has(kind)) errors.push({ file: `${dir}${kind}.yaml`, line: 0, text: 'file is missing' });
  }

  const report: Reporter = (kind, path, message, key, word) => {
    const source = sources.get(kind);
    if (!source) return;
    const line = word !== undefined ? source.lineOfWord(path, word) : key === undefined ? source.lineOf(path) : source.lineOfKey(path, key);
    const fullPath = key === undefined ? path : [...path, key];
    errors.push({ file: source.file, line, text: `${formatPath(kind, fullPath)}: ${message}` });
  };

  const world = validateWorld(sources.get('world'), report);
  const words = validateWords(sources.get('words'), report);
  const lists = {} as Lists;
  const declared = {} as Record<ListKind, ReadonlySet<string> | null>;
  for (const kind of LIST_KINDS) {
    const source = sources.get(kind);
    lists[kind] = validateList(kind, source, report) as never;
    const readable = source !== undefined && (source.value === null || Array.isArray(source.value));
    declared[kind] = readable ? declaredIds(source.value) : null;
  }
  crossCheck(world, lists, declared, report);
  if (words) checkRoomNouns(lists, words, report);

  if (errors.length > 0 || world === undefined) throw new ContentError(formatProblems(errors));
  return finish(world, lists);
}

/** `file:line: text`, sorted by file and line (stable, so problems on one line keep their order). */
function formatProblems(problems: readonly Problem[]): string[] {
  return [...problems]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line))
    .map((p) => (p.line === 0 ? `${p.file}: ${p.text}` : `${p.file}:${p.line}: ${p.text}`));
}

function validateWorld(source: YamlSource | undefined, report: Reporter): World | undefined {
  if (!source || source.value === undefined) return undefined;
  return validateOne('world', World, source.value, [], report);
}

function validateWords(source: YamlSource | undefined, report: Reporter): Words | undefined {
  if (!source || source.value === undefined) return undefined;
  return validateOne('words', Words, source.value ?? {}, [], report);
}

function validateList(kind: ListKind, source: YamlSource | undefined, report: Reporter): unknown[] {
  if (!source || source.value === undefined) return [];
  const value = source.value ?? [];
  if (!Array.isArray(value)) {
    report(kind, [], 'must be a list of entries, each starting with "- id: ..."');
    return [];
  }
  const schema: z.ZodType = CONTENT_FILES[kind];
  return value.map((element, index) => validateOne(kind, schema, element, [index], report));
}

/** Parses one entry, reporting each issue at its own line; undefined when invalid. */
function validateOne<T>(kind: string, schema: z.ZodType<T>, value: unknown, at: Path, report: Reporter): T | undefined {
  const result = schema.safeParse(value, { error: describeIssue });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = [...at, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) report(kind, path, 'unknown field', key);
    } else {
      report(kind, path, issue.message);
    }
  }
  return undefined;
}

/** Ids written in a file, valid entries or not, so one broken entry does not cascade. */
function declaredIds(value: unknown): ReadonlySet<string> {
  const ids = new Set<string>();
  if (Array.isArray(value)) {
    for (const element of value) {
      const id: unknown = element && typeof element === 'object' ? (element as { id?: unknown }).id : undefined;
      if (typeof id === 'string') ids.add(id);
    }
  }
  return ids;
}

/** Freezes the validated lists; the version hashes them, so it follows every value. */
function finish(world: World, lists: Lists): Content {
  const provisional = freezeContent(world, lists as ContentLists, '');
  const canonical = canonicalJson({ world, ...Object.fromEntries(LIST_KINDS.map((k) => [k, [...provisional[k].values()]])) });
  const version = bytesToHex(sha256(utf8ToBytes(canonical))).slice(0, 16);
  return Object.freeze({ ...provisional, version });
}

function kindOf(name: string): string | undefined {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const match = /^(.+)\.ya?ml$/.exec(base);
  return match?.[1] !== undefined && ALL_KINDS.includes(match[1]) ? match[1] : undefined;
}

function directoryOf(files: readonly ContentFile[]): string {
  const first = files[0]?.name ?? '';
  return first.slice(0, first.lastIndexOf('/') + 1);
}

/** `items[7].weight`, `world.player.hp`. */
export function formatPath(kind: string, path: Path): string {
  let out = kind;
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `.${fieldName(part)}`;
  return out;
}

/**
 * A field as an error names it, on one line: a YAML complex key (`? {...}`) reaches the loader as
 * its whole text, which would break the error's one-line `file:line: ...` form.
 */
function fieldName(part: string): string {
  if (part.length <= 60 && !/[\r\n]/.test(part)) return part;
  const flat = part.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 60 ? `${flat.slice(0, 59)}…` : flat);
}
