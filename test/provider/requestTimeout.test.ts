import * as http from "node:http";
import { AddressInfo } from "node:net";
import { gandiClient } from "../../provider/gandi/client";
import { memoryLogger } from "../../provider/log";
import { fakeClock } from "../support/fakeClock";

/** Answers every request with an empty list after `holdMs`, or never when holdMs is Infinity. */
async function slowServer(holdMs: number) {
  let requests = 0;
  const held: http.ServerResponse[] = [];
  const server = http.createServer((_request, response) => {
    requests++;
    held.push(response);
    if (Number.isFinite(holdMs)) {
      setTimeout(() => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end("[]");
      }, holdMs);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const settingsFor = (url: string, token: string) => (key: string) =>
  ({ "gandi:apiUrl": url, "gandi:personalAccessToken": token })[key];

afterEach(() => {
  delete process.env.EURO_HOSTING_REQUEST_TIMEOUT;
});

test("an operation with little of its deadline left does not shorten the request timeout of the shared client", async () => {
  const server = await slowServer(300);
  try {
    const settings = settingsFor(server.url, "pat-request-timeout-1");
    // The first operation in the process is nearly out of time; the client it creates is shared by every later one.
    const operation = { settings, logger: memoryLogger(), clock: fakeClock(), timeoutMs: 5 };
    const client = gandiClient(settings, operation);
    await expect(client.listInstances()).resolves.toEqual([]);
    expect(server.requests()).toBe(1);
  } finally {
    await server.close();
  }
});

test("EURO_HOSTING_REQUEST_TIMEOUT bounds every single request", async () => {
  process.env.EURO_HOSTING_REQUEST_TIMEOUT = "100ms";
  const server = await slowServer(Infinity);
  try {
    const settings = settingsFor(server.url, "pat-request-timeout-2");
    const client = gandiClient(settings, { logger: memoryLogger(), clock: fakeClock() });
    await expect(client.listInstances()).rejects.toThrow(/got no answer.*timed out waiting for the answer/);
    // A GET is safe to repeat: every attempt timed out on its own.
    expect(server.requests()).toBe(6);
  } finally {
    await server.close();
  }
});
