// Plain HTTP: GET /healthz (JSON for load balancers), GET /metrics (Prometheus text), and the
// built web app for every other path. Every answer carries the same security headers.
import type { IncomingMessage, ServerResponse } from 'node:http';
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
): ((req: IncomingMessage, res: ServerResponse) => void) => {
  const secure = site.securityHeaders;
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
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
