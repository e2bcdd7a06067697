import { DEFAULT_GIGAHOST_API_KEY, GigahostEmulator } from "../../emulator/gigahost";
import { providerStub } from "../../provider/dynamic";
import { DnsRecord } from "../../resources/gigahost";
import { CheckFailedError, ProgramResource, programResource, runProgram } from "../harness/engine";
import { secretValue } from "../harness/providerHost";
import { upKilledDuringCreate } from "../support/crash";
import { startFixture } from "../support/fixture";
import { fixtureForFile } from "../support/fileFixture";
import { GigahostFixture, startGigahost } from "../support/gigahostFixture";
import { lateProxy } from "../support/lateProxy";
import { expectRefusedByCheck } from "../support/checkRefusals";

const fixture = fixtureForFile(() => startGigahost());
let zoneId: string;
let zoneCounter = 0;
beforeEach(() => {
  zoneId = fixture.gigahost.addZone({ name: `zone${++zoneCounter}.example.no` }).zone_id;
});

const record = (name: string, args: Omit<ConstructorParameters<typeof DnsRecord>[1], "zoneId">) =>
  programResource(() => new DnsRecord(name, { zoneId, ...args }));
const live = () => fixture.gigahost.records(zoneId);

test("full lifecycle: create, no drift, update, out-of-band change, refresh, converge, out-of-band delete, destroy", async () => {
  const { engine } = fixture;
  const v1 = await record("www", { name: "www", type: "A", value: "192.0.2.10", ttl: 600 });

  // create: the API returns no id, the provider discovers it
  const created = await engine.up(v1);
  expect(created.operation).toBe("create");
  expect(live()).toHaveLength(1);
  expect(created.entry.id).toBe(live()[0].record_id);
  expect(created.entry.outputs).toMatchObject({ recordId: live()[0].record_id, name: "www", type: "A", value: "192.0.2.10", ttl: 600 });

  // refresh: nothing drifted, preview is clean
  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // update in place: the vendor's id is a content hash and changes; Pulumi's id does not
  const v2 = await record("www", { name: "www", type: "A", value: "192.0.2.20", ttl: 600 });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  const updated = await engine.up(v2);
  expect(updated.operation).toBe("update");
  expect(live()).toHaveLength(1);
  expect(live()[0].record_value).toBe("192.0.2.20");
  expect(updated.entry.id).toBe(created.entry.id);
  expect(updated.entry.outputs.recordId).toBe(live()[0].record_id);
  expect(updated.entry.outputs.recordId).not.toBe(created.entry.outputs.recordId);
  await engine.refresh(v2.urn);
  expect((await engine.preview(v2)).changes).toBe("none");

  // out-of-band TTL change: refresh reports it, preview shows drift, up converges
  fixture.gigahost.updateRecord(zoneId, live()[0].record_id, { ttl: 7200 });
  await fixture.newCommand();
  const refreshed = await engine.refresh(v2.urn);
  expect(refreshed?.outputs.ttl).toBe(7200);
  expect(refreshed?.inputs.ttl).toBe(7200);
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  await engine.up(v2);
  expect(Number(live()[0].record_ttl)).toBe(600);

  // out-of-band delete: refresh drops it from state, the next up creates it again
  fixture.gigahost.removeRecord(zoneId, live()[0].record_id);
  await fixture.newCommand();
  expect(await engine.refresh(v2.urn)).toBeUndefined();
  expect((await engine.up(v2)).operation).toBe("create");
  expect(live()).toHaveLength(1);

  // destroy, then a read of the old state reports it gone
  const last = engine.entry(v2.urn);
  await engine.destroy(v2.urn);
  expect(live()).toHaveLength(0);
  const read = await fixture.host.read(last.id, v2.urn, last.outputs, last.inputs);
  expect(read.id).toBe("");
  // deleting what is already gone succeeds
  await fixture.host.delete(last.id, v2.urn, last.outputs);
});

test("changing the name replaces the record (create the new one, then delete the old)", async () => {
  const { engine } = fixture;
  const first = await record("r", { name: "old", type: "TXT", value: "hello" });
  await engine.up(first);
  const renamed = await record("r", { name: "new", type: "TXT", value: "hello" });
  expect(await engine.preview(renamed)).toMatchObject({ changes: "some", replaces: ["name"] });
  expect((await engine.up(renamed)).operation).toBe("replace");
  expect(live().map((r) => r.record_name)).toEqual(["new"]);
});

