/**
 * Which source files make the app shell (what index.html loads and preloads: the entry chunk,
 * the sync layer's chunk, the world cipher and their imports), by minified bytes, from a build
 * with source maps. The gzip column is each file's share of its chunk's gzip size in proportion
 * to its minified bytes (gzip sizes do not add up per file; this is an estimate, good for
 * ranking). `(no source)` is code the bundler and Svelte's compiler wrote (component templates,
 * chunk glue); `(no map)` a chunk built without a map (Rolldown's runtime). `npm run bench:ui`
 * remains the measure of the budget (it also counts scripts fetched before the first prompt);
 * this says where the bytes are.
 *
 *   npx tsx tests/bench/shell-attribution.ts                 # builds into a temp dir
 *   npx tsx tests/bench/shell-attribution.ts --dist dist     # reads an existing build made with --sourcemap
 *   npx tsx tests/bench/shell-attribution.ts --top 60 --all  # more rows; every JS chunk, not only the shell
 *
 * TODO(shell budget): 152.6 KB gzip on 2026-12-07 (bench:ui), over the 150 KB budget and the 146 KB
 * aimed for. Left in the shell that the first prompt may not need: tells.ts (~1.1 KB gzip, could
 * start after the first screen as box keys do), the FOLLOW walk in session.ts (~0.8), the move and
 * follow of SharedWorldBackend (~0.6), the map (MiniMap.svelte and map-layout.ts, ~1.7, shown on
 * the first screen today). The rest is the game itself: Yjs ~18, Svelte ~14, zod ~11, the engine
 * ~25, signatures (@noble/curves) ~8.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

/** A source's path from the repository (node_modules may be a link to another checkout's). */
const sourceName = (path: string): string => (path.includes('node_modules/') ? path.slice(path.lastIndexOf('node_modules/')) : path);

/** Minified bytes of `code` attributed to each source of its map (by the segment each byte falls in). */
function bytesBySource(code: string, map: RawSourceMap, mapDir: string): Map<string, number> {
  const lines = code.split('\n');
  const out = new Map<string, number>();
  const add = (source: string, n: number): void => void out.set(source, (out.get(source) ?? 0) + n);
  const consumer = new SourceMapConsumer(map);
  const segments: { line: number; column: number; source: string }[] = [];
  consumer.eachMapping((m) => {
    const source = m.source === null ? '(no source)' : sourceName(relative(process.cwd(), resolve(mapDir, m.source)));
    segments.push({ line: m.generatedLine, column: m.generatedColumn, source });
  }, undefined, SourceMapConsumer.GENERATED_ORDER);
  let mapped = 0;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const next = segments[i + 1];
    const lineText = lines[s.line - 1] ?? '';
    const end = next !== undefined && next.line === s.line ? next.column : lineText.length;
    add(s.source, end - s.column);
    mapped += end - s.column;
  }
  add('(unmapped)', code.length - mapped);
  return out;
}

/** The shell's chunks: every script index.html loads or preloads. */
function shellChunks(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  return [...new Set([...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1]!))];
}

function main(): void {
  let dist = option('dist');
  let temp: string | null = null;
  if (dist === undefined) {
    temp = mkdtempSync(join(tmpdir(), 'vetrellis-attribution-'));
    dist = join(temp, 'dist');
    execSync(`npx vite build --sourcemap --logLevel warn --outDir ${dist} --emptyOutDir`, { stdio: 'inherit' });
  }
  try {
    const chunks = argv.includes('--all')
      ? readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js') && !f.startsWith('web-llm-')).map((f) => `assets/${f}`)
      : shellChunks(dist);
    const rows = new Map<string, { min: number; gzip: number }>();
    let totalGzip = 0;
    console.log(argv.includes('--all') ? 'Every JS chunk but WebLLM' : 'App shell chunks (index.html)');
    for (const chunk of chunks) {
      const code = readFileSync(join(dist, chunk), 'utf8');
      const gzip = gzipSync(code).length;
      totalGzip += gzip;
      console.log(`  ${chunk}  ${(code.length / 1024).toFixed(1)} KB min  ${(gzip / 1024).toFixed(1)} KB gzip`);
      const mapFile = join(dist, `${chunk}.map`);
      const bySource = existsSync(mapFile)
        ? bytesBySource(code, JSON.parse(readFileSync(mapFile, 'utf8')) as RawSourceMap, join(dist, chunk, '..'))
        : new Map([['(no map)', code.length]]);
      for (const [source, n] of bySource) {
        const row = rows.get(source) ?? { min: 0, gzip: 0 };
        row.min += n;
        row.gzip += (gzip * n) / code.length;
        rows.set(source, row);
      }
    }
    console.log(`  total ${(totalGzip / 1024).toFixed(1)} KB gzip\n`);
    const sorted = [...rows].sort((a, b) => b[1].min - a[1].min);
    const top = Number(option('top') ?? 40);
    console.log('  min KB  ~gzip KB  source');
    for (const [source, r] of sorted.slice(0, top)) console.log(`  ${(r.min / 1024).toFixed(1).padStart(6)}  ${(r.gzip / 1024).toFixed(1).padStart(8)}  ${source}`);
    // By folder (src/sync/world, node_modules/yjs, ...): where a layer's weight is.
    const folders = new Map<string, number>();
    for (const [source, r] of rows) {
      const parts = source.split('/');
      const key = parts[0] === 'node_modules' ? parts.slice(0, parts[1]?.startsWith('@') ? 3 : 2).join('/') : parts.slice(0, Math.min(parts.length - 1, 3)).join('/') || source;
      folders.set(key, (folders.get(key) ?? 0) + r.gzip);
    }
    console.log('\n  ~gzip KB  folder');
    for (const [folder, g] of [...folders].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(g / 1024).toFixed(1).padStart(8)}  ${folder}`);
  } finally {
    if (temp !== null) rmSync(temp, { recursive: true, force: true });
  }
}

main();
