/** HTTP by hand over node:net, for requests fetch refuses to send (bad Host headers, slow or endless bodies). */
import { connect, type Socket } from "node:net";

export interface RawResponse {
  status: number;
  head: string;
  body: string;
  /** Milliseconds from connecting until the server closed the connection (or the wait ended). */
  closedAfterMs: number;
  closed: boolean;
}

function parse(text: string): { status: number; head: string; body: string } {
  const end = text.indexOf("\r\n\r\n");
  const head = end === -1 ? text : text.slice(0, end);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  return { status, head, body: end === -1 ? "" : text.slice(end + 4) };
}

/**
 * Connects to `url`'s port, lets `write` send whatever it likes, and collects what the server
 * answers until it closes the connection or `waitMs` passes.
 */
export function rawExchange(url: string, write: (socket: Socket) => void, waitMs = 10_000): Promise<RawResponse> {
  const port = Number(new URL(url).port);
  return new Promise((resolve) => {
    const started = Date.now();
    let received = "";
    const socket = connect(port, "127.0.0.1");
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parse(received), closed, closedAfterMs: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.setEncoding("latin1");
    socket.on("data", (chunk) => (received += chunk));
    socket.on("close", () => finish(true));
    socket.on("error", () => finish(true));
    socket.on("connect", () => write(socket));
  });
}

/** One request written in full as given (`Connection: close` is added so the answer ends the exchange). */
export function rawRequest(url: string, lines: string[], body = ""): Promise<RawResponse> {
  return rawExchange(url, (socket) => socket.write([...lines, "Connection: close", "", body].join("\r\n")));
}