test("three A records on one name: deleting one leaves the other two", async () => {
  const { engine } = fixture;
  const resources: ProgramResource[] = [];
  for (const [i, ip] of ["192.0.2.1", "192.0.2.2", "192.0.2.3"].entries()) {
    resources.push(await record(`rr${i}`, { name: "pool", type: "A", value: ip }));
  }
  for (const resource of resources) await engine.up(resource);
  expect(live()).toHaveLength(3);
  await engine.destroy(resources[1].urn);
  expect(live().map((r) => r.record_value).sort()).toEqual(["192.0.2.1", "192.0.2.3"]);
  for (const resource of [resources[0], resources[2]]) {
    expect((await engine.preview(resource)).changes).toBe("none");
    expect(await engine.refresh(resource.urn)).toBeDefined();
  }
});

test("MX records: the delete narrows with '<priority> <host>.' and keeps the other MX", async () => {
  const { engine } = fixture;
  const primary = await record("mx1", { type: "MX", value: "mx1.example.no.", priority: 10 });
  const backup = await record("mx2", { type: "MX", value: "mx2.example.no", priority: 20 });
  await engine.up(primary);
  await engine.up(backup);
  expect(engine.entry(primary.urn).outputs).toMatchObject({ name: "@", value: "mx1.example.no", priority: 10 });
  await engine.destroy(primary.urn);
  expect(live().map((r) => [r.record_value, Number(r.record_priority)])).toEqual([["mx2.example.no", 20]]);
  expect(fixture.server.requests.some((r) => r.method === "DELETE" && r.query.value === "10 mx1.example.no.")).toBe(true);
});

test("ten records created concurrently in one zone: none lost, no 500 surfaced", async () => {
  const { engine } = fixture;
  const resources = await runProgram(() =>
    Array.from({ length: 10 }, (_, i) => new DnsRecord(`c${i}`, { zoneId, name: `host${i}`, type: "A", value: `192.0.2.${i + 1}` })),
  );
  const results = await Promise.all(resources.map((resource) => engine.up(resource)));
  expect(results.every((result) => result.operation === "create")).toBe(true);
  expect(live()).toHaveLength(10);
  const ids = new Set(results.map((result) => result.entry.outputs.recordId));
  expect(ids.size).toBe(10);
  for (const result of results) {
    expect(live().some((r) => r.record_id === result.entry.outputs.recordId)).toBe(true);
  }
  const writes = fixture.server.requests.filter((r) => r.path.endsWith(`/dns/zones/${zoneId}/records`) && r.method === "POST");
  expect(writes.every((r) => r.status === 201)).toBe(true);
});

test("an existing identical record is refused unless adopt is set, and adopted when it is", async () => {
  const { engine } = fixture;
  fixture.gigahost.addRecord(zoneId, { name: "api", type: "CNAME", value: "lb.example.no", ttl: 300 });
  await fixture.newCommand();
  const plain = await record("api", { name: "api", type: "CNAME", value: "lb.example.no" });
  await expect(engine.up(plain)).rejects.toThrow(/already exists .*Set `adopt: true`/);
  const adopting = await record("api", { name: "api", type: "CNAME", value: "lb.example.no", adopt: true });
  const adopted = await engine.up(adopting);
  expect(adopted.operation).toBe("create");
  // adoption applies the program's TTL (3600 by default) to the existing record
  expect(live()).toHaveLength(1);
  expect(Number(live()[0].record_ttl)).toBe(3600);
  expect((await engine.preview(adopting)).changes).toBe("none");
});

test("bad input is caught at check with zero API calls", async () => {
  const { engine, server } = fixture;
  const cases: [Record<string, unknown>, string][] = [
    [{ type: "A", value: "999.1.1.1" }, "value"],
    [{ type: "AAAA", value: "192.0.2.1" }, "value"],
    [{ type: "MX", value: "mail.example.no" }, "priority"],
    [{ type: "A", value: "192.0.2.1", ttl: 1 }, "ttl"],
    [{ type: "A", value: "192.0.2.1", name: "www.example.no." }, "name"],
  ];
  await expectRefusedByCheck({ engine, server }, cases, (args) => record("bad", args as never));
});

