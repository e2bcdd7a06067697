import { createEmulatorClock, startEmulatorServer } from "../../emulator/core";
import { DEFAULT_ZONEID_API_KEY, DEFAULT_ZONEID_USERNAME, ZoneidEmulator } from "../../emulator/zoneid";
import { memoryLogger } from "../../provider/log";
import { ZoneidClient } from "../../provider/zoneid/client";
import { mailAccountWire } from "../../provider/zoneid/serviceWire";
import { vendorSettings } from "../../provider/settings";

const auth = "Basic " + Buffer.from(`${DEFAULT_ZONEID_USERNAME}:${DEFAULT_ZONEID_API_KEY}`).toString("base64");

async function setup(options: ConstructorParameters<typeof ZoneidEmulator>[0] = {}) {
  const clock = createEmulatorClock();
  const zoneid = new ZoneidEmulator({ clock, ...options });
  const server = await startEmulatorServer([zoneid]);
  const url = server.urlFor("zoneid");
  const call = (path: string, init: RequestInit = {}) => fetch(url + path, { ...init, headers: { authorization: auth, "content-type": "application/json", ...init.headers } });
  return { clock, zoneid, server, url, call };
}

test("rate limit: X-Ratelimit-* on every answer, 429 with Retry-After past the limit, refilled by the clock", async () => {
  const { clock, zoneid, server, call } = await setup({ rateLimit: { limit: 3 } });
  try {
    zoneid.addZone("rl.example.com");
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) remaining.push((await call("/dns/rl.example.com")).headers.get("x-ratelimit-remaining")!);
    expect(remaining).toEqual(["2", "1", "0"]);
    const limited = await call("/dns/rl.example.com");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("x-status-message")).toBe("Too many requests");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    clock.advance(60_000);
    expect((await call("/dns/rl.example.com")).status).toBe(200);
  } finally {
    await server.close();
  }
});

test("answers: arrays everywhere, 201 for POST/PUT, 204 for DELETE, X-Status-Message, 401 without credentials", async () => {
  const { zoneid, server, call } = await setup();
  try {
    zoneid.addZone("a.example.com");
    const created = await call("/dns/a.example.com/a", { method: "POST", body: JSON.stringify({ name: "www.a.example.com", destination: "192.0.2.1" }) });
    expect(created.status).toBe(201);
    const [record] = (await created.json()) as { id: number }[];
    expect(record).toMatchObject({ name: "www.a.example.com", destination: "192.0.2.1", delete: true, modify: true });
    expect((await call(`/dns/a.example.com/a/${record.id}`)).status).toBe(200);
    const removed = await call(`/dns/a.example.com/a/${record.id}`, { method: "DELETE" });
    expect(removed.status).toBe(204);
    expect(removed.headers.get("x-status-message")).toBe("Record deleted");
    const [ns] = zoneid.records("a.example.com", "ns");
    const locked = await call(`/dns/a.example.com/ns/${ns.id}`, { method: "DELETE" });
    expect(locked.status).toBe(400);
    expect(locked.headers.get("x-status-message")).toBe("Record can not be deleted");
    const invalid = await call("/dns/a.example.com/mx", { method: "POST", body: JSON.stringify({ name: "a.example.com", destination: "mx.example.net" }) });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual([{ priority: ["Must be an integer 0-65535"] }]);
    expect((await fetch(`${server.urlFor("zoneid")}/dns/a.example.com`)).status).toBe(401);
  } finally {
    await server.close();
  }
});

test("paging: x-pager-* headers, followed by the client 100 at a time", async () => {
  const { zoneid, server, url, call } = await setup({ rateLimit: false });
  try {
    zoneid.addWebHosting("p.example.com");
    for (let i = 0; i < 250; i++) zoneid.hosting.create("p.example.com", "mail/account", { address: `u${i}@p.example.com`, password: "long-enough-1" });
    const first = await call("/vserver/p.example.com/mail/account");
    expect(first.headers.get("x-pager-enabled")).toBe("1");
    expect(first.headers.get("x-pager-limit")).toBe("10");
    expect(first.headers.get("x-pager-items")).toBe("250");
    const client = new ZoneidClient(
      vendorSettings("zoneid", (key) => ({ "zoneid:apiUrl": url, "zoneid:username": DEFAULT_ZONEID_USERNAME, "zoneid:apiKey": DEFAULT_ZONEID_API_KEY })[key]),
      { logger: memoryLogger() },
    );
    server.resetRequests();
    const accounts = await client.listServiceItems("vserver", "p.example.com", "mail/account", mailAccountWire);
    expect(accounts).toHaveLength(250);
    expect(new Set(accounts!.map((account) => account.address)).size).toBe(250);
    expect(server.requests).toHaveLength(3);
  } finally {
    await server.close();
  }
});

