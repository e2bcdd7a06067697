import { type EmulatorServer, createEmulatorClock, startEmulatorServer } from "../../emulator/core";
import { DEFAULT_GANDI_API_KEY, DEFAULT_GANDI_TOKEN, GandiEmulator } from "../../emulator/gandi";
import { callJson } from "./harness";

let gandi: GandiEmulator;
let server: EmulatorServer;
let base: string;
const bearer = `Bearer ${DEFAULT_GANDI_TOKEN}`;
const call = (method: string, path: string, body?: unknown, auth: string | null = bearer) => callJson(base + path, method, body, auth);
const ORDER = { location: "FR", size: "starter", name: "emu-1", type: { database: { name: "mysql" }, language: { name: "php", version: "8.1" } } };

beforeEach(async () => {
  gandi = new GandiEmulator({ clock: createEmulatorClock() });
  server = await startEmulatorServer([gandi]);
  base = server.urlFor("gandi");
});
afterEach(() => server.close());

test("authentication: Bearer tokens and deprecated Apikey; failures answer { cause, code, message, object }", async () => {
  expect((await call("GET", "/instances")).status).toBe(200);
  expect((await call("GET", "/instances", undefined, `Apikey ${DEFAULT_GANDI_API_KEY}`)).status).toBe(200);
  const noAuth = await call("GET", "/instances", undefined, null);
  expect(noAuth.status).toBe(401);
  expect(noAuth.body).toMatchObject({ cause: "Unauthorized", code: 401, object: "HTTPUnauthorized", message: expect.any(String) });
  const badToken = await call("GET", "/instances", undefined, "Bearer pat_nope");
  expect(badToken.status).toBe(403);
  expect(badToken.body).toMatchObject({ cause: "Forbidden", code: 403, object: "HTTPForbidden" });
});

test("an order answers 202 with Content-Location and moves waiting_bill → being_created → active on the clock", async () => {
  const created = await call("POST", "/instances", ORDER);
  expect(created.status).toBe(202);
  const location = created.headers.get("content-location")!;
  expect(location).toMatch(new RegExp(`^${base}/instances/[0-9a-f-]{36}$`));
  const path = location.slice(base.length);
  expect((await call("GET", path)).body.status).toBe("waiting_bill");
  gandi.clock.advance(20_000);
  expect((await call("GET", path)).body.status).toBe("being_created");
  gandi.clock.advance(180_000);
  const active = (await call("GET", path)).body;
  expect(active).toMatchObject({ status: "active", name: "emu-1", language: { name: "php", version: "8.1" }, database: { name: "mysql", version: "8.0" } });
  expect(active.upgrade_to).toEqual([expect.objectContaining({ type: "language", version: "8.2", id: expect.any(String) })]);
});

test("Dry-Run: 1 validates without ordering", async () => {
  const before = gandi.instances().length;
  const response = await fetch(base + "/instances", {
    method: "POST",
    headers: { authorization: bearer, "content-type": "application/json", "dry-run": "1" },
    body: JSON.stringify({ ...ORDER, size: "gigantic" }),
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: "error", errors: [{ location: "body", name: "size", description: "Must be one of: starter, advanced, pro, business." }] });
  expect(gandi.instances()).toHaveLength(before);
});

test("lists page with per_page, Total-Count and Link", async () => {
  for (let i = 0; i < 5; i++) gandi.addInstance({ name: `p-${i}` });
  const first = await call("GET", "/instances?per_page=2");
  expect(first.body).toHaveLength(2);
  expect(first.headers.get("total-count")).toBe("5");
  expect(first.headers.get("link")).toContain('/instances?per_page=2&page=2>; rel="next"');
  expect(first.headers.get("link")).toContain('/instances?per_page=2&page=3>; rel="last"');
  const last = await call("GET", "/instances?per_page=2&page=3");
  expect(last.body).toHaveLength(1);
  expect(last.headers.get("link")).not.toContain('rel="next"');
  expect((await call("GET", "/instances?page=9")).body).toEqual([]);
});

