import { EmulatorServer } from "../../emulator/core";
import { CREATION_TAG_PATTERN, tagIn } from "../../provider/identity";
import { CloudServer, Crontab, DnsRecord, MailAccount, SshAllowlistEntry } from "../../resources/zoneid";
import { programResource, runProgram } from "../harness/engine";
import { upKilledDuringCreate } from "../support/crash";
import { ZoneidFixture, startZoneid } from "../support/zoneidFixture";
import { fixtureForFile } from "../support/fileFixture";

/**
 * Exactly once, whatever happens: a provider process killed the moment the
 * vendor applied a create, two declarations of one record in one program,
 * and writes answered too late.
 */

const SERVICE = "once.example.com";
const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGk2YcFq1pYf0 me@laptop";
const POST = (suffix: string) => (request: { method: string; path: string }) => request.method === "POST" && request.path.endsWith(suffix);

// Orders take 2 minutes on the emulator clock: 1 s at 120x.
const fixture = fixtureForFile(() => startZoneid({ timeScale: 120 }));
beforeAll(() => {
  fixture.zoneid.addWebHosting(SERVICE);
});

describe("a `pulumi up` killed the moment the vendor applied the create, then run again: one object, in state with its id", () => {
  test("CloudServer (the order's key carries the creation tag)", async () => {
    const { zoneid } = fixture;
    const resource = await programResource(() => new CloudServer("crashy", { datacenter: "hel01", package: "vps-m", os: "debian-12", sshPublicKey: KEY, vcpu: 2, ramGb: 4, diskGb: 80 }));
    const mine = () => zoneid.cloud.listOrders().filter((order) => order.datacenter === "hel01" && order.package === "vps-m");
    const { entry } = await upKilledDuringCreate(fixture, resource, POST("/order/cloud"));
    expect(mine().map((order) => String(order.identificator))).toEqual([entry.id]);
    expect(entry.outputs).toMatchObject({ orderId: entry.id, state: "running", sshPublicKey: KEY });
    await fixture.engine.destroy(resource.urn);
    expect(zoneid.cloud.stored(String(entry.outputs.hostName))).toBeUndefined();
  });

  test("MailAccount (its comment carries the creation tag)", async () => {
    const { zoneid } = fixture;
    const resource = await programResource(() => new MailAccount("crashy", { service: SERVICE, address: "crash@example.com", password: "crash-Password-1", comment: "ops" }));
    const { entry } = await upKilledDuringCreate(fixture, resource, POST("/mail/account"));
    const items = zoneid.hostingItems(SERVICE, "mail/account").filter((item) => item.address === "crash@example.com");
    expect(items).toHaveLength(1);
    expect(entry.id).toBe("crash@example.com");
    expect(entry.outputs).toMatchObject({ comment: "ops" });
    expect(tagIn(String(items[0].comment))).toMatch(CREATION_TAG_PATTERN);
    await fixture.engine.destroy(resource.urn);
    expect(zoneid.hostingItems(SERVICE, "mail/account").filter((item) => item.address === "crash@example.com")).toEqual([]);
  });

  test("SshAllowlistEntry (its comment carries the creation tag)", async () => {
    const { zoneid } = fixture;
    const resource = await programResource(() => new SshAllowlistEntry("crashy", { service: SERVICE, ip: "198.51.100.0/24", comment: "ci" }));
    const entries = () => zoneid.hostingItems(SERVICE, "ssh/whitelist").filter((item) => item.ip === "198.51.100.0/24");
    const { entry } = await upKilledDuringCreate(fixture, resource, POST("/ssh/whitelist"));
    expect(entries().map((item) => String(item.identificator))).toEqual([entry.id]);
    expect(entry.outputs).toMatchObject({ ip: "198.51.100.0/24", comment: "ci" });
    expect(tagIn(String(entries()[0].comment))).toMatch(CREATION_TAG_PATTERN);
    await fixture.engine.destroy(resource.urn);
    expect(entries()).toEqual([]);
  });

  test("Crontab (no field for a tag: recognised by name and identical content)", async () => {
    const { zoneid } = fixture;
    const resource = await programResource(() => new Crontab("crashy", { service: SERVICE, name: "nightly", type: "http", command: "https://example.com/cron.php", schedule: "0 3 * * *" }));
    const { entry } = await upKilledDuringCreate(fixture, resource, POST("/crontab"));
    const jobs = zoneid.hostingItems(SERVICE, "crontab").filter((job) => job.name === "nightly");
    expect(jobs.map((job) => String(job.identificator))).toEqual([entry.id]);
    await fixture.engine.destroy(resource.urn);
    expect(zoneid.hostingItems(SERVICE, "crontab").filter((job) => job.name === "nightly")).toEqual([]);
  });

  test("a Crontab of the same name with other content is not taken for the half-made one", async () => {
    const { zoneid } = fixture;
    zoneid.hosting.create(SERVICE, "crontab", { name: "weekly", type: "http", command: "https://example.com/other.php", schedule: "0 4 * * 0" });
    const resource = await programResource(() => new Crontab("weekly", { service: SERVICE, name: "weekly", type: "http", command: "https://example.com/cron.php", schedule: "0 4 * * 0" }));
    await expect(fixture.engine.up(resource)).rejects.toThrow(/cron job weekly of web hosting once\.example\.com already exists .*adopt: true/);
    expect(zoneid.hostingItems(SERVICE, "crontab").filter((job) => job.name === "weekly")).toHaveLength(1);
  });

  test("DnsRecord (an identical record is the record)", async () => {
    const { zoneid } = fixture;
    const zone = zoneid.addZone("crash.example.com").identificator;
    const resource = await programResource(() => new DnsRecord("crashy", { zone, type: "txt", name: "k", destination: "v=1" }));
    const { entry } = await upKilledDuringCreate(fixture, resource, POST(`/dns/${zone}/txt`));
    expect(zoneid.records(zone, "txt").map((record) => String(record.id))).toEqual([entry.id]);
    await fixture.engine.destroy(resource.urn);
    expect(zoneid.records(zone, "txt")).toEqual([]);
  });
});