test("credentials appear in no serialized provider, output or log line", async () => {
  const { engine, host } = fixture;
  const resource = await record("secretcheck", { name: "s", type: "TXT", value: "v=spf1 -all" });
  await engine.up(resource);
  await engine.refresh(resource.urn);
  const everything = JSON.stringify([resource.inputs, engine.entry(resource.urn)]) + host.stderr + host.stdout;
  expect(everything).not.toContain(DEFAULT_GIGAHOST_API_KEY);
  // The stub is a function of the kind alone: nothing of the settings or the inputs is in it.
  expect(resource.inputs.__provider).toBe(providerStub("gigahost:DnsRecord"));
  expect(Buffer.byteLength(String(resource.inputs.__provider))).toBeLessThanOrEqual(1536);
});

describe("with the documented delete (the whole name+type set goes)", () => {
  let quirky: GigahostFixture;
  beforeAll(async () => {
    quirky = await startGigahost({ quirks: { deleteIgnoresValue: true } });
  });
  afterAll(() => quirky.stop());

  test("siblings lost to the delete are recreated, with a warning", async () => {
    const zone = quirky.gigahost.addZone({ name: "quirk.example.no" }).zone_id;
    const resources = await runProgram(() =>
      ["192.0.2.1", "192.0.2.2", "192.0.2.3"].map((value, i) => new DnsRecord(`q${i}`, { zoneId: zone, name: "pool", type: "A", value })),
    );
    for (const resource of resources) await quirky.engine.up(resource);
    await quirky.engine.destroy(resources[0].urn);
    expect(quirky.gigahost.records(zone).map((r) => r.record_value).sort()).toEqual(["192.0.2.2", "192.0.2.3"]);
    expect(quirky.host.stderr).toContain("they were recreated");
    // the survivors' state still finds them (by content, their ids changed)
    for (const resource of resources.slice(1)) {
      expect(await quirky.engine.refresh(resource.urn)).toBeDefined();
      expect((await quirky.engine.preview(resource)).changes).toBe("none");
    }
  });
});

describe("credentials", () => {
  test("username and password: logs in, and renews an expired session mid-run", async () => {
    const login = await startGigahost({}, (url) => ({
      "gigahost:apiUrl": url,
      "gigahost:username": "demo@example.no",
      "gigahost:password": secretValue("emulator-password"),
    }));
    try {
      const zone = login.gigahost.addZone({ name: "login.example.no" }).zone_id;
      const first = await programResource(() => new DnsRecord("l1", { zoneId: zone, name: "a", type: "A", value: "192.0.2.1" }));
      await login.engine.up(first);
      login.gigahost.expireAllTokens();
      const second = await programResource(() => new DnsRecord("l2", { zoneId: zone, name: "b", type: "A", value: "192.0.2.2" }));
      await login.engine.up(second);
      expect(login.gigahost.records(zone)).toHaveLength(2);
      const logins = login.server.requests.filter((r) => r.path.endsWith("/authenticate"));
      expect(logins).toHaveLength(2);
      expect(login.host.stderr).not.toContain("emulator-password");
    } finally {
      await login.stop();
    }
  });

  test("missing credentials fail with one error naming the config keys and the variables", async () => {
    const none = await startGigahost({}, (url) => ({ "gigahost:apiUrl": url }));
    try {
      const resource = await programResource(() => new DnsRecord("n", { zoneId: "1", name: "a", type: "A", value: "192.0.2.1" }));
      const failure = await none.engine.up(resource).catch((error) => error);
      expect(String(failure.message)).toContain("gigahost:apiKey / GIGAHOST_API_KEY");
      expect(String(failure.message)).toContain("gigahost:username / GIGAHOST_USERNAME");
      expect(none.server.requests).toHaveLength(0);
    } finally {
      await none.stop();
    }
  });
});

