import * as http from "node:http";
import { AddressInfo } from "node:net";

export interface ScriptedAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Destroy the socket without answering. */
  drop?: boolean;
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A local server that answers from an ordered script and fails the test on
 * any request beyond it, in the manner of hcloud-go's mock server.
 */
export async function scriptedServer(script: ScriptedAnswer[]) {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ method: request.method!, url: request.url!, headers: request.headers, body });
      const answer = script.shift();
      if (!answer) {
        response.writeHead(599, { "content-type": "application/json" });
        response.end(JSON.stringify({ unexpected: `${request.method} ${request.url}` }));
        return;
      }
      if (answer.drop) {
        request.socket.destroy();
        return;
      }
      response.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers });
      response.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    remaining: () => script.length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
