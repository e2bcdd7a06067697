import { z } from "zod";
import { ApiError, NetworkError, NotFoundError, RateLimitedError, ResponseParseError, UnauthorizedError } from "../../provider/errors";
import { HttpCore } from "../../provider/http";
import { numberish } from "../../provider/lenient";
import { memoryLogger } from "../../provider/log";
import { gigahostMessage } from "../../provider/gigahost/wire";
import { fakeClock } from "../support/fakeClock";
import { ScriptedAnswer, scriptedServer } from "../support/scriptedServer";

const ok = (data: unknown): ScriptedAnswer => ({ body: { meta: { status: 200 }, data } });
const error = (status: number, message: string, headers?: Record<string, string>): ScriptedAnswer => ({
  status,
  body: { meta: { status, message } },
  headers,
});
const schema = z.object({ data: z.object({ n: numberish }) });

async function setup(script: ScriptedAnswer[], auth = async (renew: boolean) => ({ Authorization: renew ? "Bearer renewed-token" : "Bearer first-token" })) {
  const server = await scriptedServer(script);
  const clock = fakeClock();
  const logger = memoryLogger();
  const core = new HttpCore({ vendor: "Gigahost", baseUrl: server.url, auth, vendorMessage: gigahostMessage, clock, logger, random: () => 0.5, timeoutMs: 2000 });
  return { server, clock, logger, core };
}

test("parses a valid answer leniently and sends credentials from the auth hook", async () => {
  const { server, core } = await setup([ok({ n: "42" })]);
  try {
    const response = await core.request({ method: "GET", path: "/thing", query: { a: "1", skip: undefined }, schema });
    expect(response.body.data.n).toBe(42);
    expect(server.received[0].url).toBe("/thing?a=1");
    expect(server.received[0].headers.authorization).toBe("Bearer first-token");
  } finally {
    await server.close();
  }
});

test("retries idempotent requests on 5xx, 429 (honouring Retry-After) and dropped connections", async () => {
  const { server, core, clock } = await setup([error(500, "boom"), error(429, "slow down", { "retry-after": "3" }), { drop: true }, ok({ n: 1 })]);
  try {
    await core.request({ method: "GET", path: "/x", schema });
    expect(server.received).toHaveLength(4);
    // backoff(1) with random 0.5 = 300 ms; Retry-After 3 s; backoff(3) = 1200 ms
    expect(clock.sleeps).toEqual([300, 3000, 1200]);
  } finally {
    await server.close();
  }
});

test("never repeats a POST: the error surfaces after one attempt", async () => {
  const { server, core } = await setup([error(503, "unavailable")]);
  try {
    await expect(core.request({ method: "POST", path: "/create", body: { a: 1 }, schema })).rejects.toMatchObject({ status: 503 });
    expect(server.received).toHaveLength(1);
  } finally {
    await server.close();
  }
});

test("gives up after maxAttempts with the last error", async () => {
  const { server, core } = await setup(Array.from({ length: 6 }, () => error(502, "bad gateway")));
  try {
    await expect(core.request({ method: "GET", path: "/x", schema })).rejects.toThrow("Gigahost API GET /x answered 502: bad gateway");
    expect(server.received).toHaveLength(6);
  } finally {
    await server.close();
  }
});

test.each([
  [404, NotFoundError],
  [401, UnauthorizedError],
  [403, UnauthorizedError],
  [429, RateLimitedError],
  [400, ApiError],
])("status %s becomes %p carrying the vendor's message", async (status, ErrorClass) => {
  // 401 is retried once with renewed credentials; 429 is retried up to the limit.
  const answers = status === 401 ? [error(401, "expired"), error(401, "expired")] : status === 429 ? Array.from({ length: 6 }, () => error(429, "limit")) : [error(status, "vendor words")];
  const { server, core } = await setup(answers);
  try {
    const failure = await core.request({ method: "GET", path: "/x", schema }).catch((e) => e);
    expect(failure).toBeInstanceOf(ErrorClass);
    expect(failure.status).toBe(status);
    expect(failure.vendorMessage).toBeDefined();
  } finally {
    await server.close();
  }
});

