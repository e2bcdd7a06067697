import { DEFAULT_ZONEID_API_KEY } from "../../emulator/zoneid";
import { providerStub } from "../../provider/dynamic";
import { DnsRecord } from "../../resources/zoneid";
import { CheckFailedError, programResource, runProgram } from "../harness/engine";
import { startZoneid } from "../support/zoneidFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startZoneid({ timeScale: 60 }));
let zone: string;
let zoneCounter = 0;
beforeEach(() => {
  zone = fixture.zoneid.addZone(`zone${++zoneCounter}.example.com`).identificator;
});

type Args = Omit<ConstructorParameters<typeof DnsRecord>[1], "zone">;
const record = (name: string, args: Args) => programResource(() => new DnsRecord(name, { zone, ...args }));
const live = (type: Parameters<typeof fixture.zoneid.records>[1]) => fixture.zoneid.records(zone, type).filter((r) => r.modify);

test("full lifecycle: create, no drift, update, out-of-band change, refresh, converge, out-of-band delete, destroy", async () => {
  const { engine } = fixture;
  const v1 = await record("mx", { type: "MX", name: `${zone}.`, destination: "mx1.example.net.", priority: 10 });
  const created = await engine.up(v1);
  expect(created.operation).toBe("create");
  expect(live("mx")).toHaveLength(1);
  expect(created.entry.id).toBe(String(live("mx")[0].id));
  expect(created.entry.outputs).toMatchObject({ zone, type: "mx", name: "@", fqdn: zone, destination: "mx1.example.net", priority: 10 });

  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // update in place: the id stays
  const v2 = await record("mx", { type: "mx", name: "@", destination: "mx2.example.net", priority: 20 });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  const updated = await engine.up(v2);
  expect(updated.operation).toBe("update");
  expect(live("mx")).toMatchObject([{ id: Number(created.entry.id), destination: "mx2.example.net", priority: 20 }]);
  await engine.refresh(v2.urn);
  expect((await engine.preview(v2)).changes).toBe("none");

  // out-of-band change: refresh reports exactly that drift, up converges
  fixture.zoneid.changeRecord(zone, "mx", created.entry.id, { priority: 50 });
  // A user's next command starts a new provider process (listings are kept for the whole command within one).
  await fixture.newCommand();
  const refreshed = await engine.refresh(v2.urn);
  expect(refreshed?.outputs.priority).toBe(50);
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  await engine.up(v2);
  expect(live("mx")[0].priority).toBe(20);

  // out-of-band delete: refresh reports it gone, up creates it again
  fixture.zoneid.removeRecord(zone, "mx", created.entry.id);
  await fixture.newCommand();
  expect(await engine.refresh(v2.urn)).toBeUndefined();
  expect((await engine.up(v2)).operation).toBe("create");
  expect(live("mx")).toHaveLength(1);

  const last = engine.entry(v2.urn);
  await engine.destroy(v2.urn);
  expect(live("mx")).toHaveLength(0);
  await expectReadGoneAndDeleteSucceeds(fixture.host, last, v2.urn);
});

test("a type change replaces the record, deleting the old one first", async () => {
  const { engine } = fixture;
  const first = await record("r", { type: "a", name: "go", destination: "192.0.2.1" });
  await engine.up(first);
  const second = await record("r", { type: "url", name: "go", destination: "https://www.example.com" });
  expect(await engine.preview(second)).toMatchObject({ changes: "some", replaces: ["type"], deleteBeforeReplace: true });
  // An URL record cannot share its name with an A record: create-before-delete would fail.
  expect((await engine.up(second)).operation).toBe("replace");
  expect(live("a")).toHaveLength(0);
  expect(live("url")).toMatchObject([{ name: `go.${zone}`, destination: "https://www.example.com", type: 301 }]);
});

test("every record type goes through create, refresh without drift and destroy", async () => {
  const { engine } = fixture;
  const all: Args[] = [
    { type: "a", name: "a", destination: "192.0.2.1" },
    { type: "aaaa", name: "a", destination: "2001:db8::1" },
    { type: "ns", name: "sub", destination: "ns.example.net" },
    { type: "mx", destination: "mail.example.net", priority: 5 },
    { type: "cname", name: "www", destination: "lb.example.net" },
    { type: "txt", name: "_dmarc", destination: "v=DMARC1; p=none" },
    { type: "caa", destination: "letsencrypt.org", tag: "issue" },
    { type: "sshfp", name: "host", destination: "abcdef", algorithm: 4, fingerprintType: 2 },
    { type: "srv", name: "_sip._tcp", destination: "sip.example.net", priority: 1, weight: 2, port: 5060 },
    { type: "url", name: "go", destination: "https://example.org", redirectType: 302 },
    { type: "tlsa", name: "_443._tcp", destination: "abcd", certificateUsage: 3, selector: 1, matchingType: 1 },
  ];
  const resources = await runProgram(() => all.map((args, i) => new DnsRecord(`t${i}`, { zone, ...args })));
  for (const resource of resources) {
    await engine.up(resource);
    await engine.refresh(resource.urn);
    expect((await engine.preview(resource)).changes).toBe("none");
  }
  expect(fixture.zoneid.records(zone).filter((r) => r.modify)).toHaveLength(11);
  for (const resource of resources) await engine.destroy(resource.urn);
  expect(fixture.zoneid.records(zone).filter((r) => r.modify)).toHaveLength(0);
});

