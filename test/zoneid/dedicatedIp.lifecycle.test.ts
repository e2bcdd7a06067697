import { DedicatedIp, DedicatedIpArgs } from "../../resources/zoneid";
import { orderDedicatedIp } from "../../emulator/zoneid/runtime-state";
import { programResource, runProgram } from "../harness/engine";
import { startZoneid } from "../support/zoneidFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { upKilledDuringCreate } from "../support/crash";
import { failAnswerAfterApplying } from "../support/lostAnswer";
import { fixtureForFile } from "../support/fileFixture";

const SERVICE = "ip.example.com";
const OTHER = "ip-other.example.com";
const TWICE = "ip-twice.example.com";
const COLLECTION = "dedicatedip";

const fixture = fixtureForFile(() => startZoneid({ timeScale: 60 }));
beforeAll(() => {
  fixture.zoneid.addWebHosting(SERVICE);
  fixture.zoneid.addWebHosting(OTHER);
  fixture.zoneid.addWebHosting(TWICE);
});

const ipOf = (args: Partial<DedicatedIpArgs> & Record<string, unknown>, name = "ip") => programResource(() => new DedicatedIp(name, { service: SERVICE, ...args } as DedicatedIpArgs));
const ips = (service = SERVICE) => fixture.zoneid.hostingItems(service, COLLECTION);
const orders = () => fixture.server.requests.filter((request) => request.method === "POST" && request.path.endsWith(`/${COLLECTION}`)).length;

test("full lifecycle: order, no drift, out-of-band use shows on refresh, replace on another service, out-of-band delete, destroy refused while in use", async () => {
  const { engine, zoneid } = fixture;
  fixture.server.resetRequests();
  const v1 = await ipOf({});
  const created = await engine.up(v1);
  expect(created.operation).toBe("create");
  const ipv4 = created.entry.id;
  expect(created.entry.outputs).toMatchObject({ service: SERVICE, ipv4, ipv6: expect.stringContaining(":"), vhosts: [] });
  expect(ips().map((ip) => ip.ipv4)).toEqual([ipv4]);
  expect(orders()).toBe(1);
  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");
  // adopt never causes a diff
  expect((await engine.preview(await ipOf({ adopt: true }))).changes).toBe("none");

  // out-of-band: a virtual host now uses the address; refresh shows it, and destroy is refused while it does
  zoneid.changeHostingItem(SERVICE, COLLECTION, ipv4, { vhosts: ["www.ip.example.com"] });
  await fixture.newCommand();
  expect((await engine.refresh(v1.urn))?.outputs).toMatchObject({ vhosts: ["www.ip.example.com"] });
  await expect(engine.destroy(v1.urn)).rejects.toThrow(/refuses to delete dedicated IP .* while it is in use/);
  expect(ips()).toHaveLength(1);
  zoneid.changeHostingItem(SERVICE, COLLECTION, ipv4, { vhosts: [] });
  await fixture.newCommand();
  await engine.refresh(v1.urn);

  // another service: a new address is ordered there, the old one deleted
  const v2 = await ipOf({ service: OTHER });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: ["service"] });
  const replaced = await engine.up(v2);
  expect(replaced.operation).toBe("replace");
  expect(ips()).toEqual([]);
  expect(ips(OTHER).map((ip) => ip.ipv4)).toEqual([replaced.entry.id]);

  // out-of-band delete: refresh reports it gone, up orders again
  zoneid.removeHostingItem(OTHER, COLLECTION, replaced.entry.id);
  await fixture.newCommand();
  expect(await engine.refresh(v2.urn)).toBeUndefined();
  expect((await engine.up(v2)).operation).toBe("create");

  const last = engine.entry(v2.urn);
  await engine.destroy(v2.urn);
  expect(ips(OTHER)).toEqual([]);
  await expectReadGoneAndDeleteSucceeds(fixture.host, last, v2.urn);
});

test("a `pulumi up` killed the moment ZoneID made the order: the next up takes that address and orders no second one", async () => {
  const { engine } = fixture;
  fixture.server.resetRequests();
  const resource = await ipOf({}, "crashy");
  const { entry } = await upKilledDuringCreate(fixture, resource, (request) => request.method === "POST" && request.path.endsWith(`/${COLLECTION}`));
  expect(orders()).toBe(1);
  expect(ips().map((ip) => ip.ipv4)).toEqual([entry.id]);
  await engine.destroy(resource.urn);
  expect(ips()).toEqual([]);
});

test("an order ZoneID applied but answered 500: the new address is found, not ordered again", async () => {
  const { engine } = fixture;
  fixture.server.resetRequests();
  const resource = await ipOf({}, "unanswered");
  const failed = failAnswerAfterApplying(fixture.server, (request) => request.method === "POST" && request.path.endsWith(`/${COLLECTION}`));
  const { entry } = await engine.up(resource);
  expect(failed()).toBe(true);
  expect(orders()).toBe(1);
  expect(ips().map((ip) => ip.ipv4)).toEqual([entry.id]);
  await engine.destroy(resource.urn);
  expect(ips()).toEqual([]);
});

test("two addresses on one service in one run: two orders, two addresses, the first's not taken by the second", async () => {
  const { engine } = fixture;
  await fixture.newCommand();
  fixture.server.resetRequests();
  const [first, second] = await runProgram(() => [new DedicatedIp("web", { service: TWICE }), new DedicatedIp("mail", { service: TWICE })]);
  // Started together: the creates for one service run one at a time, and the second must see the first's address as held.
  const made = await Promise.all([engine.up(first), engine.up(second)]);
  expect(made.map((step) => step.operation)).toEqual(["create", "create"]);
  expect(orders()).toBe(2);
  const ids = made.map((step) => step.entry.id);
  expect(new Set(ids).size).toBe(2);
  expect(ips(TWICE).map((ip) => ip.ipv4).sort()).toEqual([...ids].sort());
  await engine.destroy(second.urn);
  await engine.destroy(first.urn);
  expect(ips(TWICE)).toEqual([]);
});

test("an address no resource holds that is in use is not taken, and nothing is ordered, unless adopt is set", async () => {
  const { engine, zoneid } = fixture;
  const theirs = String(orderDedicatedIp(zoneid.hosting, SERVICE).ipv4);
  zoneid.changeHostingItem(SERVICE, COLLECTION, theirs, { vhosts: ["shop.ip.example.com"] });
  fixture.server.resetRequests();
  await expect(engine.up(await ipOf({}, "careful"))).rejects.toThrow(new RegExp(`${theirs.replace(/\./g, "\\.")} that no resource of this stack holds.*Nothing was ordered.*adopt: true`));
  expect(orders()).toBe(0);
  const adopting = await ipOf({ adopt: true }, "careful");
  const adopted = await engine.up(adopting);
  expect(adopted.entry.id).toBe(theirs);
  expect(orders()).toBe(0);
  zoneid.changeHostingItem(SERVICE, COLLECTION, theirs, { vhosts: [] });
  await fixture.newCommand();
  await engine.destroy(adopting.urn);
  expect(ips()).toEqual([]);
});

test("bad inputs are refused at check, each naming its property, with no API call", async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ service: "" }, "service"],
    [{ service: "not a host" }, "service"],
    [{ service: 42 }, "service"],
    [{ service: "-bad-.example.com" }, "service"],
    [{ adopt: "yes" }, "adopt"],
    [{ ipv4: "192.0.2.1" }, ""],
  ];
  await expectRefusedByCheck(fixture, cases, (args) => ipOf(args, "bad"));
});
