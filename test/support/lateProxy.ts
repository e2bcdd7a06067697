import * as http from "node:http";
import { AddressInfo } from "node:net";

export interface LateRequest {
  method: string;
  path: string;
}

/**
 * A proxy in front of an emulator that makes one write "applied after the
 * client gave up": the first request `isLate` matches is held, unanswered,
 * until the client abandons it (its request timeout), and only then sent on
 * to the emulator, which applies it. Requests arriving meanwhile wait until
 * it has been applied, so what the client sees next never depends on the
 * machine's speed. Every other request passes through unchanged.
 */
export async function lateProxy(isLate: (request: LateRequest) => boolean) {
  let target: URL | undefined;
  let held = false;
  let lateApplied: Promise<void> = Promise.resolve();
  const lateRequests: LateRequest[] = [];

  const forward = (method: string, url: string, headers: http.IncomingHttpHeaders, body: Buffer) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const outgoing = http.request(new URL(url, target), { method, headers: { ...headers, host: target!.host } }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }));
        answer.on("error", reject);
      });
      outgoing.on("error", reject);
      outgoing.end(body);
    });

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const body = Buffer.concat(chunks);
      const seen = { method: request.method!, path: new URL(request.url!, "http://proxy").pathname };
      if (!held && isLate(seen)) {
        held = true;
        lateRequests.push(seen);
        let apply!: () => void;
        lateApplied = new Promise((resolve) => (apply = resolve));
        // The client gives up (its request timeout): now the vendor applies the write.
        response.on("close", async () => {
          await forward(request.method!, request.url!, request.headers, body).catch(() => undefined);
          apply();
        });
        return;
      }
      await lateApplied;
      try {
        const answer = await forward(request.method!, request.url!, request.headers, body);
        response.writeHead(answer.status, answer.headers);
        response.end(answer.body);
      } catch {
        response.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** The proxy's URL standing for `upstream` (same path). */
    urlFor(upstream: string): string {
      target = new URL(upstream);
      return `http://127.0.0.1:${port}${target.pathname}`;
    },
    /** The writes held until the client gave up. */
    lateRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
