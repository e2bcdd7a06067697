import { PortForward, PortForwardArgs } from "../../resources/zoneid";
import { CREATION_TAG_PATTERN, tagIn } from "../../provider/identity";
import { orderDedicatedIp } from "../../emulator/zoneid/runtime-state";
import { programResource } from "../harness/engine";
import { startZoneid } from "../support/zoneidFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { upKilledDuringCreate } from "../support/crash";
import { fixtureForFile } from "../support/fileFixture";

const SERVICE = "forward.example.com";
const COLLECTION = "portforward";

const fixture = fixtureForFile(() => startZoneid({ timeScale: 60 }));
let IP = "";
let IP2 = "";
beforeAll(() => {
  fixture.zoneid.addWebHosting(SERVICE);
  IP = String(orderDedicatedIp(fixture.zoneid.hosting, SERVICE).ipv4);
  IP2 = String(orderDedicatedIp(fixture.zoneid.hosting, SERVICE).ipv4);
});

const forwardOf = (args: Partial<PortForwardArgs>, name = "forward") => programResource(() => new PortForward(name, { service: SERVICE, dedicatedIp: IP, port: 2222, ...args } as PortForwardArgs));
const stored = (id: string) => fixture.zoneid.hostingItems(SERVICE, COLLECTION).find((item) => String(item.identificator) === id);
const aclIps = (id: string) => ((stored(id)?.acls as string[]) ?? []).map((entry) => entry.slice(entry.indexOf(":") + 1)).sort();

test("full lifecycle: create with an access list, no drift, in-place save and access list change, out-of-band change and delete, destroy", async () => {
  const { engine, zoneid } = fixture;
  const v1 = await forwardOf({ comment: "ssh", acl: ["203.0.113.9", "198.51.100.7"] });
  const created = await engine.up(v1);
  expect(created.operation).toBe("create");
  const id = created.entry.id;
  expect(created.entry.outputs).toMatchObject({ service: SERVICE, dedicatedIp: IP, port: 2222, destinationPort: 2222, comment: "ssh", acl: ["198.51.100.7", "203.0.113.9"], aclEnabled: true });
  expect(stored(id)).toMatchObject({ fport: 2222, acl_enabled: true, ip: { ipv4: IP } });
  expect(tagIn(String(stored(id)?.comment))).toMatch(CREATION_TAG_PATTERN);
  expect(aclIps(id)).toEqual(["198.51.100.7", "203.0.113.9"]);
  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // in place (saved with POST …/portforward/{id}): another IP and port, one address swapped in the access list
  const v2 = await forwardOf({ dedicatedIp: IP2, port: 8022, comment: "ssh", acl: ["203.0.113.9", "2001:db8::42"] });
  const updated = await engine.up(v2);
  expect(updated.operation).toBe("update");
  expect(updated.entry.id).toBe(id);
  expect(stored(id)).toMatchObject({ fport: 8022, ip: { ipv4: IP2 } });
  expect(aclIps(id)).toEqual(["2001:db8::42", "203.0.113.9"]);
  expect(fixture.server.requests.some((request) => request.method === "PUT")).toBe(false);

  // an empty access list opens the port: entries removed, acl_enabled false
  const v3 = await forwardOf({ dedicatedIp: IP2, port: 8022, comment: "ssh" });
  expect((await engine.up(v3)).entry.outputs).toMatchObject({ acl: [], aclEnabled: false });
  expect(aclIps(id)).toEqual([]);

  // out-of-band: an address added and the port changed in the ZoneID UI; refresh shows them, up converges
  zoneid.changeHostingItem(SERVICE, COLLECTION, id, { fport: 9000, acls: ["777:192.0.2.200"], acl_enabled: true });
  await fixture.newCommand();
  const refreshed = await engine.refresh(v3.urn);
  expect(refreshed?.outputs).toMatchObject({ port: 9000, acl: ["192.0.2.200"], aclEnabled: true });
  expect((await engine.preview(v3)).changes).toBe("some");
  await engine.up(v3);
  expect(stored(id)).toMatchObject({ fport: 8022, acl_enabled: false });
  expect(aclIps(id)).toEqual([]);
  await engine.refresh(v3.urn);
  expect((await engine.preview(v3)).changes).toBe("none");

  // out-of-band delete: refresh reports it gone, up creates it again
  zoneid.removeHostingItem(SERVICE, COLLECTION, id);
  await fixture.newCommand();
  expect(await engine.refresh(v3.urn)).toBeUndefined();
  expect((await engine.up(v3)).operation).toBe("create");

  const last = engine.entry(v3.urn);
  await engine.destroy(v3.urn);
  expect(zoneid.hostingItems(SERVICE, COLLECTION)).toEqual([]);
  await expectReadGoneAndDeleteSucceeds(fixture.host, last, v3.urn);
});

test("ZoneID's refusal of an address that is not a dedicated IP of the service names the dedicatedIp input", async () => {
  const failure = await fixture.engine.up(await forwardOf({ dedicatedIp: "198.51.100.1", port: 2200 }, "foreign")).catch((error) => error);
  expect(String(failure)).toMatch(/dedicatedIp/);
  expect(fixture.zoneid.hostingItems(SERVICE, COLLECTION)).toEqual([]);
});

test("a `pulumi up` killed the moment ZoneID made the forward: the next up finds it by the creation tag in its comment, sets its access list, and makes no second one", async () => {
  const { zoneid, engine } = fixture;
  const resource = await forwardOf({ port: 3306, acl: ["203.0.113.50"] }, "crashy");
  const { entry } = await upKilledDuringCreate(fixture, resource, (request) => request.method === "POST" && request.path.endsWith(`/${COLLECTION}`));
  const forwards = zoneid.hostingItems(SERVICE, COLLECTION).filter((item) => item.fport === 3306);
  expect(forwards.map((item) => String(item.identificator))).toEqual([entry.id]);
  expect(entry.outputs).toMatchObject({ acl: ["203.0.113.50"], aclEnabled: true });
  expect(aclIps(entry.id)).toEqual(["203.0.113.50"]);
  await engine.destroy(resource.urn);
  expect(zoneid.hostingItems(SERVICE, COLLECTION)).toEqual([]);
});

test("bad inputs are refused at check, each naming its property, with no API call", async () => {
  const cases: [Partial<PortForwardArgs> & Record<string, unknown>, string][] = [
    [{ dedicatedIp: "not-an-ip" }, "dedicatedIp"],
    [{ dedicatedIp: "2001:db8::1" }, "dedicatedIp"],
    [{ port: 0 }, "port"],
    [{ port: 70000 }, "port"],
    [{ port: 22.5 }, "port"],
    [{ acl: ["203.0.113.300"] }, "acl.0"],
    [{ acl: "203.0.113.3" as never }, "acl"],
    [{ comment: "x".repeat(256) }, "comment"],
    [{ service: "" }, "service"],
  ];
  await expectRefusedByCheck(fixture, cases, (args) => forwardOf(args, "bad"));
});