test("PATCH applies after changeMs; storage only grows; DELETE answers 204 and the instance 404s once gone", async () => {
  const { id } = gandi.addInstance({ name: "patch-1", size: "s", storageAdditionalSize: 10 });
  const shrink = await call("PATCH", `/instances/${id}`, { storage_additional_size: 5 });
  expect(shrink.status).toBe(400);
  expect(shrink.body.errors).toEqual([{ location: "body", name: "storage_additional_size", description: "Only increases are supported." }]);
  const grow = await call("PATCH", `/instances/${id}`, { size: "m", storage_additional_size: 20, name: "renamed" });
  expect(grow.status).toBe(202);
  expect((await call("GET", `/instances/${id}`)).body).toMatchObject({ name: "renamed", size: "s" });
  gandi.clock.advance(60_000);
  expect((await call("GET", `/instances/${id}`)).body).toMatchObject({ size: "m", storage: { additional: { value: 20 }, total: { value: 40 } } });

  expect((await call("DELETE", `/instances/${id}`)).status).toBe(204);
  expect((await call("GET", `/instances/${id}`)).body.status).toBe("being_deleted");
  gandi.clock.advance(30_000);
  const gone = await call("GET", `/instances/${id}`);
  expect(gone.status).toBe(404);
  expect(gone.body).toMatchObject({ code: 404, cause: "Not Found" });
});

test("vhosts: 202 with Content-Location, 422 when it exists, forced waiting_ownership, cache purge", async () => {
  const { id } = gandi.addInstance({ name: "vh-1" });
  const created = await call("POST", `/instances/${id}/vhosts`, { fqdn: "www.example.com", linked_dns_zone: { allow_alteration: false } });
  expect(created.status).toBe(202);
  expect(created.headers.get("content-location")).toBe(`${base}/instances/${id}/vhosts/www.example.com`);
  expect(created.body).toMatchObject({ fqdn: "www.example.com", status: "being_created" });
  const again = await call("POST", `/instances/${id}/vhosts`, { fqdn: "www.example.com" });
  expect(again.status).toBe(422);
  // documented without a body
  expect(again.body).toBeUndefined();
  gandi.clock.advance(20_000);
  expect((await call("GET", `/instances/${id}/vhosts/www.example.com`)).body.status).toBe("running");

  gandi.requireOwnershipProof("shop.example.org");
  await call("POST", `/instances/${id}/vhosts`, { fqdn: "shop.example.org" });
  gandi.clock.advance(20_000);
  const waiting = (await call("GET", `/instances/${id}/vhosts/shop.example.org`)).body;
  expect(waiting).toMatchObject({ status: "waiting_ownership", linked_dns_zone: { domain: "example.org", key: "shop", is_root: false, txt: expect.any(String) } });
  gandi.validateOwnership("shop.example.org");
  expect((await call("GET", `/instances/${id}/vhosts/shop.example.org`)).body.status).toBe("running");

  expect((await call("DELETE", `/instances/${id}/vhosts/www.example.com/cache`)).status).toBe(204);
  const listed = await call("GET", `/instances/${id}/vhosts?status=running`);
  expect(listed.body.map((vhost: { fqdn: string }) => vhost.fqdn).sort()).toEqual(["shop.example.org", "www.example.com"]);
});

test("admin routes mirror the in-process helpers, and state survives snapshot/restore", async () => {
  const seeded = await callJson(`${server.url}/_admin/gandi/instances`, "POST", { name: "admin-1", size: "l" });
  expect(seeded.status).toBe(201);
  await callJson(`${server.url}/_admin/gandi/instances/${seeded.body.id}`, "PATCH", { hold: "paused" });
  expect((await call("GET", `/instances/${seeded.body.id}`)).body).toMatchObject({ size: "l", status: "paused" });

  const copy = new GandiEmulator();
  copy.restore(JSON.parse(JSON.stringify(gandi.snapshot())));
  expect(copy.instances().map((instance) => instance.name)).toEqual(["admin-1"]);
  await callJson(`${server.url}/_admin/gandi/instances/${seeded.body.id}`, "DELETE");
  expect((await call("GET", `/instances/${seeded.body.id}`)).status).toBe(404);
});

