// Vite builds the browser app (src/ui): Svelte 5, and a service worker (vite-plugin-pwa) that
// precaches the app shell so the game opens offline after the first visit. WebLLM is loaded
// lazily into its own chunk, which is named so the precache can leave it out (it is ~6 MB; the
// model weights are cached by WebLLM itself once the player opts in).
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { loadContentDir } from './src/content/node-load.ts';

const WEB_LLM = /[\\/]@mlc-ai[\\/]web-llm[\\/]/;
const CONTENT_DIR = resolve('content/vetrellis');
const CONTENT_ID = 'virtual:vetrellis-content';

/**
 * The world content, validated at build time by the same loader the game uses and shipped as
 * JSON: a broken content file fails the build instead of a player's page, and the page carries
 * neither the YAML parser nor the YAML text. In a build the JSON is a file of its own
 * (assets/content-<version>.json, preloaded from index.html and precached by the service worker):
 * it is data, not code, so it is parsed as JSON rather than compiled as script, and it is cached
 * apart from the code. `vite dev` inlines it.
 */
function vetrellisContent(): Plugin {
  let build = false;
  let file = '';
  return {
    name: 'vetrellis-content',
    configResolved: (config) => void (build = config.command === 'build'),
    resolveId: (source) => (source === CONTENT_ID ? `\0${CONTENT_ID}` : null),
    load(id) {
      if (id !== `\0${CONTENT_ID}`) return null;
      for (const name of readdirSync(CONTENT_DIR)) this.addWatchFile(join(CONTENT_DIR, name));
      const content = loadContentDir(CONTENT_DIR);
      const { world, version, ...maps } = content;
      const lists = Object.fromEntries(Object.entries(maps).map(([kind, map]) => [kind, [...(map as ReadonlyMap<string, unknown>).values()]]));
      const json = JSON.stringify({ world, version, lists });
      if (!build) return `export const fetchContentData = async () => JSON.parse(${JSON.stringify(json)});`;
      file = `assets/content-${version.slice(0, 12)}.json`;
      this.emitFile({ type: 'asset', fileName: file, source: json });
      return `export const fetchContentData = () => fetch(${JSON.stringify(`/${file}`)}).then((r) => {
        if (!r.ok) throw new Error('The world content could not be loaded (' + r.status + ').');
        return r.json();
      });`;
    },
    transformIndexHtml: {
      order: 'post',
      handler: () => (file ? [{ tag: 'link', attrs: { rel: 'preload', as: 'fetch', crossorigin: 'anonymous', href: `/${file}` }, injectTo: 'head' as const }] : []),
    },
  };
}

/**
 * The sync layer (Yjs, y-websocket, y-indexeddb, signatures) is a chunk of its own, imported
 * dynamically when the page starts; this preloads it from index.html, so it downloads in parallel
 * with the entry chunk instead of after it. So is the world cipher (world-cipher.ts, AES-SIV), which
 * the sync layer imports only once it opens a private world, as every new world is: preloaded, it
 * arrives with the rest instead of one round trip later (it still only runs once the key is known).
 * Both are part of what a world needs before its first prompt, so `npm run bench:ui` counts them
 * in the app shell (it reads index.html's scripts).
 */
function preloadSyncChunk(): Plugin {
  return {
    name: 'vetrellis-preload-sync',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {});
        // The chunk holding a module (the cipher's is shared with the world-file code, so it has no facade).
        const chunkOf = (path: string) => chunks.find((c) => c.type === 'chunk' && !c.isEntry && c.moduleIds.some((id) => id.endsWith(path)));
        const sync = chunkOf('/src/session/browser-world.ts');
        if (!sync || sync.type !== 'chunk') return [];
        const cipher = chunkOf('/src/sync/world/world-cipher.ts');
        const entry = chunks.find((c) => c.type === 'chunk' && c.isEntry);
        const wanted = [sync, ...(cipher?.type === 'chunk' ? [cipher] : [])];
        const files = [...new Set(wanted.flatMap((c) => [c.fileName, ...c.imports.filter((f) => f !== entry?.fileName)]))];
        // Chunks the entry imports statically are preloaded by Vite already.
        return files.filter((f) => !html.includes(`/${f}"`)).map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `/${f}` }, injectTo: 'head' as const }));
      },
    },
  };
}

/**
 * Yjs logs through lib0/logging.js, which imports lib0/dom.js for one helper (mapToStyleString).
 * dom.js builds lib0's schema objects at its top level (`$.$custom(...)`, `new DOMParser()`), calls
 * the bundler must keep, so the whole of lib0/schema.js (~2.3 KB gzip, used by nothing of ours)
 * rode into the sync layer's chunk, which the first prompt waits for. logging.js gets that helper
 * instead; the other names it imports serve only its in-page console (`createVConsole`), which
 * nothing calls and the bundler drops, so they are given as functions that say so if ever called.
 * A newer lib0 that imports another name from dom.js here shows as an IMPORT_IS_UNDEFINED warning.
 */