test("two-factor login: the provider computes the code from gigahost:totpSecret", async () => {
  const totpSecret = "JBSWY3DPEHPK3PXP";
  const twoFactor = await startGigahost(
    { users: [{ username: "2fa@example.no", password: "two-factor-password", totpSecret }] },
    (url) => ({ "gigahost:apiUrl": url, "gigahost:username": "2fa@example.no", "gigahost:password": "two-factor-password", "gigahost:totpSecret": secretValue(totpSecret) }),
  );
  try {
    const zone = twoFactor.gigahost.addZone({ name: "totp.example.no" }).zone_id;
    await twoFactor.engine.up(await programResource(() => new DnsRecord("t", { zoneId: zone, name: "a", type: "A", value: "192.0.2.1" })));
    expect(twoFactor.gigahost.records(zone)).toHaveLength(1);
    expect(twoFactor.server.requests.filter((r) => r.path.endsWith("/authenticate")).map((r) => r.status)).toEqual([200]);
  } finally {
    await twoFactor.stop();
  }
});

test("a zone deleted out of band takes its records with it: refresh reports them gone, destroy succeeds", async () => {
  const { engine, gigahost } = fixture;
  const resource = await record("orphan", { name: "orphan", type: "A", value: "192.0.2.77" });
  await engine.up(resource);
  const saved = engine.entry(resource.urn);
  gigahost.removeZone(zoneId);
  await fixture.newCommand();
  expect(await engine.refresh(resource.urn)).toBeUndefined();
  // destroying from the old state (as `pulumi destroy` without a refresh would) also succeeds
  await fixture.host.delete(saved.id, resource.urn, saved.outputs);
});

test("two resources of one program on one record (the second adopting): the second fails naming the record; its TTL is untouched", async () => {
  const { engine } = fixture;
  const first = await record("mail-a", { name: "mail", type: "A", value: "192.0.2.25", ttl: 600 });
  await engine.up(first);
  const second = await record("mail-b", { name: "mail", type: "A", value: "192.0.2.25", ttl: 300, adopt: true });
  await expect(engine.up(second)).rejects.toThrow(/gigahost:DnsRecord mail A 192\.0\.2\.25 in zone \d+ is already managed by another resource of this program/);
  expect(live().map((r) => [r.record_name, Number(r.record_ttl)])).toEqual([["mail", 600]]);
  // destroying the first still deletes the record it holds, and nothing else held it
  await engine.destroy(first.urn);
  expect(live()).toEqual([]);
});

test("a `pulumi up` killed just after the record was created, then run again: no second record; the rerun names it and adopt takes it", async () => {
  const resource = await record("crashy", { name: "crashy", type: "TXT", value: "v=spf1 -all" });
  const failure = await upKilledDuringCreate(fixture, resource, (r) => r.method === "POST" && r.path.endsWith(`/dns/zones/${zoneId}/records`)).catch((error) => error);
  expect(String(failure.message)).toMatch(/crashy TXT v=spf1 -all already exists in zone \d+ \(record id [^)]+\)\. Set `adopt: true`.*interrupted/);
  expect(live()).toHaveLength(1);
  const adopted = await fixture.engine.up(await record("crashy", { name: "crashy", type: "TXT", value: "v=spf1 -all", adopt: true }));
  expect(adopted.entry.id).toBe(live()[0].record_id);
  expect(live()).toHaveLength(1);
});

test("a create that got no answer but was applied a moment later is not sent twice", async () => {
  const proxy = await lateProxy((request) => request.method === "POST" && /\/dns\/zones\/\d+\/records$/.test(request.path));
  const emulator = new GigahostEmulator({ zoneWriteMs: 10 });
  const late = await startFixture(
    [emulator],
    (server) => ({ "gigahost:apiUrl": proxy.urlFor(server.urlFor("gigahost")), "gigahost:apiKey": secretValue(DEFAULT_GIGAHOST_API_KEY) }),
    { env: { EURO_HOSTING_REQUEST_TIMEOUT: "2s", EURO_HOSTING_SETTLE_TIME: "1m" } },
  );
  try {
    const zone = emulator.addZone({ name: "late.example.no" }).zone_id;
    const resource = await programResource(() => new DnsRecord("late", { zoneId: zone, name: "late", type: "A", value: "192.0.2.99" }));
    const { entry } = await late.engine.up(resource);
    expect(proxy.lateRequests).toHaveLength(1);
    expect(late.server.requests.filter((r) => r.method === "POST" && r.path.endsWith(`/dns/zones/${zone}/records`))).toHaveLength(1);
    expect(emulator.records(zone).map((r) => r.record_id)).toEqual([entry.id]);
  } finally {
    await late.stop();
    await proxy.close();
  }
});