test("system records (modify/delete false) are refused, even with adopt", async () => {
  const { engine } = fixture;
  const ns = await record("ns", { type: "ns", destination: "ns1.zone.eu", adopt: true });
  await expect(engine.up(ns)).rejects.toThrow(/system record .*modify: false/);
  expect(fixture.zoneid.records(zone, "ns")).toHaveLength(3);
});

test("an identical existing record is taken over, with or without adopt: records carry nothing but their content", async () => {
  const { engine } = fixture;
  fixture.zoneid.addRecord(zone, "txt", { name: `v.${zone}`, destination: "hello" });
  const taken = await engine.up(await record("v", { type: "txt", name: "v", destination: "hello" }));
  expect(taken.operation).toBe("create");
  expect(taken.entry.id).toBe(String(live("txt")[0].id));
  expect(live("txt")).toHaveLength(1);
  expect(fixture.server.requests.filter((r) => r.method === "POST" && r.path.includes(`/dns/${zone}/`))).toHaveLength(0);
});

test("422 and 402 answers become errors naming the reason and the fields", async () => {
  const { engine } = fixture;
  fixture.zoneid.addRecord(zone, "a", { name: `clash.${zone}`, destination: "192.0.2.9" });
  const clash = await record("clash", { type: "url", name: "clash", destination: "https://example.org" });
  await expect(engine.up(clash)).rejects.toThrow(/answered 422: Validation failed — name: Name cannot be same as A\/AAAA and CNAME records/);
  fixture.zoneid.setUrlRecordsNeedUpgrade(true);
  try {
    const paid = await record("paid", { type: "url", name: "paid", destination: "https://example.org" });
    await expect(engine.up(paid)).rejects.toThrow(/answered 402: Package upgrade required/);
  } finally {
    fixture.zoneid.setUrlRecordsNeedUpgrade(false);
  }
});

test("409 and 'process locked' refusals are retried, for creates too", async () => {
  const { engine } = fixture;
  fixture.zoneid.refuseNext("409");
  fixture.zoneid.refuseNext("locked");
  const created = await engine.up(await record("busy", { type: "a", name: "busy", destination: "192.0.2.7" }));
  expect(created.operation).toBe("create");
  expect(live("a")).toHaveLength(1);
  const posts = fixture.server.requests.filter((r) => r.method === "POST" && r.path.endsWith(`/dns/${zone}/a`)).map((r) => r.status);
  expect(posts).toEqual([409, 400, 201]);
});

test("bad input is caught at check with zero API calls, for every record type", async () => {
  const { engine, server } = fixture;
  const cases: [Args, string][] = [
    [{ type: "a", destination: "192.0.2.300" }, "destination"],
    [{ type: "aaaa", destination: "192.0.2.1" }, "destination"],
    [{ type: "ns", destination: "ns .example.net" }, "destination"],
    [{ type: "mx", destination: "mail.example.net" }, "priority"],
    [{ type: "cname", destination: "lb.example.net" }, "name"],
    [{ type: "txt", destination: "x", priority: 1 }, "priority"],
    [{ type: "caa", destination: "letsencrypt.org", tag: "nope" as never }, "tag"],
    [{ type: "sshfp", destination: "ab", algorithm: 9, fingerprintType: 1 }, "algorithm"],
    [{ type: "srv", destination: "sip.example.net", priority: 1, weight: 1, port: 70000 }, "port"],
    [{ type: "url", destination: "https://example.org", redirectType: 303 as never }, "redirectType"],
    [{ type: "tlsa", destination: "ab", certificateUsage: 0, selector: 5, matchingType: 0 }, "selector"],
    [{ type: "a", name: "x.elsewhere.org.", destination: "192.0.2.1" }, "name"],
  ];
  await expectRefusedByCheck({ engine, server }, cases, (args) => record("bad", args));
});

test("credentials appear in no serialized provider, output or log line", async () => {
  const { engine, host } = fixture;
  const resource = await record("secretcheck", { type: "txt", name: "s", destination: "v=spf1 -all" });
  await engine.up(resource);
  await engine.refresh(resource.urn);
  const everything = JSON.stringify([resource.inputs, engine.entry(resource.urn)]) + host.stderr + host.stdout;
  expect(everything).not.toContain(DEFAULT_ZONEID_API_KEY);
  // The stub is a function of the kind alone: nothing of the settings or the inputs is in it.
  expect(resource.inputs.__provider).toBe(providerStub("zoneid:DnsRecord"));
});