function lib0LoggingWithoutDom(): Plugin {
  const SHIM = '\0vetrellis-lib0-dom-for-logging';
  return {
    name: 'vetrellis-lib0-logging-without-dom',
    enforce: 'pre',
    resolveId: (source, importer) => (source === './dom.js' && importer !== undefined && /[\\/]lib0[\\/]logging\.js$/.test(importer) ? SHIM : null),
    load: (id) => (id !== SHIM ? null : [
      // lib0/dom.js's own: `${key}:${value};` for each entry of the map, in order.
      'export const mapToStyleString = (m) => [...m].map(([key, value]) => `${key}:${value};`).join("");',
      'const absent = () => { throw new Error("lib0/dom.js is not in this build (vite.config.ts)"); };',
      'export const element = absent, text = absent, append = absent, addEventListener = absent;',
    ].join('\n')),
  };
}

export default defineConfig({
  root: '.',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    target: 'es2022',
    // Every browser the game runs in (ES2022 modules) knows <link rel="modulepreload">: no polyfill in the shell.
    modulePreload: { polyfill: false },
    // Only the lazily loaded WebLLM chunks (~6 MB) pass this; the app shell's budget (150 KB gzip)
    // is checked by `npm run bench:ui`.
    chunkSizeWarningLimit: 6500,
    rollupOptions: {
      output: {
        // Everything the entry imports statically goes in one chunk with it. Left alone, Rolldown
        // splits what the entry shares with the chunks loaded later (the sync layer, the rule
        // parser, the dialogs) into several small chunks, each compressed on its own: more
        // requests before the first prompt and ~1.3 KB more gzip for the same code.
        // The same for the sync layer (browser-world.ts and everything it imports statically: Yjs,
        // its providers, the world's documents) and for the world cipher with its own imports:
        // left alone, what they share with chunks loaded later (the owner's actions, epochs, the
        // world file) is split off into small chunks (Yjs, the world documents, hkdf ...): more
        // requests and ~1.5 KB more gzip before the first prompt. What they import only
        // dynamically stays out of both groups. (A kept local world's code now imports from the
        // sync chunk; index.html preloads that chunk on every page in any case.)
        codeSplitting: {
          groups: [
            { name: 'shell', tags: ['$initial'] },
            { name: 'sync', test: /[\\/]src[\\/]session[\\/]browser-world\.ts$/ },
            { name: 'world-cipher', test: /[\\/]src[\\/]sync[\\/]world[\\/]world-cipher\.ts$/ },
          ],
        },
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => WEB_LLM.test(id)) ? 'assets/web-llm-[hash].js' : 'assets/[name]-[hash].js',
      },
    },
  },
  // The WebLLM worker (webllm-worker.ts) and the companion's (companion-worker.ts) are module
  // workers with their own chunks; WebLLM's are named so the precache leaves them out, the
  // companion's are precached like the rest of the app (it wakes offline too).
  worker: {
    format: 'es',
    // The companion's worker loads the world content as the page does.
    plugins: () => [lib0LoggingWithoutDom(), vetrellisContent()],
    rollupOptions: {
      output: {
        entryFileNames: (chunk) => ((chunk.facadeModuleId ?? '').endsWith('/companion-worker.ts') ? 'assets/companion-worker-[hash].js' : 'assets/web-llm-worker-[hash].js'),
        chunkFileNames: (chunk) => (chunk.moduleIds.some((id) => WEB_LLM.test(id)) || chunk.name.includes('web-llm') ? 'assets/web-llm-[name]-[hash].js' : 'assets/companion-[name]-[hash].js'),
      },
    },
  },
  plugins: [
    lib0LoggingWithoutDom(),
    vetrellisContent(),
    svelte(),
    preloadSyncChunk(),
    VitePWA({
      registerType: 'autoUpdate',
      // A file rather than an inline script: the relay's CSP allows only our own scripts.
      injectRegister: 'script-defer',
      includeAssets: ['icon.svg', 'icon-192.png', 'icon-512.png'],
      manifest: {
        name: 'Vetrellis',
        short_name: 'Vetrellis',
        description: 'A text adventure on Vetrellis Isle. Your world lives in your browser; share its link to play together.',
        theme_color: '#11161c',
        background_color: '#11161c',
        display: 'standalone',
        start_url: '.',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,json}'],
        globIgnores: ['**/web-llm-*.js'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
});
