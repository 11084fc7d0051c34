// A small client for Firefox's remote debugging protocol (the one about:debugging speaks), for what
// WebDriver BiDi cannot do: script the extension's own pages. Packets are `length:JSON` over TCP;
// each actor answers its requests in order, and packets with a `type` are events.
import { connect, type Socket } from 'node:net';

/** One protocol packet. */
export type Packet = Record<string, unknown> & { from?: string; type?: string; error?: string; message?: string };

/** A target form from the watcher: one document of the add-on (background page, popup, tab). */
export interface FrameTarget {
  actor: string;
  consoleActor: string;
  url: string;
}

interface Pending {
  resolve(packet: Packet): void;
  reject(error: Error): void;
}

/** A connection to `--start-debugger-server PORT`. */
export class RdpClient {
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<string, Pending[]>();
  private readonly listeners = new Set<(packet: Packet) => void>();

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('close', () => this.failAll(new Error('the debugger connection closed')));
    socket.on('error', (error) => this.failAll(error));
  }

  /** Connects, retrying while Firefox has not opened the port yet, and waits for the greeting. */
  static async connect(port: number, timeoutMs = 15_000): Promise<RdpClient> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = connect(port, '127.0.0.1', () => resolve(s));
          s.once('error', reject);
        });
        const client = new RdpClient(socket);
        await client.waitFor((packet) => packet.from === 'root' && 'applicationType' in packet, 5_000);
        return client;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`no debugger server on port ${port}`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** Sends a request to `actor` and resolves with its reply (rejects on an error reply). */
  request(to: string, type: string, params: Record<string, unknown> = {}): Promise<Packet> {
    return new Promise((resolve, reject) => {
      const queue = this.pending.get(to) ?? [];
      queue.push({ resolve, reject });
      this.pending.set(to, queue);
      const body = Buffer.from(JSON.stringify({ to, type, ...params }), 'utf8');
      this.socket.write(`${body.length}:`);
      this.socket.write(body);
    });
  }

  /**
   * Runs `text` in a console actor (a promise result is awaited) and returns the `evaluationResult` event.
   * The event can arrive in the same chunk as the reply that names it, so it is watched for from the start.
   */
  async evaluateJSAsync(consoleActor: string, text: string, timeoutMs = 15_000): Promise<Packet> {
    const seen = new Map<unknown, Packet>();
    let wanted: unknown;
    let done: ((packet: Packet) => void) | undefined;
    const finished = new Promise<Packet>((resolve) => (done = resolve));
    const stop = this.onPacket((packet) => {
      if (packet.type !== 'evaluationResult' || packet.from !== consoleActor) return;
      seen.set(packet.resultID, packet);
      if (packet.resultID === wanted) done?.(packet);
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      wanted = (await this.request(consoleActor, 'evaluateJSAsync', { text, mapped: { await: true } })).resultID;
      const early = seen.get(wanted);
      if (early) return early;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no evaluation result within ${timeoutMs} ms:\n${text}`)), timeoutMs);
      });
      return await Promise.race([finished, timeout]);
    } finally {
      clearTimeout(timer);
      stop();
    }
  }

  /** Calls `listener` with every packet from now on; returns a function that stops it. */
  onPacket(listener: (packet: Packet) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next packet (event or reply) that `match` accepts. */
  waitFor(match: (packet: Packet) => boolean, timeoutMs = 15_000): Promise<Packet> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no matching debugger packet within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (packet: Packet) => {
        if (!match(packet)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(packet);
      };
      this.listeners.add(listener);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString('ascii'));
      if (this.buffer.length < colon + 1 + length) return;
      const packet = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8')) as Packet;
      this.buffer = this.buffer.subarray(colon + 1 + length);
      this.dispatch(packet);
    }
  }

  private dispatch(packet: Packet): void {
    for (const listener of this.listeners) listener(packet);
    if (packet.type !== undefined && packet.error === undefined) return; // an event
    const waiting = packet.from === undefined ? undefined : this.pending.get(packet.from)?.shift();
    if (!waiting) return;
    if (packet.error !== undefined)
      waiting.reject(new Error(`${packet.from}: ${packet.error}: ${packet.message ?? ''}`));
    else waiting.resolve(packet);
  }

  private failAll(error: Error): void {
    for (const queue of this.pending.values()) for (const waiting of queue.splice(0)) waiting.reject(error);
  }
}