test("web hosting collections: paged lists, write-only fields never answered, 422 field errors, PUT only where the spec has one", async () => {
  const { zoneid, server, call } = await setup({ rateLimit: false });
  try {
    zoneid.addWebHosting("web.example.com");
    const post = (path: string, body: unknown) => call(`/vserver/web.example.com/${path}`, { method: "POST", body: JSON.stringify(body) });
    for (let i = 0; i < 12; i++) expect((await post("database/mysql", { name: `d1_db${i}` })).status).toBe(201);
    const first = await call("/vserver/web.example.com/database/mysql");
    expect(first.headers.get("x-pager-enabled")).toBe("1");
    expect(first.headers.get("x-pager-pages")).toBe("2");
    expect(await first.json()).toHaveLength(10);

    // "account" is a collection, not a database named account
    const account = await post("database/mysql/account", { username: "d1_app", password: "long-Password-1" });
    expect(account.status).toBe(201);
    const [created] = (await account.json()) as Record<string, unknown>[];
    expect(created).toMatchObject({ username: "d1_app", hosts: ["ws", "pma"] });
    expect(created.password).toBeUndefined();
    expect(zoneid.hosting.stored("web.example.com", "database/mysql/account", "d1_app")?.password).toBe("long-Password-1");

    const invalid = await post("mail/account", { address: "a@example.com", password: "short" });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual([{ password: ["Length: 10-64 characters"] }]);
    const duplicate = await post("database/mysql", { name: "d1_db0" });
    expect(duplicate.status).toBe(422);

    // The spec has no PUT for a database: the path exists, the method does not.
    expect((await call("/vserver/web.example.com/database/mysql/d1_db0", { method: "PUT", body: "{}" })).status).toBe(405);
    expect((await call("/vserver/web.example.com/database/mysql/d1_db0", { method: "DELETE" })).status).toBe(204);
    expect((await call("/vserver/web.example.com/database/mysql/d1_db0")).status).toBe(404);
    expect((await call("/vserver/nowhere.example.com/crontab")).status).toBe(404);

    const grant = await call("/vserver/web.example.com/database/mysql/account/d1_app/permission/d1_db1", { method: "PUT", body: JSON.stringify({ permissions: ["select"] }) });
    expect(await grant.json()).toMatchObject([{ username: "d1_app", database: "d1_db1", permissions: ["SELECT"] }]);
    const snapshot = zoneid.snapshot();
    zoneid.removeHostingItem("web.example.com", "database/mysql/account", "d1_app");
    zoneid.restore(snapshot);
    expect(zoneid.hosting.permission("web.example.com", "d1_app", "d1_db1").permissions).toEqual(["SELECT"]);
  } finally {
    await server.close();
  }
});