test("a snapshot taken mid-way restores with Gandi's work still running: creation, a PATCH change and a vhost delete end on the clock", async () => {
  const ordered = await call("POST", "/instances", { ...ORDER, vhosts: [{ fqdn: "www.example.com" }] });
  const orderId = ordered.headers.get("content-location")!.split("/").pop()!;
  gandi.clock.advance(20_000);
  const { id: legacyId } = gandi.addInstance({ name: "legacy", size: "s" });
  gandi.addVhost(legacyId, "old.example.com");
  expect((await call("PATCH", `/instances/${legacyId}`, { size: "m" })).status).toBe(202);
  expect((await call("DELETE", `/instances/${legacyId}/vhosts/old.example.com`)).status).toBe(204);
  const saved = JSON.parse(JSON.stringify(gandi.snapshot()));
  // Restored in place (the jobs must follow the restored records) and into a fresh emulator on the same clock.
  gandi.restore(saved);
  const fresh = new GandiEmulator({ clock: gandi.clock });
  fresh.restore(saved);
  for (const emulator of [gandi, fresh]) {
    expect([emulator.instanceStatus(orderId), emulator.vhostStatus(orderId, "www.example.com"), emulator.instance(legacyId)?.size]).toEqual(["being_created", "being_created", "s"]);
    expect(emulator.vhosts(legacyId).map((vhost) => vhost.fqdn)).toEqual(["old.example.com"]);
  }
  gandi.clock.advance(180_000 + 20_000);
  for (const emulator of [gandi, fresh]) {
    expect([emulator.instanceStatus(orderId), emulator.vhostStatus(orderId, "www.example.com"), emulator.instance(legacyId)?.size]).toEqual(["active", "running", "m"]);
    expect(emulator.vhosts(legacyId)).toEqual([]);
  }
});

test("PATCH size: only s, s+, m, l, xl and xxl instances, only to s+, m, l or xxl; undocumented fields are refused", async () => {
  const current = gandi.addInstance({ name: "resize-current" });
  const refused = await call("PATCH", `/instances/${current.id}`, { size: "m" });
  expect(refused.status).toBe(400);
  expect(refused.body.errors).toEqual([{ location: "body", name: "size", description: "Resizing is only supported for s, s+, m, l, xl, xxl instances; this instance is starter." }]);
  expect((await call("PATCH", `/instances/${current.id}`, { size: "pro" })).body.errors).toEqual([{ location: "body", name: "size", description: "Must be one of: s+, m, l, xxl." }]);
  const legacy = gandi.addInstance({ name: "resize-legacy", size: "xl" });
  expect((await call("PATCH", `/instances/${legacy.id}`, { size: "xl" })).status).toBe(400);
  expect((await call("PATCH", `/instances/${legacy.id}`, { size: "xxl" })).status).toBe(202);
  expect((await call("PATCH", `/instances/${legacy.id}`, { colour: "blue" })).body.errors).toEqual([{ location: "body", name: "colour", description: "Unknown field." }]);
});

test("PATCH booster_options.size: one of the documented sizes, shown as the booster's size_override", async () => {
  const instance = gandi.addInstance({ name: "boosted" });
  expect((await call("PATCH", `/instances/${instance.id}`, { booster: true, booster_options: { size: "huge" } })).body.errors).toEqual([
    { location: "body", name: "booster_options.size", description: "Must be one of: s, s+, m, l, xl, xxl, starter, advanced, pro, business, boosted." },
  ]);
  expect((await call("PATCH", `/instances/${instance.id}`, { booster: true, booster_options: { size: "pro", cpu: 8 } })).body.errors).toEqual([
    { location: "body", name: "booster_options.cpu", description: "Unknown field." },
  ]);
  expect((await call("PATCH", `/instances/${instance.id}`, { booster: true, booster_options: { size: "pro" } })).status).toBe(202);
  expect((await call("GET", `/instances/${instance.id}`)).body.booster.current).toMatchObject({ status: "active", size_override: "pro" });
});

