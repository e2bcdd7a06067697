// The ZoneID emulator held to the vendor's OpenAPI document
// (emulator/zoneid/zoneid-openapi.json): requests are refused the way the
// document says, and every answer the emulator gives is replayed against the
// document's response schema for its operation and status.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createEmulatorClock, startEmulatorServer } from "../../emulator/core";
import { DEFAULT_ZONEID_API_KEY, DEFAULT_ZONEID_USERNAME, ZoneidEmulator } from "../../emulator/zoneid";
import { type SpecOperation, ZoneidSpec, zoneidSpec } from "../../emulator/zoneid/spec";

const auth = "Basic " + Buffer.from(`${DEFAULT_ZONEID_USERNAME}:${DEFAULT_ZONEID_API_KEY}`).toString("base64");

interface Answer {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

async function setup() {
  const clock = createEmulatorClock();
  const zoneid = new ZoneidEmulator({ clock, rateLimit: false });
  const server = await startEmulatorServer([zoneid]);
  const url = server.urlFor("zoneid");
  const answers: Answer[] = [];
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(url + path, {
      method,
      headers: { authorization: auth, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const answer = { method, path: path.split("?")[0], status: response.status, body: text ? JSON.parse(text) : undefined, message: response.headers.get("x-status-message") };
    answers.push(answer);
    return answer;
  };
  return { clock, zoneid, server, call, answers };
}

test("the spec copy is the vendor's document, unedited: 93 paths, 194 operations", () => {
  // sha256 of the vendor's published document (docs/vendor-documents.md, "ZoneID: API v2 (OpenAPI spec)"): the copy may not be loosened to let a request through.
  const copy = readFileSync(join(__dirname, "../../emulator/zoneid/zoneid-openapi.json"));
  expect(createHash("sha256").update(copy).digest("hex")).toBe("8ec9da0ae7805e1d4e75139c9f8fed30035a794794d444ef6b9d620c157acc71");
  const operations = zoneidSpec().list();
  expect(new Set(operations.map((operation) => operation.template)).size).toBe(93);
  expect(operations).toHaveLength(194);
});

test("requests are held to the spec: unknown path 404, wrong method 405, path parameter outside its enum 404, query and body refusals 422 naming the field", async () => {
  const { zoneid, server, call } = await setup();
  try {
    zoneid.addZone("s.example.com");
    zoneid.domains.addDomain("s.ee");
    expect((await call("GET", "/order/cloud/options/extra")).status).toBe(404);
    expect((await call("GET", "/dns/s.example.com/bogus")).status).toBe(404);
    expect((await call("PATCH", "/dns/s.example.com")).status).toBe(405);
    expect((await call("POST", "/cloud/vm.example/action/explode")).status).toBe(404);
    const resize = await call("PUT", "/cloud/vm.example/resize?ram=lots");
    expect(resize).toMatchObject({ status: 422, body: [{ ram: ["must be integer"] }] });

    // readOnly: the spec marks Domain.autorenew and dnssec read-only
    const readOnly = await call("PUT", "/domain/s.ee", { autorenew: true, dnssec: false });
    expect(readOnly).toMatchObject({ status: 422, body: [{ autorenew: ["is read-only and cannot be set"], dnssec: ["is read-only and cannot be set"] }] });
    // array-vs-object: POST /domain/{s}/nameserver takes an array of DomainNameserver
    expect(await call("POST", "/domain/s.ee/nameserver", { hostname: "ns1.s.ee", ip: ["192.0.2.1"] })).toMatchObject({ status: 422, body: [{ body: ["must be array"] }] });
    expect(await call("POST", "/domain/s.ee/nameserver", [{ hostname: "ns1.s.ee", ip: "192.0.2.1" }])).toMatchObject({ status: 422, body: [{ ip: ["must be array"] }] });
    // a field the resource does not have, a wrong type, a read-only id
    const record = await call("POST", "/dns/s.example.com/a", { name: "www.s.example.com", destination: "192.0.2.1", ttl: 300, id: 4 });
    expect(record).toMatchObject({ status: 422, body: [{ ttl: ["is not a field of this resource"], id: ["is read-only and cannot be set"] }] });
    expect(await call("POST", "/dns/s.example.com/mx", { name: "s.example.com", destination: "mx.s.example.com", priority: "10" })).toMatchObject({
      status: 422,
      body: [{ priority: ["must be integer"] }],
    });
    expect(await call("PUT", "/dns/s.example.com", { active: "yes" })).toMatchObject({ status: 422, body: [{ active: ["must be boolean"] }] });
    // nothing refused was applied
    expect(zoneid.records("s.example.com").filter((r) => r.name === "www.s.example.com")).toEqual([]);
    // a documented operation the emulator does not model is said so, not answered as success
    expect((await call("POST", "/vserver/s.example.com/turbo", { ttl: 60 })).status).toBe(501);
  } finally {
    await server.close();
  }
});

test("success statuses are the ones each operation's own entry lists: PUT 200, resize and cloud access 201", async () => {
  const spec = zoneidSpec();
  const status = (method: string, path: string) => {
    const match = spec.match(method, path);
    if (match.kind !== "operation") throw new Error(`${method} ${path}: ${match.kind}`);
    return match.operation.successStatuses;
  };
  expect(status("PUT", "/dns/z.ee")).toEqual([200]);
  expect(status("PUT", "/dns/z.ee/a/1")).toEqual([200]);
  expect(status("PUT", "/domain/z.ee")).toEqual([200]);
  expect(status("PUT", "/vserver/z.ee/mail/account/a@z.ee")).toEqual([200]);
  expect(status("PUT", "/cloud/vm/resize")).toEqual([201]);
  expect(status("PUT", "/cloud/vm/password/debian")).toEqual([201]);
  expect(status("OPTIONS", "/order/cloud")).toEqual([200]);
});

/**
 * Statuses the emulator gives for an operation whose entry does not list
 * them. Each is a known, deliberate departure; a new one fails the replay.
 */
const UNLISTED_STATUSES: Record<string, { statuses: number[]; why: string }> = {
  "POST /dns/{service_name}/txt": { statuses: [422], why: "validation errors (the intro's 422; the TXT entry alone omits it)" },
  "GET /domain/{service_name}/nameserver": { statuses: [404], why: "unknown domain (entry lists only 200)" },
  "GET /vserver/{service_name}/crontab": { statuses: [404], why: "unknown web hosting service (entry lists only 200)" },
  "GET /vserver/{service_name}/ssh/publickey": { statuses: [404], why: "unknown web hosting service (entry lists only 200)" },
  "GET /vserver/{service_name}/ssl": { statuses: [404], why: "unknown web hosting service (entry lists only 200)" },
  "GET /domain/{service_name}/contact": { statuses: [404], why: "unknown domain (entry lists only 200)" },
  "GET /dns/{service_name}": { statuses: [404], why: "unknown zone (entry lists only 200)" },
  "PUT /dns/{service_name}": { statuses: [404], why: "unknown zone (entry lists 200, 400, 422)" },
  "PUT /dns/{service_name}/url/{identificator}": { statuses: [402], why: "URL records need a package upgrade (the POST lists 402, the PUT does not)" },
  "POST /vserver/{service_name}/crontab": { statuses: [400, 409], why: "refuseNext: process locked / concurrent request (entry lists 201, 402, 422)" },
};

test("every answer the emulator gives matches the spec's response schema for its operation and status", async () => {
  const { clock, zoneid, server, call, answers } = await setup();
  const spec = zoneidSpec();
  try {
    // DNS: the zone and every record type
    zoneid.addZone("r.example.com", { ipv6: true });
    await call("GET", "/dns/r.example.com");
    await call("PUT", "/dns/r.example.com", { active: true, ipv6: true });
    const bodies: Record<string, Record<string, unknown>> = {
      a: { name: "a.r.example.com", destination: "192.0.2.1" },
      aaaa: { name: "a.r.example.com", destination: "2001:db8::1" },
      ns: { name: "sub.r.example.com", destination: "ns1.example.net" },
      mx: { name: "r.example.com", destination: "mx.example.net", priority: 10 },
      cname: { name: "c.r.example.com", destination: "a.r.example.com" },
      txt: { name: "r.example.com", destination: "v=spf1 -all" },
      caa: { name: "r.example.com", destination: "letsencrypt.org", flag: 0, tag: "issue" },
      sshfp: { name: "h.r.example.com", destination: "abcdef0123", algorithm: 4, type: 2 },
      srv: { name: "_sip._tcp.r.example.com", destination: "sip.example.net", priority: 1, weight: 5, port: 5060 },
      url: { name: "u.r.example.com", destination: "https://example.net/", type: 301 },
      tlsa: { name: "_443._tcp.r.example.com", destination: "abcdef0123", certificate_usage: 3, selector: 1, matching_type: 1 },
    };
    for (const [type, body] of Object.entries(bodies)) {
      const created = await call("POST", `/dns/r.example.com/${type}`, body);
      expect(created.status).toBe(201);
      const id = (created.body as { id: number }[])[0].id;
      await call("GET", `/dns/r.example.com/${type}`);
      await call("GET", `/dns/r.example.com/${type}/${id}`);
      await call("PUT", `/dns/r.example.com/${type}/${id}`, body);
      await call("DELETE", `/dns/r.example.com/${type}/${id}`);
      await call("GET", `/dns/r.example.com/${type}/${id}`);
    }
    await call("POST", "/dns/r.example.com/a", { name: "bad.r.example.com", destination: "not-an-ip" });
    await call("POST", "/dns/r.example.com/txt", { name: "elsewhere.example.org", destination: "x" });
    await call("GET", "/dns/none.example.com");
    await call("PUT", "/dns/none.example.com", { active: true });
    const url = await call("POST", "/dns/r.example.com/url", { name: "u2.r.example.com", destination: "https://example.net/", type: 301 });
    zoneid.setUrlRecordsNeedUpgrade(true);
    await call("POST", "/dns/r.example.com/url", { name: "u3.r.example.com", destination: "https://example.net/", type: 301 });
    await call("PUT", `/dns/r.example.com/url/${(url.body as { id: number }[])[0].id}`, { name: "u2.r.example.com", destination: "https://example.org/", type: 302 });
    zoneid.setUrlRecordsNeedUpgrade(false);
    const system = zoneid.records("r.example.com", "ns").find((record) => !record.modify);
    if (system) await call("DELETE", `/dns/r.example.com/ns/${system.id}`);

    // domains
    zoneid.domains.addDomain("r.ee");
    await call("GET", "/domain");
    await call("GET", "/domain/r.ee");
    await call("GET", "/domain/none.ee");
    await call("PUT", "/domain/r.ee", { renewal_notifications: false });
    await call("GET", "/domain/r.ee/preferences");
    await call("PUT", "/domain/r.ee/preferences", { renewal_notifications: true });
    expect((await call("POST", "/domain/r.ee/nameserver", [{ hostname: "ns1.r.ee", ip: ["192.0.2.53"] }])).status).toBe(201);
    await call("GET", "/domain/r.ee/nameserver");
    await call("GET", "/domain/r.ee/nameserver/ns1.r.ee");
    await call("PUT", "/domain/r.ee/nameserver/ns1.r.ee", { hostname: "ns1.r.ee", ip: ["192.0.2.54"] });
    await call("DELETE", "/domain/r.ee/nameserver/ns1.r.ee");
    await call("GET", "/domain/r.ee/nameserver/ns1.r.ee");
    await call("GET", "/domain/none.ee/nameserver");
    await call("GET", "/domain/none.ee/contact");
    const contactBody = { role: "tech", name: "Tech Person", email: "tech@r.ee", voice: "+372.5555555", country: "EE", city: "Tallinn", street: "Street 1", postalcode: "10111" };
    const contact = await call("POST", "/domain/r.ee/contact", contactBody);
    expect(contact.status).toBe(201);
    const contactId = (contact.body as { identificator: number }[])[0].identificator;
    await call("GET", "/domain/r.ee/contact");
    await call("GET", `/domain/r.ee/contact/${contactId}`);
    await call("PUT", `/domain/r.ee/contact/${contactId}`, { ...contactBody, city: "Tartu" });
    await call("POST", "/domain/r.ee/contact", { role: "tech", name: "T", email: "bad" });
    await call("DELETE", `/domain/r.ee/contact/${contactId}`);

    // web hosting collections
    zoneid.addWebHosting("w.example.com");
    const certificate = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
    const collections: { path: string; body: Record<string, unknown>; update?: Record<string, unknown>; id: (item: Record<string, unknown>) => unknown }[] = [
      { path: "mail/account", body: { address: "box@w.example.com", password: "long-Password-1" }, update: { comment: "c" }, id: (item) => item.address },
      { path: "mail/forwarder", body: { address: "fw@w.example.com", fwd_addresses: ["x@example.net"] }, update: { fwd_addresses: ["y@example.net"] }, id: (item) => item.address },
      { path: "database/mysql", body: { name: "d1_db" }, id: (item) => item.name },
      { path: "database/mysql/account", body: { username: "d1_user", password: "long-Password-1" }, update: { comment: "c" }, id: (item) => item.username },
      { path: "crontab", body: { name: "job", type: "http", command: "https://w.example.com/cron", schedule: "*/5 * * * *" }, update: { name: "job2" }, id: (item) => item.identificator },
      { path: "ssh/publickey", body: { public_key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA me@host" }, id: (item) => item.identificator },
      { path: "ssl", body: { name: "cert", certificate, private_key: "KEY" }, update: { name: "cert", certificate, private_key: "KEY", hosts: [] }, id: (item) => item.id },
      { path: "ftp/user", body: { username: "uploader", password: "long-Password-1" }, update: { directory: "/up" }, id: (item) => item.identificator },
    ];
    const made: Record<string, unknown> = {};
    for (const collection of collections) {
      const base = `/vserver/w.example.com/${collection.path}`;
      const created = await call("POST", base, collection.body);
      expect([collection.path, created.status, created.body]).toEqual([collection.path, 201, expect.anything()]);
      const id = encodeURIComponent(String(collection.id((created.body as Record<string, unknown>[])[0])));
      made[collection.path] = id;
      await call("GET", base);
      await call("GET", `${base}/${id}`);
      if (collection.update) await call("PUT", `${base}/${id}`, collection.update);
    }
    await call("POST", "/vserver/w.example.com/mail/account", { address: "short@w.example.com", password: "short" });
    await call("GET", "/vserver/none.example.com/crontab");
    await call("GET", "/vserver/none.example.com/ssh/publickey");
    await call("GET", "/vserver/none.example.com/ssl");
    zoneid.refuseNext("locked");
    await call("POST", "/vserver/w.example.com/crontab", { name: "job3", type: "http", command: "https://w.example.com/c", schedule: "* * * * *" });
    zoneid.refuseNext("409");
    await call("POST", "/vserver/w.example.com/crontab", { name: "job3", type: "http", command: "https://w.example.com/c", schedule: "* * * * *" });
    const permissions = `/vserver/w.example.com/database/mysql/account/${made["database/mysql/account"]}/permission`;
    await call("PUT", `${permissions}/${made["database/mysql"]}`, { permissions: ["SELECT"] });
    await call("GET", permissions);
    await call("GET", `${permissions}/${made["database/mysql"]}`);
    await call("DELETE", `${permissions}/${made["database/mysql"]}`);
    for (const collection of [...collections].reverse()) {
      const path = `/vserver/w.example.com/${collection.path}/${made[collection.path]}`;
      await call("DELETE", path);
      await call("GET", path);
    }

    // what a web hosting service runs: PM2, Redis, dedicated IPs, port forwards and their access lists
    const runs = "/vserver/w.example.com";
    const pm2 = await call("POST", `${runs}/process/pm2`, { name: "api", scriptname: "server.js", memory_limit: 128 });
    const pm2Id = (pm2.body as { id: number }[])[0].id;
    await call("GET", `${runs}/process/pm2`);
    await call("PUT", `${runs}/process/pm2/${pm2Id}`, { name: "api", scriptname: "main.js", memory_limit: 256 });
    await call("PUT", `${runs}/process/pm2/${pm2Id}`, { memory_limit: 999999 }); // 422: more than available
    await call("POST", `${runs}/process/pm2/${pm2Id}/start`);
    await call("POST", `${runs}/process/pm2/${pm2Id}/restart`);
    await call("DELETE", `${runs}/process/pm2/${pm2Id}`); // 400: the app is running
    await call("POST", `${runs}/process/pm2/${pm2Id}/stop`);
    await call("DELETE", `${runs}/process/pm2/${pm2Id}`);
    await call("GET", `${runs}/process/pm2/${pm2Id}`);
    const redis = await call("POST", `${runs}/database/redis`);
    const redisId = (redis.body as { id: number }[])[0].id;
    await call("POST", `${runs}/database/redis`); // 400: already active
    await call("GET", `${runs}/database/redis`);
    await call("GET", `${runs}/database/redis/${redisId}`);
    for (const action of ["stop", "start", "restart", "regenerateauth"]) await call("POST", `${runs}/database/redis/${redisId}/${action}`);
    await call("GET", `${runs}/database/redis/999999`);
    const dedicated = await call("POST", `${runs}/dedicatedip`);
    const ipv4 = (dedicated.body as { ipv4: string }[])[0].ipv4;
    await call("GET", `${runs}/dedicatedip`);
    await call("GET", `${runs}/dedicatedip/${ipv4}`);
    await call("POST", `${runs}/portforward`, { fport: 22, ip: { ipv4: "198.51.100.1" } }); // 422: not a dedicated IP of the service
    const forward = await call("POST", `${runs}/portforward`, { comment: "ssh", fport: 2222, ip: { ipv4 }, acl_enabled: true });
    const forwardId = (forward.body as { identificator: number }[])[0].identificator;
    await call("GET", `${runs}/portforward`);
    await call("GET", `${runs}/portforward/${forwardId}`);
    await call("POST", `${runs}/portforward/${forwardId}`, { comment: "ssh", fport: 2223, ip: { ipv4 }, acl_enabled: true });
    const acl = await call("POST", `${runs}/portforward/${forwardId}/acl`, { ip: "203.0.113.9" });
    await call("POST", `${runs}/portforward/${forwardId}/acl`, { ip: "not-an-ip" }); // 422
    await call("GET", `${runs}/portforward/${forwardId}`);
    await call("DELETE", `${runs}/portforward/${forwardId}/acl/${(acl.body as { id: number }[])[0].id}`);
    await call("DELETE", `${runs}/dedicatedip/${ipv4}`); // 400: in use by the port forward
    await call("DELETE", `${runs}/portforward/${forwardId}`);
    await call("DELETE", `${runs}/dedicatedip/${ipv4}`);
    await call("GET", `${runs}/dedicatedip/${ipv4}`);
    // web hosting singletons and allow-lists (DKIM, SSH settings and allow-list, FTP allow-list, mailbox autoreply, premium, app passwords)
    const w = "/vserver/w.example.com";
    await call("GET", `${w}/mail/dkim`); // 404 until activated
    await call("POST", `${w}/mail/dkim`);
    await call("POST", `${w}/mail/dkim`); // 400: already active
    await call("GET", `${w}/mail/dkim`);
    await call("DELETE", `${w}/mail/dkim`);
    await call("DELETE", `${w}/mail/dkim`); // 404
    await call("GET", `${w}/ssh`);
    await call("PUT", `${w}/ssh`, { access: "whitelist" });
    const sshEntry = await call("POST", `${w}/ssh/whitelist`, { ip: "217.128.0.0/24", comment: "office" });
    await call("POST", `${w}/ssh/whitelist`, { ip: "217.128.0.0/33" }); // 422
    const sshEntryId = (sshEntry.body as { identificator: number }[])[0].identificator;
    await call("GET", `${w}/ssh/whitelist`);
    await call("GET", `${w}/ssh/whitelist/${sshEntryId}`);
    await call("DELETE", `${w}/ssh/whitelist/${sshEntryId}`);
    await call("GET", `${w}/ssh/whitelist/${sshEntryId}`); // 404
    const ftpEntry = await call("POST", `${w}/ftp/ipwhitelist`, {});
    const ftpEntryId = (ftpEntry.body as { identificator: number }[])[0].identificator;
    await call("GET", `${w}/ftp/ipwhitelist`);
    await call("GET", `${w}/ftp/ipwhitelist/${ftpEntryId}`);
    await call("DELETE", `${w}/ftp/ipwhitelist/${ftpEntryId}`);
    await call("DELETE", `${w}/ftp/ipwhitelist/${ftpEntryId}`); // 404
    await call("POST", `${w}/mail/account`, { address: "boxes@w.example.com", password: "long-Password-1" });
    await call("POST", `${w}/mail/forwarder`, { address: "fws@w.example.com", fwd_addresses: ["x@example.net"] });
    for (const target of ["account/boxes@w.example.com", "forwarder/fws@w.example.com"]) {
      await call("PUT", `${w}/mail/${target}/autoreply`, { is_enabled: true, subject: "Away", datestart: "2026-07-01", dateend: "2026-07-14" });
      await call("PUT", `${w}/mail/${target}/autoreply`, { dateend: "2026-06-01" }); // 422
      await call("GET", `${w}/mail/${target}/autoreply`);
    }
    await call("GET", `${w}/mail/account/nobody@w.example.com/autoreply`); // 404
    await call("OPTIONS", `${w}/mail/account/boxes@w.example.com/premium`);
    await call("OPTIONS", `${w}/mail/account/@w.example.com/premium`);
    await call("PUT", `${w}/mail/account/boxes@w.example.com/premium`, { package: "mail-premium-10" });
    await call("PUT", `${w}/mail/account/boxes@w.example.com/premium`, { package: "gold" }); // 422
    await call("GET", `${w}/mail/account/boxes@w.example.com/premium`);
    const asp = zoneid.hostingSettings.addAppPassword("w.example.com", "boxes@w.example.com", "phone");
    await call("GET", `${w}/mail/account/boxes@w.example.com/asp`);
    await call("DELETE", `${w}/mail/account/boxes@w.example.com/asp/${asp.identificator}`);
    await call("DELETE", `${w}/mail/account/boxes@w.example.com/asp/${asp.identificator}`); // 404

    // cloud servers
    await call("OPTIONS", "/order/cloud");
    await call("POST", "/order/cloud", { datacenter: "mars", package: "vps-s", os: "debian-12", billing_period: 1, ssh_public_key: "ssh-ed25519 AAAA" });
    const ordered = await call("POST", "/order/cloud", { datacenter: "tll01", package: "vps-s", os: "debian-12", billing_period: 1, ssh_public_key: "ssh-ed25519 AAAA" });
    const orderId = (ordered.body as { identificator: number }[])[0].identificator;
    await call("GET", "/order/cloud");
    await call("GET", `/order/cloud/${orderId}`);
    await call("GET", "/order/cloud/999999");
    clock.advance(120_000);
    const host = String(((await call("GET", `/order/cloud/${orderId}`)).body as { container: string }[])[0].container);
    await call("GET", `/cloud/${host}`);
    await call("DELETE", `/cloud/${host}`); // process locked while it boots
    await call("POST", `/cloud/${host}/action/reboot`); // process locked
    clock.advance(30_000);
    await call("PUT", `/cloud/${host}/resize?disk=10`);
    await call("PUT", `/cloud/${host}/resize?vcpu=2&ram=4`);
    clock.advance(30_000);
    await call("POST", `/cloud/${host}/action/shutdown`);
    clock.advance(30_000);
    await call("POST", `/cloud/${host}/action/start`);
    clock.advance(30_000);
    await call("PUT", `/cloud/${host}/password/debian`, { value: "long-enough-password" });
    await call("PUT", `/cloud/${host}/ssh/debian`, { value: "ssh-ed25519 AAAAother" });
    await call("PUT", `/cloud/${host}/password/root`, { value: "long-enough-password" });
    await call("DELETE", `/cloud/${host}`);
    await call("GET", `/cloud/${host}`);

    // additional packages, option lists, server facts, turbos, ZoneCloud, domain orders
    const billing = "/vserver/w.example.com/billing/resources";
    await call("OPTIONS", billing);
    const added = await call("POST", `${billing}?package=disk_10gb`, { quantity: 2 });
    await call("POST", `${billing}?package=disk_10gb`, { quantity: 1 }); // 400 Package already exists
    const packageId = (added.body as { identificator: string }[])[0].identificator;
    await call("GET", billing);
    await call("GET", `${billing}/${packageId}`);
    await call("PUT", `${billing}/${packageId}`, { quantity: 3 });
    await call("DELETE", `${billing}/${packageId}`);
    // The operation's entry: a missing package is 400 "Not found".
    expect(await call("DELETE", `${billing}/${packageId}`)).toMatchObject({ status: 400, message: "Not found" });
    await call("GET", `${billing}/${packageId}`);
    await call("OPTIONS", "/vserver/w.example.com/crontab");
    await call("OPTIONS", "/vserver/w.example.com/ftp/user");
    await call("OPTIONS", "/vserver/w.example.com/database/mysql");
    await call("OPTIONS", "/vserver/w.example.com/database/mysql/account/d1_app/permission");
    zoneid.domains.addDomain("options.ee");
    await call("OPTIONS", "/domain/options.ee");
    await call("GET", "/vserver/w.example.com/serverinfo");
    const turbo = zoneid.extras.addTurbo("w.example.com", 30);
    await call("GET", `/vserver/w.example.com/turbo/${turbo.identificator}`);
    zoneid.extras.addZoneCloudAccount("w.example.com", "anna@example.com");
    await call("GET", "/vserver/w.example.com/zonecloud");
    await call("GET", "/vserver/w.example.com/zonecloud/anna@example.com");
    await call("OPTIONS", "/vserver/w.example.com/zonecloud/anna@example.com");
    const renewed = await call("POST", "/order/domain/renew", [{ domain: "options.ee", period: 1 }]);
    await call("POST", "/order/domain/renew", [{ domain: "options.ee", period: 1 }]); // 400: a renewal is pending
    await call("GET", "/order/domain/");
    const renewalId = (renewed.body as { identificator: string }[])[0].identificator;
    await call("GET", `/order/domain/${renewalId}`);
    await call("DELETE", `/order/domain/${renewalId}`);
    await call("DELETE", `/order/domain/${renewalId}`); // 404: cancelled
    // A renewal whose row fails: 201, the order's `errors` the number of failed rows, nothing renewed.
    zoneid.extras.failNextRenewalRows();
    const failed = await call("POST", "/order/domain/renew", [{ domain: "options.ee", period: 1 }]);
    expect(failed).toMatchObject({ status: 201, body: [{ identificator: expect.any(String), errors: "1" }] });
    expect(zoneid.domains.get("options.ee").renew_order).toBeUndefined();
  } finally {
    await server.close();
  }

  const problems: string[] = [];
  const unlisted = new Map<string, Set<number>>();
  const answered = new Set<string>();
  for (const answer of answers) {
    const match = spec.match(answer.method, answer.path.replace(/^\/zoneid\/v2/, ""));
    if (match.kind !== "operation") {
      problems.push(`${answer.method} ${answer.path} → ${answer.status}: no spec operation (${match.kind})`);
      continue;
    }
    const key = `${match.operation.method} ${match.operation.template}`;
    answered.add(key);
    if (!match.operation.statuses.includes(answer.status)) {
      if (answer.status >= 400) {
        unlisted.set(key, (unlisted.get(key) ?? new Set()).add(answer.status));
        continue;
      }
      problems.push(`${key} answered ${answer.status}; listed: ${match.operation.statuses.join(", ")}`);
      continue;
    }
    // The entries give 204 no schema: it has no body.
    if (answer.status === 204 && answer.body !== undefined) problems.push(`${key} → 204 with a body`);
    for (const error of spec.responseErrors(match.operation, answer.status, answer.body)) problems.push(`${key} → ${answer.status}: ${error} (body ${JSON.stringify(answer.body).slice(0, 200)})`);
  }
  expect(problems).toEqual([]);
  const expectedUnlisted = Object.fromEntries(Object.entries(UNLISTED_STATUSES).filter(([, entry]) => entry.statuses.length > 0).map(([key, entry]) => [key, entry.statuses]));
  expect(Object.fromEntries([...unlisted].map(([key, statuses]) => [key, [...statuses].sort()]))).toEqual(expectedUnlisted);

  // Every operation the emulator serves was driven at least once.
  expect(emulatedOperations(spec).filter((key) => !answered.has(key))).toEqual([]);
});

/** The spec operations the emulator has a route for (its catch-all routes for the rest excluded). */
function emulatedOperations(spec: ZoneidSpec): string[] {
  const routes = new ZoneidEmulator({ rateLimit: false }).routes().filter((route) => !route.pattern.startsWith("/:segment0"));
  const served = (operation: SpecOperation) => {
    const segments = operation.template.split("/").filter(Boolean);
    return routes.some((route) => {
      const pattern = route.pattern.split("/").filter(Boolean);
      return (
        route.method === operation.method &&
        pattern.length === segments.length &&
        pattern.every((part, i) => (part.startsWith(":") ? true : segments[i].startsWith("{") ? false : part === segments[i]))
      );
    });
  };
  return spec
    .list()
    .filter(served)
    .map((operation) => `${operation.method} ${operation.template}`);
}
