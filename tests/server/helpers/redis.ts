// Starts a real redis-server (Debian's package) on a free port in a temp dir, without
// persistence, for scale-out tests; and a tiny TCP failover proxy standing in for a load
// balancer in front of two relays.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort, tempDir, waitFor } from './relay.ts';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export const startRedis = async (): Promise<RedisServer> => {
  const port = await freePort();
  const dir = tempDir('redis');
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  child.on('error', (error) => (output += `\n${String(error)}`));
  await waitFor('redis-server to accept connections', () => {
    if (child.exitCode !== null || output.includes('ENOENT')) throw new Error(`redis-server did not start:\n${output}`);
    return output.includes('Ready to accept connections');
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
};

export interface FailoverProxy {
  readonly port: number;
  /** While false, a connection whose first upstream is down is refused instead of failed over. */
  failover: boolean;
  close(): Promise<void>;
}

/** Forwards each TCP connection to the first upstream port that accepts it. */
export const startFailoverProxy = async (upstreams: number[]): Promise<FailoverProxy> => {
  const sockets = new Set<Socket>();
  const proxy: FailoverProxy = { port: 0, failover: true, close: async () => {} };
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    const tryUpstream = (index: number): void => {
      if (index >= upstreams.length || (index > 0 && !proxy.failover)) return void client.destroy();
      const upstream = connect(upstreams[index]!, '127.0.0.1');
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        sockets.add(upstream);
        client.pipe(upstream);
        upstream.pipe(client);
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
      });
      upstream.on('error', () => {
        if (!connected) tryUpstream(index + 1);
        else client.destroy();
      });
    };
    tryUpstream(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  Object.assign(proxy, {
    port: typeof address === 'object' && address !== null ? address.port : 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
  return proxy;
};
