// Plain HTTP: GET /healthz (JSON for load balancers), GET /metrics (Prometheus text), POST /drop
// (a world owner's signed order to drop superseded rooms: drops.ts), and the built web app for
// every other path. Every answer carries the same security headers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DROP_ORDER_BYTES } from '../src/sync/world/drop-order.ts';
import type { DropAnswer } from './drops.ts';
import type { RelayMetrics } from './metrics.ts';
import type { StaticSite } from './static-files.ts';

export interface Health {
  ok: boolean;
  rooms: number;
  connections: number;
  uptime: number;
  storage: string;
}

export const createHttpHandler = (
  health: () => Health,
  metrics: RelayMetrics,
  site: StaticSite,
  drop: (order: string, req: IncomingMessage) => Promise<DropAnswer>,
): ((req: IncomingMessage, res: ServerResponse) => void) => {
  const secure = site.securityHeaders;
  // A page on another origin (a link naming this relay) may send an owner's order: it is signed,
  // so the origin it comes from does not matter. text/plain needs no preflight; OPTIONS answers one.
  const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'Content-Type' };
  const answer = (res: ServerResponse, a: DropAnswer): void => {
    res.writeHead(a.status, { ...secure, ...cors, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(a.body));
  };
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/drop') {
      if (req.method === 'OPTIONS') return void res.writeHead(204, { ...secure, ...cors }).end();
      if (req.method !== 'POST') return answer(res, { status: 405, body: { error: 'POST a drop order' } });
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > DROP_ORDER_BYTES) {
          answer(res, { status: 413, body: { error: 'order too large' } });
          req.destroy();
        } else chunks.push(chunk);
      });
      req.on('error', () => {});
      req.on('end', () => {
        if (size > DROP_ORDER_BYTES) return;
        drop(Buffer.concat(chunks).toString('utf8'), req).then(
          (a) => answer(res, a),
          () => answer(res, { status: 500, body: { error: 'the order could not be stored' } }),
        );
      });
      return;
    }
    if (path === '/healthz') {
      const body = health();
      res.writeHead(body.ok ? 200 : 503, { ...secure, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(body));
      return;
    }
    if (path === '/metrics') {
      metrics.registry.metrics().then(
        (text) => {
          res.writeHead(200, { ...secure, 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
          res.end(text);
        },
        () => {
          res.writeHead(500, secure).end();
        },
      );
      return;
    }
    site.handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, secure);
      res.end();
    });
  };
};
