import { AdditionalPackage, AdditionalPackageArgs } from "../../resources/zoneid";
import { programResource } from "../harness/engine";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { upKilledDuringCreate } from "../support/crash";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { fixtureForFile } from "../support/fileFixture";
import { failAnswerAfterApplying } from "../support/lostAnswer";
import { startZoneid } from "../support/zoneidFixture";

const SERVICE = "billing.example.com";
const fixture = fixtureForFile(() => startZoneid({ timeScale: 60 }));
beforeAll(() => fixture.zoneid.addWebHosting(SERVICE));

const packages = () => fixture.zoneid.extras.listPackages(SERVICE);
const program = (name: string, args: Partial<AdditionalPackageArgs>) => programResource(() => new AdditionalPackage(name, { service: SERVICE, ...args } as AdditionalPackageArgs));
const POST_PACKAGE = (request: { method: string; path: string }) => request.method === "POST" && request.path.endsWith("/billing/resources");

test("check refuses bad inputs, naming the property, before any request", async () => {
  await expectRefusedByCheck(
    fixture,
    [
      [{ service: SERVICE, quantity: 1 }, "package"],
      [{ service: SERVICE, package: "disk 10gb" }, "package"],
      [{ service: SERVICE, package: "disk_10gb", quantity: 0 }, "quantity"],
      [{ service: SERVICE, package: "disk_10gb", quantity: 1.5 }, "quantity"],
      [{ service: SERVICE, package: "disk_10gb", quantity: "two" }, "quantity"],
      [{ service: "no dot", package: "disk_10gb" }, "service"],
      [{ service: SERVICE, package: "disk_10gb", price: 3 }, "price"],
    ] as [Record<string, unknown>, string][],
    (args) => programResource(() => new AdditionalPackage("bad", args as never)),
  );
});

test("full lifecycle: added once, quantity in place, drift refreshed, removed; read after delete reports it gone", async () => {
  const { engine, zoneid, server } = fixture;
  const v1 = await program("disk", { package: "disk_10gb", quantity: 2 });
  const created = await engine.up(v1);
  expect(created.operation).toBe("create");
  expect(created.entry.outputs).toMatchObject({ service: SERVICE, package: "disk_10gb", quantity: 2, name: "Additional disk space 10 GB", packageId: created.entry.id });
  expect(packages()).toEqual([expect.objectContaining({ identificator: created.entry.id, package: "disk_10gb", quantity: 2 })]);
  // The document marks `package` read-only (the emulator refuses it in a body): the uname goes in the query (a guess, docs/zoneid.md).
  expect(server.requests.filter(POST_PACKAGE).map((request) => request.query)).toEqual([{ package: "disk_10gb" }]);

  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // quantity: in place, same id
  server.resetRequests();
  const v2 = await program("disk", { package: "disk_10gb", quantity: 5 });
  const updated = await engine.up(v2);
  expect(updated.operation).toBe("update");
  expect(updated.entry.id).toBe(created.entry.id);
  expect(packages()).toEqual([expect.objectContaining({ identificator: created.entry.id, quantity: 5 })]);
  expect(server.requests.filter((request) => request.method === "PUT")).toHaveLength(1);

  // out-of-band change (the web UI): refresh shows it, up converges
  zoneid.extras.changePackage(SERVICE, created.entry.id, { quantity: 9 });
  await fixture.newCommand();
  expect((await engine.refresh(v2.urn))?.outputs).toMatchObject({ quantity: 9 });
  expect((await engine.preview(v2)).changes).toBe("some");
  await engine.up(v2);
  expect(packages()).toEqual([expect.objectContaining({ quantity: 5 })]);

  // another package replaces it, the old one removed first (a service has each package once)
  const v3 = await program("disk", { package: "php_workers", quantity: 1 });
  expect(await engine.preview(v3)).toMatchObject({ changes: "some", replaces: ["package"], deleteBeforeReplace: true });
  const replaced = await engine.up(v3);
  expect(packages()).toEqual([expect.objectContaining({ identificator: replaced.entry.id, package: "php_workers" })]);

  const last = engine.entry(v3.urn);
  await engine.destroy(v3.urn);
  expect(packages()).toEqual([]);
  await expectReadGoneAndDeleteSucceeds(fixture.host, last, v3.urn);
});

test("a delete whose answer is lost (applied, then 500): the retry's 400 \"Not found\" is checked by a read, and the destroy ends with the package deleted", async () => {
  const { engine, server } = fixture;
  const resource = await program("lost-delete", { package: "disk_10gb", quantity: 1 });
  const { entry } = await engine.up(resource);
  const DELETE_PACKAGE = (request: { method: string; path: string }) => request.method === "DELETE" && request.path.endsWith(`/billing/resources/${entry.id}`);
  const lost = failAnswerAfterApplying(server, DELETE_PACKAGE);
  server.resetRequests();
  await engine.destroy(resource.urn);
  expect(lost()).toBe(true);
  expect(packages().map((item) => item.identificator)).not.toContain(entry.id);
  expect(server.requests.filter(DELETE_PACKAGE).length).toBeGreaterThanOrEqual(2);
  expect(() => engine.entry(resource.urn)).toThrow("no state");
  // The next test's program is another command (claims last as long as one provider process).
  await fixture.newCommand();
});

test("a package the service already has is not added again: refused unless adopted, then its quantity is set", async () => {
  const { engine, zoneid } = fixture;
  const existing = zoneid.extras.addPackage(SERVICE, "mailbox_pack", { quantity: 1 });
  const resource = await program("mail", { package: "mailbox_pack", quantity: 3 });
  await expect(engine.up(resource)).rejects.toThrow(/additional package mailbox_pack of web hosting billing\.example\.com already exists .*adopt: true/);
  const adopted = await engine.up(await program("mail", { package: "mailbox_pack", quantity: 3, adopt: true }));
  expect(adopted.entry.id).toBe(String(existing.identificator));
  expect(packages()).toEqual([expect.objectContaining({ package: "mailbox_pack", quantity: 3 })]);
  await engine.destroy(resource.urn);
  expect(packages()).toEqual([]);
});

test("a `pulumi up` killed the moment ZoneID added the package, then run again: one package, in state with its id", async () => {
  const { zoneid, server } = fixture;
  server.resetRequests();
  const resource = await program("crashy", { package: "disk_10gb", quantity: 4 });
  const { entry } = await upKilledDuringCreate(fixture, resource, POST_PACKAGE);
  expect(packages()).toEqual([expect.objectContaining({ identificator: entry.id, package: "disk_10gb", quantity: 4 })]);
  expect(entry.outputs).toMatchObject({ package: "disk_10gb", quantity: 4, packageId: entry.id });
  // The second `up` found the package and ordered nothing.
  expect(server.requests.filter(POST_PACKAGE)).toHaveLength(1);
  await fixture.engine.destroy(resource.urn);
  expect(zoneid.extras.listPackages(SERVICE)).toEqual([]);
});
