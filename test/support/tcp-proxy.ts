import { AddressInfo, createServer, Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** `redis://127.0.0.1:<port>` when the target is Redis. */
  url: (scheme: string) => string;
  /** Drops every connection and refuses new ones, as a server that has stopped. */
  down(): void;
  /** Accepts and forwards again, as a server that has come back. */
  up(): void;
  close(): Promise<void>;
}

/**
 * A TCP forwarder on loopback that a test controls, to make a shared service (Redis) look
 * stopped or restarted to one app without touching the service itself. While down it keeps
 * its port and closes each connection at once, so clients see refused connections and retry.
 */
export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let isUp = true;
  const server = createServer((client) => {
    if (!isUp) {
      client.destroy();
      return;
    }
    const upstream = new Socket();
    open.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    upstream.connect(targetPort, targetHost, () => {
      client.pipe(upstream);
      upstream.pipe(client);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const dropAll = () => {
    for (const socket of open) socket.destroy();
    open.clear();
  };
  return {
    port,
    url: (scheme) => `${scheme}://127.0.0.1:${port}`,
    down() {
      isUp = false;
      dropAll();
    },
    up() {
      isUp = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}
