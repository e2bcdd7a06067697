import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  type EmulatorError,
  type EmulatorResponse,
  type EmulatorServer,
  type EmulatorServerOptions,
  type Route,
  type VendorEmulator,
  createEmulatorClock,
  startEmulatorServer,
} from "../../emulator/core";
import { callJson } from "./harness";

/** The smallest vendor that shows what the core does: a counter with a few odd routes. */
class CounterVendor implements VendorEmulator {
  readonly vendor = "counter";
  readonly basePath = "/counter/v1";
  count = 0;

  routes(): Route[] {
    return [
      { method: "GET", pattern: "/count", handler: () => ({ status: 200, body: { count: this.count } }) },
      {
        method: "POST",
        pattern: "/increment",
        handler: () => {
          this.count++;
          return { status: 200, body: { count: this.count } };
        },
      },
      {
        method: "POST",
        pattern: "/echo/:first/items/:second",
        handler: (req) => ({ status: 200, body: { params: req.params, query: req.query, body: req.body } }),
      },
      { method: "GET", pattern: "/text", handler: () => ({ status: 200, text: "good 192.0.2.1", headers: { "X-Vendor": "counter" } }) },
      {
        method: "GET",
        pattern: "/crash",
        handler: () => {
          throw new Error("handler exploded");
        },
      },
      { method: "POST", pattern: "/refuse", handler: () => ({ status: 422, body: this.errorBody(422, "no") }) },
    ];
  }

  adminRoutes(): Route[] {
    return [
      {
        method: "POST",
        pattern: "/count",
        handler: (req) => {
          this.count = Number((req.body as { count: number }).count);
          return { status: 200, body: { count: this.count } };
        },
      },
    ];
  }

  errorBody(status: number, message: string): unknown {
    return { error: { code: status, text: message } };
  }

  errorAnswer(error: EmulatorError): EmulatorResponse {
    return { status: error.status, body: this.errorBody(error.status, error.message) };
  }

  snapshot(): unknown {
    return { count: this.count };
  }

  restore(state: unknown): void {
    this.count = (state as { count: number }).count;
  }
}