test("cloud servers: the order gains a container after two minutes on the clock, the VM boots, DELETE is process locked meanwhile", async () => {
  const { clock, zoneid, server, call } = await setup({ rateLimit: false });
  try {
    const invalid = await call("/order/cloud", { method: "POST", body: JSON.stringify({ datacenter: "mars", package: "vps-s", os: "debian-12", billing_period: 1, ssh_public_key: "ssh-ed25519 AAAA" }) });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual([{ datacenter: ["Invalid datacenter"] }]);

    const ordered = await call("/order/cloud", { method: "POST", body: JSON.stringify({ datacenter: "tll01", package: "vps-s", os: "debian-12", billing_period: 1, ssh_public_key: "ssh-ed25519 AAAA" }) });
    const [order] = (await ordered.json()) as Record<string, unknown>[];
    expect(order).toMatchObject({ status: "pending", container: null });
    clock.advance(119_000);
    expect((await (await call(`/order/cloud/${order.identificator}`)).json()) as unknown[]).toMatchObject([{ container: null }]);
    clock.advance(1_000);
    const [built] = (await (await call(`/order/cloud/${order.identificator}`)).json()) as Record<string, unknown>[];
    const host = built.container as string;
    expect(built.status).toBe("completed");
    expect((await (await call(`/cloud/${host}`)).json()) as unknown[]).toMatchObject([{ state: "starting", username: "debian", cpu: 1, ram: 2 * 1024 ** 3 }]);

    const locked = await call(`/cloud/${host}`, { method: "DELETE" });
    expect(locked.status).toBe(400);
    expect(locked.headers.get("x-status-message")).toBe("Process locked");
    clock.advance(30_000);
    expect((await (await call(`/cloud/${host}`)).json()) as unknown[]).toMatchObject([{ state: "running" }]);
    const shrink = await call(`/cloud/${host}/resize?disk=10`, { method: "PUT" });
    expect(shrink.status).toBe(422);
    expect((await call(`/cloud/${host}/resize?vcpu=2&ram=4`, { method: "PUT" })).status).toBe(201);
    expect((await call(`/cloud/${host}/action/shutdown`, { method: "POST" })).status).toBe(500);
    clock.advance(30_000);
    expect((await call(`/cloud/${host}/password/root`, { method: "PUT", body: JSON.stringify({ value: "long-enough" }) })).status).toBe(404);
    expect((await call(`/cloud/${host}/password/debian`, { method: "PUT", body: JSON.stringify({ value: "long-enough" }) })).status).toBe(201);
    expect(zoneid.cloud.stored(host)).toMatchObject({ cpu: 2, password: "long-enough" });
    expect((await call(`/cloud/${host}`, { method: "DELETE" })).status).toBe(204);
    expect((await call(`/cloud/${host}`)).status).toBe(404);
  } finally {
    await server.close();
  }
});

test("domains: paged list, PUT refuses read-only settings, preferences, nameserver (an array) and contact collections", async () => {
  const { zoneid, server, call } = await setup({ rateLimit: false });
  try {
    for (let i = 0; i < 12; i++) zoneid.domains.addDomain(`d${i}.ee`);
    const listed = await call("/domain");
    expect(listed.headers.get("x-pager-items")).toBe("12");
    expect(await listed.json()).toHaveLength(10);
    const readOnly = await call("/domain/d1.ee", { method: "PUT", body: JSON.stringify({ autorenew: true, expires: "2099-01-01", nameservers_custom: false }) });
    expect(readOnly.status).toBe(422);
    expect(await readOnly.json()).toEqual([{ autorenew: ["is read-only and cannot be set"], expires: ["is read-only and cannot be set"] }]);
    const put = await call("/domain/d1.ee", { method: "PUT", body: JSON.stringify({ signing_required: true, nameservers_custom: false }) });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject([{ signing_required: true, autorenew: false, expires: "2027-06-30T00:00:00+03:00" }]);
    expect((await call("/domain/d1.ee", { method: "PUT", body: JSON.stringify({ nameservers_custom: true }) })).status).toBe(422);
    expect((await call("/domain/d1.ee/preferences", { method: "PUT", body: JSON.stringify({ renewal_notifications: false }) })).status).toBe(200);
    expect(zoneid.domains.get("d1.ee").renewal_notifications).toBe(false);

    const object = await call("/domain/d1.ee/nameserver", { method: "POST", body: JSON.stringify({ hostname: "ns1.d1.ee", ip: ["192.0.2.1"] }) });
    expect(object.status).toBe(422);
    expect(await object.json()).toEqual([{ body: ["must be array"] }]);
    const ns = await call("/domain/d1.ee/nameserver", { method: "POST", body: JSON.stringify([{ hostname: "ns1.d1.ee", ip: ["192.0.2.1"] }, { hostname: "ns2.d1.ee", ip: ["192.0.2.2"] }]) });
    expect(ns.status).toBe(201);
    expect(await ns.json()).toMatchObject([
      { hostname: "ns1.d1.ee", ip: ["192.0.2.1"], resource_url: "/domain/d1.ee/nameserver/ns1.d1.ee" },
      { hostname: "ns2.d1.ee", ip: ["192.0.2.2"] },
    ]);
    const contact = await call("/domain/d1.ee/contact", { method: "POST", body: JSON.stringify({ role: "tech", name: "T", email: "bad" }) });
    expect(contact.status).toBe(422);
    expect((await call("/domain/none.ee/nameserver")).status).toBe(404);
  } finally {
    await server.close();
  }
});
