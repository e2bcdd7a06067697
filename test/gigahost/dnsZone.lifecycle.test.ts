import { DnsZone } from "../../resources/gigahost";
import { programResource } from "../harness/engine";
import { upKilledDuringCreate } from "../support/crash";
import { GigahostFixture, startGigahost } from "../support/gigahostFixture";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startGigahost());

const zone = (resourceName: string, args: ConstructorParameters<typeof DnsZone>[1]) => programResource(() => new DnsZone(resourceName, args));

test("full lifecycle: create finds the id the API does not return, no drift, replace on type change, out-of-band delete, destroy", async () => {
  const { engine, gigahost } = fixture;
  const v1 = await zone("main", { name: "Lifecycle.example.NO" });
  const created = await engine.up(v1);
  const listed = gigahost.zoneByName("lifecycle.example.no");
  expect(listed).toBeDefined();
  expect(created.entry.id).toBe(listed!.zone_id);
  expect(created.entry.outputs).toMatchObject({
    zoneId: listed!.zone_id,
    name: "lifecycle.example.no",
    type: "NATIVE",
    protected: false,
    registered: false,
  });
  // the create answer had no zone id: it was found in the list (docs/gigahost-dns.md, "DNS quirks handled")
  expect(fixture.server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/dns/zones"))).toHaveLength(1);

  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // create-time-only inputs do not cause a diff
  const sameWithFlags = await zone("main", { name: "lifecycle.example.no", createDefaultRecords: true });
  expect((await engine.preview(sameWithFlags)).changes).toBe("none");

  // a type change replaces the zone, deleting the old one first (names are unique)
  const master = await zone("main", { name: "lifecycle.example.no", type: "MASTER" });
  expect(await engine.preview(master)).toEqual({ changes: "some", replaces: ["type"], deleteBeforeReplace: true });
  const replaced = await engine.up(master);
  expect(replaced.operation).toBe("replace");
  expect(replaced.entry.id).not.toBe(created.entry.id);
  expect(gigahost.zones().filter((z) => z.zone_name === "lifecycle.example.no").map((z) => z.zone_type)).toEqual(["MASTER"]);

  // deleted out of band: refresh drops it, up creates it again
  gigahost.removeZone(replaced.entry.id);
  await fixture.newCommand();
  expect(await engine.refresh(master.urn)).toBeUndefined();
  expect((await engine.up(master)).operation).toBe("create");

  const last = engine.entry(master.urn);
  await engine.destroy(master.urn);
  expect(gigahost.zoneByName("lifecycle.example.no")).toBeUndefined();
  await expectReadGoneAndDeleteSucceeds(fixture.host, last, master.urn);
});

test("createDefaultRecords and a BIND zone file shape the new zone", async () => {
  const { engine, gigahost } = fixture;
  await engine.up(await zone("defaults", { name: "defaults.example.no", createDefaultRecords: true }));
  const defaults = gigahost.zoneByName("defaults.example.no")!;
  expect(gigahost.records(defaults.zone_id).map((r) => r.record_type)).toEqual(["NS", "NS"]);

  const zoneFile = [
    "$ORIGIN imported.example.no.",
    "$TTL 3600",
    "@ IN SOA ns1.gigahost.no. hostmaster.imported.example.no. 1 7200 3600 1209600 3600",
    "@ IN A 192.0.2.1",
    "www 600 IN CNAME imported.example.no.",
    "@ IN MX 10 mail.imported.example.no.",
  ].join("\n");
  await engine.up(await zone("imported", { name: "imported.example.no", zoneFile }));
  const imported = gigahost.zoneByName("imported.example.no")!;
  const records = gigahost.records(imported.zone_id).map((r) => `${r.record_name} ${r.record_type}`).sort();
  expect(records).toEqual(["@ A", "@ MX", "www CNAME"]);
});

test("an existing zone with records is refused unless adopted; adoption insists on a matching type", async () => {
  const { engine, gigahost } = fixture;
  const existing = gigahost.addZone({ name: "existing.example.no", type: "NATIVE" });
  gigahost.addRecord(existing.zone_id, { name: "www", type: "A", value: "192.0.2.1", ttl: 3600 });
  await fixture.newCommand();
  await expect(engine.up(await zone("existing", { name: "existing.example.no" }))).rejects.toThrow(/already exists \(zone id \d+\)\. Set `adopt: true`/);
  await expect(engine.up(await zone("existing", { name: "existing.example.no", type: "SLAVE", adopt: true }))).rejects.toThrow(/exists with type NATIVE/);
  const adopted = await engine.up(await zone("existing", { name: "existing.example.no", adopt: true }));
  expect(adopted.entry.id).toBe(existing.zone_id);
});

test("a protected (registered) zone is not deleted, and the error says how to let go of it", async () => {
  const { engine, gigahost } = fixture;
  gigahost.addZone({ name: "registered.no", protected: true, registered: true });
  await fixture.newCommand();
  const resource = await zone("registered", { name: "registered.no", adopt: true });
  const adopted = await engine.up(resource);
  expect(adopted.entry.outputs).toMatchObject({ protected: true, registered: true });
  await expect(engine.destroy(resource.urn)).rejects.toThrow(/refuses to delete protected zones.*retainOnDelete: true/);
  expect(gigahost.zoneByName("registered.no")).toBeDefined();
});

test("bad zone input is caught at check with zero API calls", async () => {
  fixture.server.resetRequests();
  for (const args of [{ name: "no-dot" }, { name: "example.no", type: "PRIMARY" }, { name: "ex ample.no" }]) {
    await expect(fixture.engine.up(await zone("bad", args as never))).rejects.toThrow(/check failed: (name|type):/);
  }
  expect(fixture.server.requests).toHaveLength(0);
});

test.each([
  ["without records", "crash1.example.no", false, []],
  ["with the default records", "crash2.example.no", true, ["NS", "NS"]],
])("a `pulumi up` killed just after the zone was created (%s), then run again: one zone, in state with its id", async (_what, name, createDefaultRecords, types) => {
  const { gigahost } = fixture;
  const resource = await zone(`crash-${name}`, { name, createDefaultRecords });
  fixture.server.resetRequests();
  const { entry } = await upKilledDuringCreate(fixture, resource, (r) => r.method === "POST" && r.path.endsWith("/dns/zones"));
  expect(fixture.server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/dns/zones"))).toHaveLength(1);
  expect(entry.id).toBe(gigahost.zoneByName(name)!.zone_id);
  expect(gigahost.records(entry.id).map((r) => r.record_type)).toEqual(types);
  await fixture.engine.destroy(resource.urn);
  expect(gigahost.zoneByName(name)).toBeUndefined();
});

test("two resources of one program on one zone: the second fails naming it", async () => {
  const { engine } = fixture;
  const first = await zone("twice-1", { name: "twice.example.no" });
  await engine.up(first);
  await expect(engine.up(await zone("twice-2", { name: "twice.example.no", adopt: true }))).rejects.toThrow(
    "gigahost:DnsZone twice.example.no is already managed by another resource of this program",
  );
  await engine.destroy(first.urn);
});

describe("the documented create answer (`data.zone_id`, Gigahost's API documentation) instead of the live `data: []`", () => {
  let documented: GigahostFixture;
  beforeAll(async () => {
    documented = await startGigahost({ quirks: { zoneCreateAnswer: "documented" } });
  });
  afterAll(() => documented.stop());

  test("lifecycle: create (JSON and zone file) takes the answered id, no drift, replace, destroy", async () => {
    const { engine, gigahost } = documented;
    const v1 = await zone("documented", { name: "documented.example.no" });
    const created = await engine.up(v1);
    const listed = gigahost.zoneByName("documented.example.no")!;
    expect(created.entry.id).toBe(listed.zone_id);
    expect(created.entry.outputs).toMatchObject({ zoneId: listed.zone_id, name: "documented.example.no", type: "NATIVE" });
    await engine.refresh(v1.urn);
    expect((await engine.preview(v1)).changes).toBe("none");

    const master = await zone("documented", { name: "documented.example.no", type: "MASTER", zoneFile: "@ 3600 IN A 192.0.2.7\n" });
    const replaced = await engine.up(master);
    expect(replaced.operation).toBe("replace");
    const relisted = gigahost.zoneByName("documented.example.no")!;
    expect(replaced.entry.id).toBe(relisted.zone_id);
    expect(replaced.entry.id).not.toBe(created.entry.id);
    expect(gigahost.records(relisted.zone_id).map((r) => `${r.record_type} ${r.record_value}`)).toEqual(["A 192.0.2.7"]);

    await engine.destroy(master.urn);
    expect(gigahost.zoneByName("documented.example.no")).toBeUndefined();
  });
});
