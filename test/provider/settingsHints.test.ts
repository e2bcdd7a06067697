import { z } from "zod";
import { NetworkError, UnauthorizedError } from "../../provider/errors";
import { HttpCore } from "../../provider/http";
import { memoryLogger } from "../../provider/log";
import { vendorSettings } from "../../provider/settings";
import { gigahostMessage } from "../../provider/gigahost/wire";
import { fakeClock } from "../support/fakeClock";
import { scriptedServer } from "../support/scriptedServer";

/** Errors a user can act on: a refused credential or a silent endpoint names the setting it came from. */

const core = (baseUrl: string, config: Record<string, string>, env: Record<string, string>) =>
  new HttpCore({
    vendor: "Gigahost",
    baseUrl,
    auth: async () => ({ Authorization: "Bearer k" }),
    vendorMessage: gigahostMessage,
    settings: vendorSettings("gigahost", (key) => config[key], env),
    credentialKeys: ["apiKey", "username", "password"],
    clock: fakeClock(),
    logger: memoryLogger(),
    retry: { maxAttempts: 2 },
  });

test("a 401 names where the credential was read: stack config or environment variable", async () => {
  // Each request is sent twice: a 401 renews the credentials once.
  const refusal = { status: 401, body: { meta: { status: 401, message: "Unauthorized" } } };
  const server = await scriptedServer([refusal, refusal, refusal, refusal]);
  try {
    const fromConfig = await core(server.url, { "gigahost:apiKey": "wrong" }, {})
      .request({ method: "GET", path: "/dns/zones", schema: z.unknown() })
      .catch((error: Error) => error);
    expect(fromConfig).toBeInstanceOf(UnauthorizedError);
    expect((fromConfig as Error).message).toBe(
      "Gigahost API GET /dns/zones answered 401: Unauthorized. Check the credentials read from stack config gigahost:apiKey",
    );
    const fromEnvironment = await core(server.url, {}, { GIGAHOST_USERNAME: "me", GIGAHOST_PASSWORD: "pw" })
      .request({ method: "GET", path: "/dns/zones", schema: z.unknown() })
      .catch((error: Error) => error);
    expect((fromEnvironment as Error).message).toContain(
      "Check the credentials read from environment variable GIGAHOST_USERNAME and environment variable GIGAHOST_PASSWORD",
    );
    expect((fromEnvironment as Error).stack).toContain("environment variable GIGAHOST_PASSWORD");
  } finally {
    await server.close();
  }
});

test("no answer names the endpoint and the setting it came from, or says it is the default", async () => {
  const server = await scriptedServer([{ drop: true }, { drop: true }, { drop: true }, { drop: true }]);
  try {
    const configured = await core(server.url, {}, { GIGAHOST_API_URL: server.url })
      .request({ method: "GET", path: "/servers", schema: z.unknown() })
      .catch((error: Error) => error);
    expect(configured).toBeInstanceOf(NetworkError);
    expect((configured as Error).message).toContain(`Check the endpoint ${server.url}, read from environment variable GIGAHOST_API_URL`);
    const byDefault = await core(server.url, {}, {})
      .request({ method: "GET", path: "/servers", schema: z.unknown() })
      .catch((error: Error) => error);
    expect((byDefault as Error).message).toContain(`The endpoint ${server.url} is the default; gigahost:apiUrl / GIGAHOST_API_URL sets another`);
  } finally {
    await server.close();
  }
});

test("the first retry after no answer already names the endpoint and its setting", async () => {
  const server = await scriptedServer([{ drop: true }, { drop: true }]);
  const logger = memoryLogger();
  try {
    const http = new HttpCore({
      vendor: "Gigahost",
      baseUrl: server.url,
      auth: async () => ({}),
      vendorMessage: gigahostMessage,
      settings: vendorSettings("gigahost", () => undefined, { GIGAHOST_API_URL: server.url }),
      clock: fakeClock(),
      logger,
      retry: { maxAttempts: 2 },
    });
    await http.request({ method: "GET", path: "/servers", schema: z.unknown() }).catch(() => undefined);
    expect(logger.lines.find((line) => line.includes("retry 1/1"))).toContain(`Check the endpoint ${server.url}, read from environment variable GIGAHOST_API_URL`);
  } finally {
    await server.close();
  }
});
