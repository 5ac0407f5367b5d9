// Serves the built web app from dist/: hashed assets are cached forever (immutable), everything
// else (index.html, the service worker, the manifest) is revalidated on every load (no-cache).
// Every response carries a strict Content-Security-Policy. Only regular files inside the folder
// are served: no symlink is followed (a build folder holds none, and one planted there must not
// open the rest of the disk), and no dotfile or dot-folder (.env, .git) is ever served.
import { constants, createReadStream } from 'node:fs';
import { open, realpath, stat, type FileHandle } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/**
 * The policy: only our own scripts (plus WebAssembly compilation for the in-browser model), a
 * worker from our origin or a blob, and connections to our origin, any relay over ws/wss (world
 * links may name another relay) and the model hosts in `connectExtra`.
 */
export const contentSecurityPolicy = (connectExtra: string): string =>
  [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    `connect-src 'self' ${connectExtra}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/** Content-hashed files: Vite's assets/ directory, and workbox-HASH.js from the PWA plugin. */
const isHashedAsset = (path: string): boolean => path.startsWith('/assets/') || /^\/workbox-[0-9a-f]{8}\.js$/.test(path);

export interface StaticSite {
  /** Headers every HTTP answer of the relay carries, the app's files and the operator's routes alike. */
  readonly securityHeaders: Readonly<Record<string, string>>;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export const createStaticSite = (root: string, csp: string): StaticSite => {
  const securityHeaders = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  const send = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void => {
    res.writeHead(status, { ...securityHeaders, 'Content-Type': type, 'Cache-Control': 'no-cache' });
    res.end(body);
  };

  return {
    securityHeaders,
    async handle(req, res) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n');
      let path: string;
      try {
        path = decodeURIComponent(new URL(req.url ?? '/', 'http://relay').pathname);
      } catch {
        return send(res, 400, 'bad path\n');
      }
      if (path.includes('\0') || path.includes('\\')) return send(res, 400, 'bad path\n');
      if (path.endsWith('/')) path += 'index.html';
      // Also refuses '..': every segment that starts with a dot.
      const segments = path.split('/').filter((s) => s !== '');
      if (segments.some((s) => s.startsWith('.'))) return send(res, 404, 'not found\n');
      let handle: FileHandle | undefined;
      let size: number;
      try {
        // The root itself may be a symlink (an operator's choice); nothing below it may be.
        const file = join(await realpath(root), ...segments);
        if ((await realpath(file)) !== file) return send(res, 404, 'not found\n');
        handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
        const info = await handle.stat();
        if (!info.isFile()) {
          await handle.close();
          return send(res, 404, 'not found\n');
        }
        size = info.size;
      } catch {
        await handle?.close();
        if (path === '/index.html') {
          const rootExists = await stat(root).then(() => true, () => false);
          if (!rootExists) {
            return send(
              res,
              200,
              `This Vetrellis relay is running, but it has no web app to serve: ${root} does not exist.\n` +
                'Build the app (vite build) into dist/ or point --static at it; the relay works without it.\n',
            );
          }
        }
        return send(res, 404, 'not found\n');
      }
      res.writeHead(200, {
        ...securityHeaders,
        'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
        'Content-Length': size,
        'Cache-Control': isHashedAsset(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      if (req.method === 'HEAD') {
        await handle.close();
        return void res.end();
      }
      createReadStream('', { fd: handle, autoClose: true }).on('error', () => res.destroy()).pipe(res);
    },
  };
};