/** Waits (in real time, bounded by the test's timeout) until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("emulator core", () => {
  let vendor: CounterVendor;
  let server: EmulatorServer;
  let logLines: string[];
  let base: string;

  async function start(options: EmulatorServerOptions = {}) {
    vendor = new CounterVendor();
    logLines = [];
    server = await startEmulatorServer([vendor], { log: (line) => logLines.push(line), ...options });
    base = server.urlFor("counter");
  }
  afterEach(() => server?.close());

  describe("routing and bodies", () => {
    beforeEach(() => start());

    it("matches :name segments and passes decoded params, query and JSON body", async () => {
      const answer = await callJson(`${base}/echo/a%20b/items/42?x=1&y=two`, "POST", { hello: "world" });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ params: { first: "a b", second: "42" }, query: { x: "1", y: "two" }, body: { hello: "world" } });
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(base).toBe(`${server.url}/counter/v1`);
    });

    it("parses multipart/form-data fields and files", async () => {
      const form = new FormData();
      form.append("zone_name", "example.no");
      form.append("zone_file", new Blob(["line one\r\nline two ø\n"]), "zone.txt");
      const response = await fetch(`${base}/echo/f/items/s`, { method: "POST", body: form });
      expect(((await response.json()) as { body: unknown }).body).toEqual({ zone_name: "example.no", zone_file: "line one\r\nline two ø\n" });
    });

    it("parses url-encoded forms", async () => {
      const response = await fetch(`${base}/echo/f/items/s`, { method: "POST", body: new URLSearchParams({ a: "1", b: "x y" }) });
      expect(((await response.json()) as { body: unknown }).body).toEqual({ a: "1", b: "x y" });
    });

    it("answers invalid JSON with 400 and the vendor's error body", async () => {
      const response = await fetch(`${base}/echo/f/items/s`, { method: "POST", headers: { "content-type": "application/json" }, body: "{oops" });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: { code: 400, text: "Invalid JSON body." } });
    });

    it("answers unknown routes under a vendor with 404 and the vendor's error body", async () => {
      for (const [method, url] of [["GET", `${base}/nothing`], ["DELETE", `${base}/count`]]) {
        const answer = await callJson(url, method);
        expect(answer.status).toBe(404);
        expect(answer.body).toEqual({ error: { code: 404, text: "Endpoint not found." } });
      }
      const outside = await fetch(`${server.url}/elsewhere`);
      expect(outside.status).toBe(404);
      await outside.text();
    });

    it("turns a handler crash into 500 with the vendor's error body and logs the stack", async () => {
      const answer = await callJson(`${base}/crash`, "GET");
      expect(answer.status).toBe(500);
      expect(answer.body).toEqual({ error: { code: 500, text: "Internal server error" } });
      expect(logLines.join("\n")).toMatch(/handler exploded\n\s+at /);
    });

    it("sends plain text answers with their headers", async () => {
      const response = await fetch(`${base}/text`);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(response.headers.get("x-vendor")).toBe("counter");
      expect(await response.text()).toBe("good 192.0.2.1");
    });

    it("logs vendor requests in arrival order, without admin requests", async () => {
      await callJson(`${base}/increment`, "POST");
      await callJson(`${base}/count?verbose=1`, "GET");
      await callJson(`${server.url}/_admin/counter/count`, "POST", { count: 5 });
      await callJson(`${base}/nothing`, "GET");
      expect(server.requests).toEqual([
        { vendor: "counter", method: "POST", path: "/counter/v1/increment", query: {}, status: 200, receivedAt: expect.any(Number) },
        { vendor: "counter", method: "GET", path: "/counter/v1/count", query: { verbose: "1" }, status: 200, receivedAt: expect.any(Number) },
        { vendor: "counter", method: "GET", path: "/counter/v1/nothing", query: {}, status: 404, receivedAt: expect.any(Number) },
      ]);
      expect((await callJson(`${server.url}/_admin/requests`, "GET")).body).toEqual(server.requests);
      server.resetRequests();
      expect(server.requests).toEqual([]);
      expect(vendor.count).toBe(5);
    });

    it("tells onAnswered listeners of each vendor request once answered, with its final status, until they stop", async () => {
      const heard: { method: string; path: string; status: number }[] = [];
      const stop = server.onAnswered(({ method, path, status }) => heard.push({ method, path, status }));
      await callJson(`${base}/increment`, "POST");
      await callJson(`${server.url}/_admin/counter/count`, "POST", { count: 5 });
      await callJson(`${base}/nothing`, "GET");
      stop();
      await callJson(`${base}/count`, "GET");
      expect(heard).toEqual([
        { method: "POST", path: "/counter/v1/increment", status: 200 },
        { method: "GET", path: "/counter/v1/nothing", status: 404 },
      ]);
    });

    it("refuses an unknown vendor name and a vendor mounted twice", async () => {
      expect(() => server.urlFor("nobody")).toThrow(/no emulated vendor/);
      await expect(startEmulatorServer([new CounterVendor(), new CounterVendor()])).rejects.toThrow(/mounted twice/);
    });
  });

  describe("faults", () => {
    const increments = (n: number) =>
      Promise.all(Array.from({ length: n }, () => fetch(`${base}/increment`, { method: "POST" }).then(
        async (r) => ({ status: r.status, text: await r.text(), retryAfter: r.headers.get("retry-after") }),
        (error: Error) => ({ status: 0, text: String(error), retryAfter: null }),
      )));

    it('"429" refuses before applying, with Retry-After: 1 and the vendor body', async () => {
      await start({ faults: { rate: 1, kinds: ["429"] } });
      const answers = await increments(10);
      for (const answer of answers) {
        expect(answer).toEqual({ status: 429, text: JSON.stringify({ error: { code: 429, text: "Too many requests" } }), retryAfter: "1" });
      }
      expect(vendor.count).toBe(0);
      expect(server.requests.every((r) => r.status === 429 && r.fault === "429")).toBe(true);
    });

    it('"5xx" answers 500/502/503 and applies about half of the requests anyway', async () => {
      await start({ faults: { rate: 1, kinds: ["5xx"] } });
      const answers = await increments(40);
      expect(new Set(answers.map((a) => a.status))).toEqual(new Set([500, 502, 503]));
      for (const answer of answers) {
        if (answer.status === 500) expect(JSON.parse(answer.text)).toEqual({ error: { code: 500, text: "Internal server error" } });
        else expect(answer.text).toBe(`${answer.status} ${answer.status === 502 ? "Bad Gateway" : "Service Unavailable"}\n`);
      }
      // Ambiguous failures: the vendor applied some of the writes the client saw fail.
      expect(vendor.count).toBeGreaterThan(0);
      expect(vendor.count).toBeLessThan(40);
      expect(logLines.some((line) => line.includes("after applying"))).toBe(true);
    });

    it('"drop" closes the connection without an answer, sometimes after applying', async () => {
      await start({ faults: { rate: 1, kinds: ["drop"] } });
      const answers = await increments(40);
      expect(answers.every((a) => a.status === 0)).toBe(true);
      expect(vendor.count).toBeGreaterThan(0);
      expect(vendor.count).toBeLessThan(40);
      expect(server.requests.every((r) => r.status === 0 && r.fault === "drop")).toBe(true);
    });

    it('"slow" delays the answer by slowMs and then answers normally', async () => {
      await start({ faults: { rate: 1, kinds: ["slow"], slowMs: 150 } });
      const started = Date.now();
      const [answer] = await increments(1);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(answer.status).toBe(200);
      expect(vendor.count).toBe(1);
      expect(server.requests[0]).toMatchObject({ status: 200, fault: "slow" });
    });

    it('"late" holds the request past the client\'s timeout on the server clock, then applies it', async () => {
      const clock = createEmulatorClock();
      await start({ clock, faults: { rate: 1, kinds: ["late"], lateHoldMs: 3_600_000 } });
      const answer = await fetch(`${base}/increment`, { method: "POST", signal: AbortSignal.timeout(100) }).then(
        (r) => r.status,
        (error: Error) => error.name,
      );
      // The client saw no answer and nothing has been applied yet: the hold lasts an hour of the clock.
      expect(answer).toBe("TimeoutError");
      await until(() => server.requests[0]?.clientGaveUp === true);
      expect(vendor.count).toBe(0);
      expect(server.requests[0]).toMatchObject({ fault: "late", status: 0, clientGaveUp: true });

      let settled = false;
      const settling = server.settled().then(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(settled).toBe(false);
      clock.advance(3_600_000);
      await settling;
      expect(vendor.count).toBe(1);
      expect(server.requests[0]).toMatchObject({ fault: "late", status: 200, clientGaveUp: true });
      expect(logLines.some((line) => line.includes("fault late, applied after 3600000 ms, client had given up"))).toBe(true);
    });

    it('"late" holds on a scaled clock in scaled time, and a client that waits gets the answer', async () => {
      const clock = createEmulatorClock({ scale: 1000 });
      await start({ clock, faults: { rate: 1, kinds: ["late"], lateHoldMs: 60_000 } });
      const started = clock.now();
      const answer = await callJson(`${base}/increment`, "POST");
      expect(clock.now() - started).toBeGreaterThanOrEqual(60_000);
      expect(answer).toMatchObject({ status: 200, body: { count: 1 } });
      expect(server.requests[0].clientGaveUp).toBeUndefined();
    });

    it('"late" is asked for by name: the default kinds leave it out', async () => {
      await start({ faults: { rate: 1, seed: 3 } });
      for (let i = 0; i < 40; i++) await fetch(`${base}/count`, { signal: AbortSignal.timeout(50) }).then((r) => r.text(), () => undefined);
      const kinds = new Set(server.requests.map((r) => r.fault));
      expect(kinds.has("late")).toBe(false);
      expect(kinds.size).toBe(4);
      expect(() => server.setFaults({ rate: 1, kinds: ["late"], lateHoldMs: -1 })).toThrow(/lateHoldMs/);
      expect((await callJson(`${server.url}/_admin/faults`, "POST", { rate: 1, kinds: ["late"], lateHoldMs: "soon" })).status).toBe(400);
      expect((await callJson(`${server.url}/_admin/faults`, "POST", { rate: 1, kinds: ["late"], lateHoldMs: 0 })).status).toBe(200);
      expect((await callJson(`${base}/increment`, "POST")).status).toBe(200);
      expect(server.requests.at(-1)).toMatchObject({ fault: "late", status: 200 });
    });

    it("repeats the same fault sequence for the same seed", async () => {
      const sequence = async () => {
        await start({ faults: { rate: 0.5, seed: 42, kinds: ["429", "5xx"] } });
        const statuses: number[] = [];
        for (let i = 0; i < 30; i++) statuses.push((await fetch(`${base}/count`).then(async (r) => (await r.text(), r.status))));
        await server.close();
        return statuses;
      };
      const first = await sequence();
      expect(first.some((s) => s === 200)).toBe(true);
      expect(first.some((s) => s !== 200)).toBe(true);
      expect(await sequence()).toEqual(first);
    });

    it("is switched at run time, directly or through /_admin/faults, and never hits admin routes", async () => {
      await start();
      server.setFaults({ rate: 1, kinds: ["429"] });
      expect((await callJson(`${base}/count`, "GET")).status).toBe(429);
      expect((await callJson(`${server.url}/_admin/counter/count`, "POST", { count: 3 })).status).toBe(200);
      server.setFaults(undefined);
      expect((await callJson(`${base}/count`, "GET")).status).toBe(200);

      expect((await callJson(`${server.url}/_admin/faults`, "POST", { rate: 1, kinds: ["5xx"] })).status).toBe(200);
      expect((await callJson(`${base}/count`, "GET")).status).toBeGreaterThanOrEqual(500);
      expect((await callJson(`${server.url}/_admin/faults`, "POST", { rate: 0 })).status).toBe(200);
      expect((await callJson(`${base}/count`, "GET")).status).toBe(200);

      expect((await callJson(`${server.url}/_admin/faults`, "POST", { rate: 2 })).status).toBe(400);
      expect((await callJson(`${server.url}/_admin/faults`, "POST", { rate: 1, kinds: ["meteor"] })).status).toBe(400);
    });
  });

  describe("latency", () => {
    it("delays each vendor request but not admin requests", async () => {
      await start({ latencyMs: 120 });
      let started = Date.now();
      expect((await callJson(`${base}/count`, "GET")).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(110);

      started = Date.now();
      await callJson(`${server.url}/_admin/requests`, "GET");
      expect(Date.now() - started).toBeLessThan(110);

      expect((await callJson(`${server.url}/_admin/latency`, "POST", { ms: 0 })).status).toBe(200);
      started = Date.now();
      await callJson(`${base}/count`, "GET");
      expect(Date.now() - started).toBeLessThan(110);
      expect((await callJson(`${server.url}/_admin/latency`, "POST", { ms: -1 })).status).toBe(400);
      expect(() => server.setLatency(Number.NaN)).toThrow(RangeError);
    });

    it("closes promptly while a request is still waiting", async () => {
      await start({ faults: { rate: 1, kinds: ["slow"], slowMs: 60_000 } });
      const pending = fetch(`${base}/count`).catch((error: Error) => error);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = Date.now();
      await server.close();
      expect(Date.now() - started).toBeLessThan(1000);
      // undici rejects with a TypeError from its own realm, so compare by message, not instanceof.
      expect(await pending).toMatchObject({ message: "fetch failed" });
    });
  });

  describe("persistence", () => {
    let directory: string;
    beforeEach(() => {
      directory = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-state-"));
    });
    afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

    it("saves after successful writes only and restores on the next start", async () => {
      const statePath = path.join(directory, "nested", "state.json");
      await start({ statePath });
      await callJson(`${base}/count`, "GET");
      await callJson(`${base}/refuse`, "POST");
      expect(fs.existsSync(statePath)).toBe(false);

      await callJson(`${base}/increment`, "POST");
      await callJson(`${base}/increment`, "POST");
      expect(JSON.parse(fs.readFileSync(statePath, "utf8"))).toEqual({ counter: { count: 2 } });
      await callJson(`${server.url}/_admin/counter/count`, "POST", { count: 7 });
      expect(JSON.parse(fs.readFileSync(statePath, "utf8"))).toEqual({ counter: { count: 7 } });
      await server.close();

      await start({ statePath });
      expect(vendor.count).toBe(7);
      expect((await callJson(`${base}/count`, "GET")).body).toEqual({ count: 7 });
    });
  });
});

describe("createEmulatorClock", () => {
  it("follows real time and moves forward by advance()", () => {
    const clock = createEmulatorClock();
    const start = clock.now();
    expect(Math.abs(start - Date.now())).toBeLessThan(50);
    clock.advance(3_600_000);
    expect(clock.now() - Date.now()).toBeGreaterThanOrEqual(3_599_950);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});