test("missing credentials fail with one error naming the config keys and the variables", async () => {
  const none = await startZoneid({}, (url) => ({ "zoneid:apiUrl": url, "zoneid:username": "someone" }));
  try {
    none.zoneid.addZone("creds.example.com");
    const resource = await programResource(() => new DnsRecord("n", { zone: "creds.example.com", type: "a", name: "a", destination: "192.0.2.1" }));
    const failure = await none.engine.up(resource).catch((error) => error);
    expect(String(failure.message)).toContain("zoneid:apiKey / ZONEID_API_KEY");
    expect(none.server.requests).toHaveLength(0);
  } finally {
    await none.stop();
  }
});

describe("values and names as ZoneID stores them", () => {
  test("a TXT value with a trailing newline (a key read from a file) is trimmed at check: no diff that never settles", async () => {
    const { engine, host } = fixture;
    const dkim = await record("dkim", { type: "TXT", name: "sel._domainkey", destination: "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEB\n" });
    expect((await host.check(dkim.urn, {}, dkim.inputs)).inputs.destination).toBe("v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEB");
    await engine.up(dkim);
    expect(live("txt")).toMatchObject([{ name: `sel._domainkey.${zone}`, destination: "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEB" }]);
    // ZoneID strips the newline: the refreshed value used to differ from the input forever.
    await engine.refresh(dkim.urn);
    expect((await engine.preview(dkim)).changes).toBe("none");
    expect((await engine.up(dkim)).operation).toBe("same");
    expect(live("txt")).toHaveLength(1);
  });

  test("a TXT value of only whitespace or ending in a non-ASCII space is refused at check, naming destination", async () => {
    const { engine, server } = fixture;
    server.resetRequests();
    for (const destination of [" \n", "\u2003hello"]) {
      const failure = await engine.up(await record("blank", { type: "txt", destination })).catch((error) => error);
      expect(failure).toBeInstanceOf(CheckFailedError);
      expect((failure as CheckFailedError).failures.map((f) => f.property)).toEqual(["destination"]);
    }
    expect(server.requests).toHaveLength(0);
  });

  test("a full name inside the zone, in any case, is made relative: never doubled", async () => {
    const { engine } = fixture;
    const www = await record("www", { type: "A", name: `Www.${zone.toUpperCase()}`, destination: "192.0.2.10" });
    const created = await engine.up(www);
    expect(created.entry.outputs).toMatchObject({ name: "www", fqdn: `www.${zone}` });
    expect(live("a")).toMatchObject([{ name: `www.${zone}` }]);
    expect((await engine.preview(www)).changes).toBe("none");
  });

  test("internationalized zone, record and host names are sent in their xn-- form", async () => {
    const { engine } = fixture;
    fixture.zoneid.addZone("xn--bcher-kva.example");
    const books = await programResource(
      () => new DnsRecord("idn", { zone: "Bücher.Example", type: "CNAME", name: "Café.Bücher.Example.", destination: "shop.bücher.example" }),
    );
    const created = await engine.up(books);
    expect(created.entry.outputs).toMatchObject({ zone: "xn--bcher-kva.example", name: "xn--caf-dma", fqdn: "xn--caf-dma.xn--bcher-kva.example", destination: "shop.xn--bcher-kva.example" });
    expect(fixture.zoneid.records("xn--bcher-kva.example", "cname").filter((r) => r.modify)).toMatchObject([
      { name: "xn--caf-dma.xn--bcher-kva.example", destination: "shop.xn--bcher-kva.example" },
    ]);
    await engine.refresh(books.urn);
    expect((await engine.preview(books)).changes).toBe("none");
  });
});

describe("a create's look for an identical record", () => {
  // Settle time 1 ms: every listing the command cached is older than it by the next create's look.
  const settled = fixtureForFile(() => startZoneid({ timeScale: 60, env: { EURO_HOSTING_SETTLE_TIME: "1ms" } }));

  test("does not trust a listing older than the settle time: a record that appeared since (a late write of a killed run) is taken, not created twice", async () => {
    const { engine, zoneid, server } = settled;
    const lateZone = zoneid.addZone("late.example.com").identificator;
    const inZone = (name: string, destination: string) => programResource(() => new DnsRecord(name, { zone: lateZone, type: "txt", name, destination }));
    // The first create lists the zone's TXT records; the command keeps that listing.
    await engine.up(await inZone("first", "one"));
    // A killed run's POST, applied late: the record appears after the listing was fetched.
    zoneid.addRecord(lateZone, "txt", { name: `second.${lateZone}`, destination: "two" });
    server.resetRequests();
    const second = await engine.up(await inZone("second", "two"));
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(0);
    const records = zoneid.records(lateZone, "txt").filter((r) => r.modify && r.destination === "two");
    expect(records.map((r) => String(r.id))).toEqual([second.entry.id]);
  });
});