describe("values and names as Gigahost stores them", () => {
  test("a TXT value with a trailing newline (a key read from a file) is trimmed at check: created at once, no orphan, no diff", async () => {
    const { engine, host } = fixture;
    const dkim = await record("dkim", { name: "sel._domainkey", type: "TXT", value: "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEB\n" });
    // Gigahost strips the newline: without trimming at check the create waited for a record that
    // never appears, left it behind, and every later `up` failed with "already exists".
    expect((await host.check(dkim.urn, {}, dkim.inputs)).inputs.value).toBe("v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEB");
    const created = await engine.up(dkim);
    expect(created.operation).toBe("create");
    expect(live()).toMatchObject([{ record_name: "sel._domainkey", record_type: "TXT", record_value: "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEB" }]);
    expect(created.entry.outputs.value).toBe("v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEB");
    await engine.refresh(dkim.urn);
    expect((await engine.preview(dkim)).changes).toBe("none");
    expect((await engine.up(dkim)).operation).toBe("same");
    expect(live()).toHaveLength(1);
  });

  test("surrounding spaces are trimmed for every type; a value of only whitespace or ending in a non-ASCII space is refused at check", async () => {
    const { engine, server } = fixture;
    const caa = await record("caa", { type: "CAA", value: ' 0 issue "letsencrypt.org"\r\n' });
    await engine.up(caa);
    expect(live()).toMatchObject([{ record_type: "CAA", record_value: '0 issue "letsencrypt.org"' }]);
    expect((await engine.preview(caa)).changes).toBe("none");

    server.resetRequests();
    for (const value of ["\n", "hello\u00a0"]) {
      const failure = await engine.up(await record("blank", { type: "TXT", value })).catch((error) => error);
      expect(failure).toBeInstanceOf(CheckFailedError);
      expect(new Set((failure as CheckFailedError).failures.map((f) => f.property))).toEqual(new Set(["value"]));
    }
    expect(server.requests).toHaveLength(0);
  });

  test("a name given as the full name inside the zone is refused, naming the relative form; nothing is created", async () => {
    const { engine } = fixture;
    const zoneName = fixture.gigahost.zones().find((zone) => zone.zone_id === zoneId)!.zone_name;
    const fullName = `Www.${zoneName.replace(/^z/, "Z")}`;
    const doubled = await record("full", { name: fullName, type: "A", value: "192.0.2.10" });
    // Gigahost takes names relative to the zone: this became www.<zone>.<zone>.
    await expect(engine.up(doubled)).rejects.toThrow(`name "${fullName.toLowerCase()}" is the full name of www.${zoneName} in zone ${zoneName} (id ${zoneId}); write it relative to the zone: name: "www"`);
    await expect(engine.up(await record("apex", { name: zoneName, type: "A", value: "192.0.2.10" }))).rejects.toThrow('write it relative to the zone: name: "@"');
    expect(live()).toHaveLength(0);
    const relative = await record("full", { name: "www.dev", type: "A", value: "192.0.2.10" });
    expect((await engine.up(relative)).operation).toBe("create");
    expect(live()).toMatchObject([{ record_name: "www.dev" }]);
  });

  test("internationalized names and host names are stored in their xn-- form", async () => {
    const { engine } = fixture;
    const books = await record("idn", { name: "Bücher", type: "CNAME", value: "www.bücher.example." });
    const created = await engine.up(books);
    expect(created.entry.outputs).toMatchObject({ name: "xn--bcher-kva", value: "www.xn--bcher-kva.example" });
    expect(live()).toMatchObject([{ record_name: "xn--bcher-kva", record_type: "CNAME", record_value: "www.xn--bcher-kva.example" }]);
    await engine.refresh(books.urn);
    expect((await engine.preview(books)).changes).toBe("none");
  });
});
