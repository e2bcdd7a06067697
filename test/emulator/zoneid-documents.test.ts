// The ZoneID fake held to the vendor's documents where they restrict writes
// (zoneid-openapi.json readOnly fields, operation descriptions such as "only …
// can be updated").
import * as http from "node:http";
import { createEmulatorClock, startEmulatorServer } from "../../emulator/core";
import { DEFAULT_ZONEID_API_KEY, DEFAULT_ZONEID_USERNAME, ZoneidEmulator } from "../../emulator/zoneid";
import { memoryLogger } from "../../provider/log";
import { vendorSettings } from "../../provider/settings";
import { ZoneidClient, isZoneidBusy } from "../../provider/zoneid/client";

const auth = "Basic " + Buffer.from(`${DEFAULT_ZONEID_USERNAME}:${DEFAULT_ZONEID_API_KEY}`).toString("base64");

async function setup(options: ConstructorParameters<typeof ZoneidEmulator>[0] = {}) {
  const clock = createEmulatorClock();
  const zoneid = new ZoneidEmulator({ clock, rateLimit: false, ...options });
  const server = await startEmulatorServer([zoneid]);
  const url = server.urlFor("zoneid");
  const call = (path: string, init: RequestInit = {}) => fetch(url + path, { ...init, headers: { authorization: auth, "content-type": "application/json", ...init.headers } });
  return { clock, zoneid, server, call };
}

let env: Awaited<ReturnType<typeof setup>>;
beforeEach(async () => {
  env = await setup();
});
afterEach(() => env.server.close());

test("PUT /domain/{name} refuses autorenew and dnssec (readOnly in schema Domain), naming each field, and changes nothing", async () => {
  env.zoneid.domains.addDomain("ro.ee");
  const refused = await env.call("/domain/ro.ee", { method: "PUT", body: JSON.stringify({ autorenew: true, dnssec: true, renewal_notifications: false }) });
  expect(refused.status).toBe(422);
  expect(await refused.json()).toEqual([{ autorenew: [expect.any(String)], dnssec: [expect.any(String)] }]);
  expect(env.zoneid.domains.get("ro.ee")).toMatchObject({ autorenew: false, dnssec: false, renewal_notifications: true });
});

test("PUT of a MySQL account changes only comment, password and hosts (Update MySQL account); require_ssl is refused, naming it", async () => {
  env.zoneid.addWebHosting("h.example.com");
  const base = "/vserver/h.example.com/database/mysql/account";
  expect((await env.call(base, { method: "POST", body: JSON.stringify({ username: "d1_app", password: "long-enough-1" }) })).status).toBe(201);
  const refused = await env.call(`${base}/d1_app`, { method: "PUT", body: JSON.stringify({ require_ssl: true, comment: "x" }) });
  expect(refused.status).toBe(422);
  expect(await refused.json()).toEqual([{ require_ssl: [expect.stringContaining("Cannot be updated")] }]);
  expect(env.zoneid.hosting.stored("h.example.com", "database/mysql/account", "d1_app")).toMatchObject({ require_ssl: false, comment: "" });
  const updated = await env.call(`${base}/d1_app`, { method: "PUT", body: JSON.stringify({ comment: "app", password: "other-Password-2", hosts: ["ws"] }) });
  expect(updated.ok).toBe(true);
  expect(env.zoneid.hosting.stored("h.example.com", "database/mysql/account", "d1_app")).toMatchObject({ comment: "app", password: "other-Password-2", hosts: ["ws"] });
});

test("mail account two_factor_auth can only be set to false from the API (schema MailAccount)", async () => {
  env.zoneid.addWebHosting("m.example.com");
  const base = "/vserver/m.example.com/mail/account";
  const refused = await env.call(base, { method: "POST", body: JSON.stringify({ address: "a@m.example.com", password: "long-enough-1", two_factor_auth: true }) });
  expect(refused.status).toBe(422);
  expect(await refused.json()).toEqual([{ two_factor_auth: [expect.any(String)] }]);
  expect((await env.call(base, { method: "POST", body: JSON.stringify({ address: "a@m.example.com", password: "long-enough-1", two_factor_auth: false }) })).status).toBe(201);
  env.zoneid.changeHostingItem("m.example.com", "mail/account", "a@m.example.com", { two_factor_auth: true });
  expect((await env.call(`${base}/a@m.example.com`, { method: "PUT", body: JSON.stringify({ two_factor_auth: true }) })).status).toBe(422);
  expect((await env.call(`${base}/a@m.example.com`, { method: "PUT", body: JSON.stringify({ two_factor_auth: false }) })).ok).toBe(true);
  expect(env.zoneid.hosting.stored("m.example.com", "mail/account", "a@m.example.com")).toMatchObject({ two_factor_auth: false });
});