test("a login refused while renewing after a 401 is the error, not a lost connection to retry with the refused session", async () => {
  const refusal = new UnauthorizedError({ vendor: "Gigas", method: "POST", path: "/token" }, 401, "a valid totp code is required");
  const auth = async (renew: boolean) => {
    if (renew) throw refusal;
    return { Authorization: "Bearer expired-token" };
  };
  const { server, core } = await setup([error(401, "token expired"), error(401, "token expired")], auth);
  try {
    await expect(core.request({ method: "GET", path: "/x", schema })).rejects.toBe(refusal);
    expect(server.received).toHaveLength(1);
  } finally {
    await server.close();
  }
});

test("a 401 renews credentials once and repeats the request, POST included", async () => {
  const { server, core } = await setup([error(401, "token expired"), ok({ n: 7 })]);
  try {
    const response = await core.request({ method: "POST", path: "/x", schema });
    expect(response.body.data.n).toBe(7);
    expect(server.received.map((r) => r.headers.authorization)).toEqual(["Bearer first-token", "Bearer renewed-token"]);
  } finally {
    await server.close();
  }
});

test("an unexpected payload names vendor, method, path and field", async () => {
  const { server, core } = await setup([ok({ n: { nested: true } })]);
  try {
    const failure = await core.request({ method: "GET", path: "/dns/zones", schema }).catch((e) => e);
    expect(failure).toBeInstanceOf(ResponseParseError);
    expect(failure.message).toContain("Gigahost API GET /dns/zones returned an unexpected payload: field \"data.n\"");
  } finally {
    await server.close();
  }
});

test("errors and log lines never carry the credentials", async () => {
  const secret = "Bearer super-secret-token-123";
  const { server, core, logger } = await setup([error(500, `failed for ${secret}`), { drop: true }, error(400, "password=hunter22 rejected")], async () => ({ Authorization: secret }));
  try {
    const failure = await core.request({ method: "GET", path: "/x", schema }).catch((e) => e);
    expect(failure).toBeInstanceOf(ApiError);
    const everything = JSON.stringify([failure.message, failure.vendorMessage, logger.lines]);
    expect(everything).not.toContain("super-secret-token-123");
    expect(everything).not.toContain("hunter22");
  } finally {
    await server.close();
  }
});

test("no answer at all becomes a NetworkError without a status", async () => {
  const core = new HttpCore({ vendor: "Gigahost", baseUrl: "http://127.0.0.1:1", auth: async () => ({}), vendorMessage: () => undefined, clock: fakeClock(), logger: memoryLogger(), retry: { maxAttempts: 2 } });
  const failure = await core.request({ method: "GET", path: "/x", schema }).catch((e) => e);
  expect(failure).toBeInstanceOf(NetworkError);
  expect(failure.status).toBeUndefined();
  expect(failure.message).toContain("Gigahost API GET /x got no answer: ECONNREFUSED");
});

// Changed with issue 15: the core retries transport failures only, so the retried first answer is a 503
// (it was a 400 "process locked" retried through the removed `isTransient` hook; see the next test).
test("a pacer sees every attempt and every answer's headers; transport failures are retried", async () => {
  const server = await (await import("../support/scriptedServer")).scriptedServer([
    error(503, "busy", { "x-ratelimit-remaining": "59" }),
    { body: { meta: { status: 200 }, data: { n: 3 } }, headers: { "x-ratelimit-remaining": "58" } },
  ]);
  const seen: string[] = [];
  const core = new HttpCore({
    vendor: "ZoneID",
    baseUrl: server.url,
    auth: async () => ({}),
    vendorMessage: gigahostMessage,
    clock: fakeClock(),
    logger: memoryLogger(),
    random: () => 0,
    pacer: {
      beforeRequest: async () => void seen.push("before"),
      afterResponse: (status, headers) => void seen.push(`${status} ${headers["x-ratelimit-remaining"]}`),
    },
  });
  try {
    const response = await core.request({ method: "GET", path: "/x", schema, headers: { "Dry-Run": "1" } });
    expect(response.body.data.n).toBe(3);
    expect(response.headers["x-ratelimit-remaining"]).toBe("58");
    expect(seen).toEqual(["before", "503 59", "before", "200 58"]);
    expect(server.received[0].headers["dry-run"]).toBe("1");
  } finally {
    await server.close();
  }
});