test("one record declared twice in one program (`dup` and `DUP.example-shop.ee`): one record, the second declaration fails naming it", async () => {
  const { zoneid, engine } = fixture;
  const zone = zoneid.addZone("example-shop.ee").identificator;
  const [a, b] = await runProgram(() => [
    new DnsRecord("dup-a", { zone, type: "a", name: "dup", destination: "192.0.2.7" }),
    new DnsRecord("dup-b", { zone, type: "a", name: "DUP.example-shop.ee", destination: "192.0.2.7" }),
  ]);
  const outcomes = await Promise.allSettled([engine.up(a), engine.up(b)]);
  expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
  const failures = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
  expect(failures).toHaveLength(1);
  expect(String(failures[0].reason)).toMatch(/zoneid:DnsRecord dup\.example-shop\.ee A 192\.0\.2\.7 is already managed by another resource of this program/);
  expect(zoneid.records(zone, "a").filter((record) => record.name === "dup.example-shop.ee")).toHaveLength(1);
});

/**
 * Holds the next request `match` selects for `holdMs` of real time before
 * the emulator handles it: the client's request timeout passes first, the
 * vendor applies the write after the client gave up.
 */
function answerLate(server: EmulatorServer, match: (request: { method: string; path: string }) => boolean, holdMs: number): void {
  const requests = server.requests;
  const push = requests.push;
  requests.push = function (...items) {
    if (items.some(match)) {
      requests.push = push;
      // The emulator reads its latency right after logging the request: only this one is held.
      server.setLatency(holdMs);
      setImmediate(() => server.setLatency(0));
    }
    return push.apply(this, items);
  };
}

describe("writes applied after the client gave up are not sent twice", () => {
  let late: ZoneidFixture;
  beforeAll(async () => {
    // A 1 s request timeout (real time) and a settle time of 20 minutes on the 120x clock (10 s real).
    late = await startZoneid({ timeScale: 120, env: { EURO_HOSTING_REQUEST_TIMEOUT: "1s", EURO_HOSTING_SETTLE_TIME: "20m" } });
  });
  afterAll(() => late.stop());

  test("a record POST", async () => {
    const zone = late.zoneid.addZone("late.example.com").identificator;
    const resource = await programResource(() => new DnsRecord("late", { zone, type: "txt", name: "l", destination: "late" }));
    answerLate(late.server, POST(`/dns/${zone}/txt`), 3000);
    const { entry } = await late.engine.up(resource);
    expect(late.zoneid.records(zone, "txt").map((record) => String(record.id))).toEqual([entry.id]);
    expect(late.server.requests.filter(POST(`/dns/${zone}/txt`))).toHaveLength(1);
  });

  test("a cloud order POST", async () => {
    const resource = await programResource(() => new CloudServer("late", { datacenter: "tll01", package: "vps-l", os: "ubuntu-24.04", sshPublicKey: KEY, vcpu: 4, ramGb: 8, diskGb: 160 }));
    answerLate(late.server, POST("/order/cloud"), 3000);
    const { entry } = await late.engine.up(resource);
    expect(late.zoneid.cloud.listOrders().map((order) => String(order.identificator))).toEqual([entry.id]);
    expect(late.server.requests.filter(POST("/order/cloud"))).toHaveLength(1);
  });
});