describe("cloud actions answer only what the operation lists (200, 404, 500)", () => {
  async function runningVm(): Promise<string> {
    const order = env.zoneid.cloud.createOrder({ datacenter: "tll01", package: "vps-s", os: "debian-12", billing_period: 1, ssh_public_key: "ssh-ed25519 AAAA" });
    env.clock.advance(env.zoneid.cloud.timings.orderMs + env.zoneid.cloud.timings.operationMs);
    return String(env.zoneid.cloud.order(String(order.identificator)).container);
  }
  const action = (host: string, name: string) => env.call(`/cloud/${host}/action/${name}`, { method: "POST" });

  test("an action outside the path's enum matches no operation: 404", async () => {
    const host = await runningVm();
    expect((await action(host, "hibernate")).status).toBe(404);
  });

  test("an action whose end state the VM is in or heading to is a 200 that changes nothing", async () => {
    const host = await runningVm();
    const started = await action(host, "start");
    expect(started.status).toBe(200);
    expect(await started.json()).toMatchObject([{ state: "running" }]);
    expect((await action(host, "shutdown")).status).toBe(200);
    expect(env.zoneid.cloud.stored(host)?.state).toBe("stopping");
    // heading to stopped already: no new operation, no lock refusal
    expect((await action(host, "shutdown")).status).toBe(200);
    env.clock.advance(env.zoneid.cloud.timings.operationMs);
    expect((await action(host, "shutdown")).status).toBe(200);
    expect(env.zoneid.cloud.stored(host)?.state).toBe("stopped");
  });

  test("a busy VM answers 500 Process locked (400 with actionRefusals: \"400\", as is 'already running')", async () => {
    const host = await runningVm();
    env.zoneid.cloud.lock(host, 60_000);
    const locked = await action(host, "reboot");
    expect(locked.status).toBe(500);
    expect(locked.headers.get("x-status-message")).toBe("Process locked");
    env.zoneid.cloud.actionRefusals = "400";
    expect((await action(host, "reboot")).status).toBe(400);
    env.clock.advance(60_000);
    const already = await action(host, "start");
    expect(already.status).toBe(400);
    expect(already.headers.get("x-status-message")).toMatch(/already running/);
  });

  test("the client takes both models: locked is retried (500 or 400), 'already' is nothing to do", async () => {
    const settings: Record<string, string> = { "zoneid:apiUrl": env.server.urlFor("zoneid"), "zoneid:username": DEFAULT_ZONEID_USERNAME, "zoneid:apiKey": DEFAULT_ZONEID_API_KEY };
    const client = new ZoneidClient(vendorSettings("zoneid", (key) => settings[key]), { logger: memoryLogger(), retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 } });
    const host = await runningVm();
    env.zoneid.cloud.lock(host, 60_000);
    const refused = await client.cloudServerAction(host, "reboot").catch((error) => error);
    expect(refused.status).toBe(500);
    expect(isZoneidBusy(refused)).toBe(true);
    env.zoneid.cloud.actionRefusals = "400";
    const refused400 = await client.cloudServerAction(host, "reboot").catch((error) => error);
    expect(isZoneidBusy(refused400)).toBe(true);
    env.clock.advance(60_000);
    await expect(client.cloudServerAction(host, "start")).resolves.toBeUndefined();
    env.zoneid.cloud.actionRefusals = "documented";
    await expect(client.cloudServerAction(host, "start")).resolves.toMatchObject({ state: "running" });
  });
});

test("DNS record lists are not paged (their operations take no pager parameters), even with paging: \"all\"", async () => {
  const paged = await setup({ paging: "all" });
  try {
    paged.zoneid.addZone("p.example.com", { systemRecords: false });
    for (let i = 0; i < 120; i++) paged.zoneid.addRecord("p.example.com", "txt", { name: `t${i}.p.example.com`, destination: `v${i}` });
    const listed = await paged.call("/dns/p.example.com/txt", { headers: { "x-pager-limit": "10" } });
    expect(listed.headers.get("x-pager-enabled")).toBeNull();
    expect(await listed.json()).toHaveLength(120);
  } finally {
    await paged.server.close();
  }
});

test("the client lists DNS records with one plain GET: no x-pager-* headers sent", async () => {
  const seen: { url?: string; headers: http.IncomingHttpHeaders }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url, headers: req.headers });
    res.writeHead(200, { "content-type": "application/json", "x-ratelimit-limit": "60", "x-ratelimit-remaining": "59" });
    res.end(JSON.stringify([{ id: 1, name: "t.p.example.com", destination: "v", delete: true, modify: true }]));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as { port: number };
    const settings: Record<string, string> = { "zoneid:apiUrl": `http://127.0.0.1:${port}/v2`, "zoneid:username": "u", "zoneid:apiKey": "k" };
    const client = new ZoneidClient(vendorSettings("zoneid", (key) => settings[key]), { logger: memoryLogger() });
    const records = await client.listRecords("p.example.com", "txt");
    expect(records).toHaveLength(1);
    expect(seen).toHaveLength(1);
    expect(seen[0].url).toBe("/v2/dns/p.example.com/txt");
    expect(Object.keys(seen[0].headers).filter((name) => name.startsWith("x-pager") || name.startsWith("x-order"))).toEqual([]);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