test("busy refusals (409 locked, 400 process locked) are not the core's to retry: one request each", async () => {
  const server = await scriptedServer([error(409, "Virtual machine 7 is locked"), error(400, "process locked"), { body: { meta: { status: 200 }, data: { n: 1 } } }]);
  const core = new HttpCore({ vendor: "Test", baseUrl: server.url, auth: async () => ({}), vendorMessage: gigahostMessage, clock: fakeClock(), logger: memoryLogger() });
  try {
    await expect(core.request({ method: "DELETE", path: "/vm/7", schema })).rejects.toThrow(/answered 409: Virtual machine 7 is locked/);
    await expect(core.request({ method: "PUT", path: "/vm/7", schema })).rejects.toThrow(/answered 400: process locked/);
    expect(server.received.length).toBe(2);
  } finally {
    await server.close();
  }
});

test("a transport retry that would start past the operation's deadline stops with the deadline's error", async () => {
  const { operationDeadline, runWithDeadline, DeadlineExceededError } = await import("../../provider/deadline");
  const server = await scriptedServer([error(503, "down"), error(503, "down"), error(503, "down")]);
  const clock = fakeClock();
  const core = new HttpCore({ vendor: "Test", baseUrl: server.url, auth: async () => ({}), vendorMessage: gigahostMessage, clock, logger: memoryLogger(), random: () => 1 });
  try {
    // Backoff after the first failure is 400 ms, after the second 800 ms: the second would cross a 1 s deadline.
    const deadline = operationDeadline("delete", 1000, clock, true);
    const failure = await runWithDeadline(deadline, () => core.request({ method: "GET", path: "/x", schema })).catch((caught) => caught);
    expect(failure).toBeInstanceOf(DeadlineExceededError);
    expect(failure.message).toMatch(/Test to answer GET \/x .*answered 503: down.*The delete deadline \(1s, timeouts.delete\) ran out; raise it with the resource's `timeouts: \{ delete: "1m" \}` input/);
    expect(server.received.length).toBe(2);
    expect(clock.sleeps).toEqual([400]);
  } finally {
    await server.close();
  }
});

test.each([
  [undefined, 60_000],
  ["5s", 5000],
  ["nonsense", 60_000],
])("EURO_HOSTING_REQUEST_TIMEOUT=%p gives a %p ms request timeout", async (value, expected) => {
  const { defaultRequestTimeoutMs } = await import("../../provider/http");
  const saved = process.env.EURO_HOSTING_REQUEST_TIMEOUT;
  if (value === undefined) delete process.env.EURO_HOSTING_REQUEST_TIMEOUT;
  else process.env.EURO_HOSTING_REQUEST_TIMEOUT = value;
  try {
    expect(defaultRequestTimeoutMs()).toBe(expected);
  } finally {
    if (saved === undefined) delete process.env.EURO_HOSTING_REQUEST_TIMEOUT;
    else process.env.EURO_HOSTING_REQUEST_TIMEOUT = saved;
  }
});

test("the vendor message may come from a response header (ZoneID's X-Status-Message)", async () => {
  const server = await scriptedServer([{ status: 402, body: [], headers: { "X-Status-Message": "Package upgrade required" } }]);
  const core = new HttpCore({
    vendor: "ZoneID",
    baseUrl: server.url,
    auth: async () => ({}),
    vendorMessage: (_body, headers, status) => `${status} ${headers["x-status-message"]}`,
    clock: fakeClock(),
    logger: memoryLogger(),
  });
  try {
    const failure = await core.request({ method: "GET", path: "/x", schema }).catch((e) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure.vendorMessage).toBe("402 Package upgrade required");
  } finally {
    await server.close();
  }
});