test("list items carry no vhosts (the list schema has none); the instance detail does", async () => {
  const { id } = gandi.addInstance({ name: "links-1" });
  gandi.addVhost(id, "links.example.com");
  const [item] = (await call("GET", "/instances?name=links-1")).body;
  expect(item.id).toBe(id);
  expect(item).not.toHaveProperty("vhosts");
  expect((await call("GET", `/instances/${id}`)).body.vhosts).toEqual([{ fqdn: "links.example.com", href: `${base}/instances/${id}/vhosts/links.example.com` }]);
});

test("https_strategy is only present with a certificate", async () => {
  const { id } = gandi.addInstance({ name: "cert-1" });
  gandi.addVhost(id, "with.example.com");
  gandi.addVhost(id, "without.example.com", { certificate: false });
  expect((await call("GET", `/instances/${id}/vhosts/with.example.com`)).body).toMatchObject({ https_strategy: "allow_HTTP_and_HTTPS", certificates: [expect.any(Object)] });
  const without = (await call("GET", `/instances/${id}/vhosts/without.example.com`)).body;
  expect(without).not.toHaveProperty("https_strategy");
  expect(without.certificates).toEqual([]);
  const patched = await call("PATCH", `/instances/${id}/vhosts/without.example.com`, { linked_dns_zone: { allow_alteration: true } });
  expect(patched.status).toBe(200);
  expect(patched.body).not.toHaveProperty("https_strategy");
  // an order's vhosts get a certificate only with with_free_ssl
  const order = { ...ORDER, name: "cert-2", vhosts: [{ fqdn: "free.example.com", with_free_ssl: true }, { fqdn: "plain.example.com" }] };
  const path = (await call("POST", "/instances", order)).headers.get("content-location")!.slice(base.length);
  expect((await call("GET", `${path}/vhosts/free.example.com`)).body).toHaveProperty("https_strategy");
  expect((await call("GET", `${path}/vhosts/plain.example.com`)).body).not.toHaveProperty("https_strategy");
});

test("POST vhost: linked_dns_zone requires allow_alteration; https_strategy is not a create field", async () => {
  const { id } = gandi.addInstance({ name: "post-vhost-1" });
  const missing = await call("POST", `/instances/${id}/vhosts`, { fqdn: "a.example.com", linked_dns_zone: { allow_alteration_override: false } });
  expect(missing.status).toBe(400);
  expect(missing.body.errors).toEqual([{ location: "body", name: "linked_dns_zone.allow_alteration", description: "Missing data for required field." }]);
  const strategy = await call("POST", `/instances/${id}/vhosts`, { fqdn: "a.example.com", https_strategy: "HTTP_only" });
  expect(strategy.body.errors).toEqual([{ location: "body", name: "https_strategy", description: "Unknown field." }]);
  expect(gandi.vhosts(id)).toEqual([]);
  // an order's vhosts may leave allow_alteration out (default false)
  const order = { ...ORDER, name: "post-vhost-2", vhosts: [{ fqdn: "b.example.com", linked_dns_zone: { allow_alteration_override: false } }] };
  expect((await call("POST", "/instances", order)).status).toBe(202);
});

test("no limit the reference does not set: long names, durations past 120 months, short passwords", async () => {
  const response = await fetch(base + "/instances", {
    method: "POST",
    headers: { authorization: bearer, "content-type": "application/json", "dry-run": "1" },
    body: JSON.stringify({ ...ORDER, name: "n".repeat(80), duration: 240, authentication: { password: "pw" } }),
  });
  expect(await response.json()).toEqual({ status: "success" });
});
