import { DEFAULT_GANDI_TOKEN } from "../../emulator/gandi";
import { SimpleHostingInstance, SimpleHostingVhost } from "../../resources/gandi";
import { CheckFailedError, programResource } from "../harness/engine";
import { ProviderCallError } from "../harness/providerHost";
import { startGandi } from "../support/gandiFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startGandi());

type Args = ConstructorParameters<typeof SimpleHostingInstance>[1];
const PASSWORD = "first-sftp-Passw0rd";
const base: Args = { name: "web-1", location: "FR", size: "starter", database: "mysql", language: "php", languageVersion: "8.1", password: PASSWORD };
const instance = (args: Partial<Args> = {}, name = "web") => programResource(() => new SimpleHostingInstance(name, { ...base, ...args } as Args));

test("full lifecycle: dry run, create, no drift, in-place resize and upgrade, drift, converge, out-of-band delete, destroy", async () => {
  const { engine, gandi, server } = fixture;
  const v1 = await instance();

  // create: a dry run first, then the order; the id comes from Content-Location; waits until active
  const created = await engine.up(v1);
  expect(created.operation).toBe("create");
  expect(gandi.createAttempts.map((attempt) => [attempt.dryRun, attempt.status])).toEqual([
    [true, 200],
    [false, 202],
  ]);
  const id = created.entry.id;
  expect(gandi.instanceStatus(id)).toBe("active");
  expect(created.entry.outputs).toMatchObject({
    instanceId: id,
    name: "web-1",
    status: "active",
    size: "starter",
    location: "FR",
    datacenter: { code: "FR-SD5", region: "FR" },
    currentLanguageVersion: "8.1",
    currentDatabaseVersion: "8.0",
    storageAdditionalSize: 0,
    upgradeTo: expect.arrayContaining([expect.objectContaining({ type: "language", version: "8.2" })]),
    sftpUser: expect.any(String),
  });
  expect(created.entry.outputs.passwordUpdatedAt).not.toBeNull();
  // the waits went through waiting_bill and being_created
  expect(fixture.host.stderr).toMatch(/waiting for Gandi instance web-1 to be active: status (waiting_bill|being_created)/);

  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // in place: storage, snapshots, name and a language upgrade in one PATCH, no replacement
  const v2 = await instance({ name: "web-1-renamed", storageAdditionalSize: 10, snapshotEnabled: true, languageVersion: "8.2" });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  const updated = await engine.up(v2);
  expect(updated.operation).toBe("update");
  expect(updated.entry.id).toBe(id);
  expect(gandi.instance(id)).toMatchObject({ name: "web-1-renamed", size: "starter", storageAdditional: 10, snapshotEnabled: true, language: { version: "8.2" } });
  expect(updated.entry.outputs).toMatchObject({ size: "starter", storageAdditionalSize: 10, storageTotalGb: 30, languageVersion: "8.2" });
  expect(server.requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
  await engine.refresh(v2.urn);
  expect((await engine.preview(v2)).changes).toBe("none");

  // a storage decrease is refused at check, before any request
  server.resetRequests();
  const shrink = await instance({ name: "web-1-renamed", storageAdditionalSize: 5, snapshotEnabled: true, languageVersion: "8.2" });
  const refused = await engine.up(shrink).catch((error) => error);
  expect(refused).toBeInstanceOf(CheckFailedError);
  expect((refused as CheckFailedError).failures).toEqual([expect.objectContaining({ property: "storageAdditionalSize", reason: expect.stringContaining("can only grow") })]);
  expect(server.requests).toHaveLength(0);

  // out-of-band changes in the admin console: refresh reports exactly them, up converges
  gandi.modifyInstance(id, { snapshotEnabled: false, name: "renamed-in-console" });
  const refreshed = await engine.refresh(v2.urn);
  expect(refreshed?.inputs).toMatchObject({ snapshotEnabled: false, size: "starter", storageAdditionalSize: 10, name: "renamed-in-console" });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  await engine.up(v2);
  expect(gandi.instance(id)).toMatchObject({ snapshotEnabled: true, name: "web-1-renamed" });
  expect((await engine.preview(v2)).changes).toBe("none");

  // out-of-band delete: refresh drops it, the next up orders it again
  gandi.removeInstance(id);
  expect(await engine.refresh(v2.urn)).toBeUndefined();
  const recreated = await engine.up(v2);
  expect(recreated.operation).toBe("create");
  expect(recreated.entry.id).not.toBe(id);

  // a location change replaces (the old one is deleted first: the name identifies it)
  const moved = await instance({ name: "web-1-renamed", storageAdditionalSize: 10, snapshotEnabled: true, languageVersion: "8.2", location: "LU" });
  expect(await engine.preview(moved)).toMatchObject({ changes: "some", replaces: ["location"], deleteBeforeReplace: true });
  const replaced = await engine.up(moved);
  expect(replaced.operation).toBe("replace");
  expect(gandi.instance(recreated.entry.id)).toBeUndefined();
  expect(gandi.instance(replaced.entry.id)?.region).toBe("LU");

  // destroy waits until the instance is gone; reading the old state says gone; deleting again succeeds
  const last = engine.entry(moved.urn);
  await engine.destroy(moved.urn);
  expect(gandi.instances().filter((candidate) => candidate.id === last.id)).toHaveLength(0);
  const read = await fixture.host.read(last.id, moved.urn, last.outputs, last.inputs);
  expect(read.id).toBe("");
  await fixture.host.delete(last.id, moved.urn, last.outputs);

  // the password and the token never reached a log line
  expect(fixture.host.stderr).not.toContain(PASSWORD);
  expect(fixture.host.stderr).not.toContain(DEFAULT_GANDI_TOKEN);
  expect(String(v1.inputs.__provider)).not.toContain(DEFAULT_GANDI_TOKEN);
});

test("a specification Gandi refuses fails in the dry run: nothing is ordered", async () => {
  const { engine, gandi } = fixture;
  gandi.createAttempts.length = 0;
  const bad = await instance({ name: "dry-1", databaseVersion: "4.0" }, "dry");
  const failure = await engine.up(bad).catch((error) => error);
  expect(String(failure.message)).toContain("dry run, so nothing was ordered");
  expect(String(failure.message)).toContain("databaseVersion: mysql 4.0 is not available");
  expect(gandi.createAttempts.every((attempt) => attempt.dryRun)).toBe(true);
  expect(gandi.instances().some((candidate) => candidate.name === "dry-1")).toBe(false);
});

test("an instance locked while provisioning is reported, and its id is kept (no second order)", async () => {
  const { engine, gandi } = fixture;
  const resource = await instance({ name: "locked-1" }, "locked");
  const pending = engine.up(resource).catch((error) => error);
  // lock it as soon as the order exists
  for (let i = 0; i < 200 && !gandi.instances().some((candidate) => candidate.name === "locked-1"); i++) {
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const ordered = gandi.instances().find((candidate) => candidate.name === "locked-1")!;
  gandi.modifyInstance(ordered.id, { hold: "locked" });
  const failure = await pending;
  expect(failure).toBeInstanceOf(ProviderCallError);
  expect(String(failure.message)).toContain("Gandi locked the instance");
  expect((failure as ProviderCallError).initFailure?.id).toBe(ordered.id);
  expect(engine.entry(resource.urn).id).toBe(ordered.id);
});

test("an existing instance of the same name is refused unless adopted; a legacy size resizes in place", async () => {
  const { engine, gandi } = fixture;
  const legacy = gandi.addInstance({ name: "legacy-1", size: "s", languageVersion: "8.2" });
  const args = { name: "legacy-1", size: "s", languageVersion: "8.2" };
  await expect(engine.up(await instance(args, "legacy"))).rejects.toThrow(/already exists .*Set `adopt: true`/);
  const adopted = await engine.up(await instance({ ...args, adopt: true }, "legacy"));
  expect(adopted.entry.id).toBe(legacy.id);
  expect(gandi.instance(legacy.id)?.passwordUpdatedAt).not.toBeNull();

  const resized = await instance({ ...args, adopt: true, size: "m" }, "legacy");
  expect(await engine.preview(resized)).toMatchObject({ changes: "some", replaces: [] });
  expect((await engine.up(resized)).operation).toBe("update");
  expect(gandi.instance(legacy.id)?.size).toBe("m");

  // crossing from a legacy size to a current one is refused at check
  const crossing = await engine.up(await instance({ ...args, adopt: true, size: "pro" }, "legacy")).catch((error) => error);
  expect((crossing as CheckFailedError).failures.map((f) => f.property)).toEqual(["size"]);
});

test("bad input is caught at check with zero API calls", async () => {
  const { engine, server } = fixture;
  const cases: [Partial<Record<keyof Args, unknown>>, string][] = [
    [{ location: "DE" }, "location"],
    [{ size: "huge" }, "size"],
    [{ database: "oracle" }, "database"],
    [{ storageAdditionalSize: 2000 }, "storageAdditionalSize"],
    [{ password: "" }, "password"],
    [{ name: "" }, "name"],
    [{ languageVersion: "latest" }, "languageVersion"],
    [{ vhosts: [{ fqdn: "not a domain" }] }, "vhosts.0.fqdn"],
    [{ timeouts: { create: "soon" } }, "timeouts.create"],
  ];
  await expectRefusedByCheck({ engine, server }, cases, (args) => instance(args as Partial<Args>, "bad"));
});

test("the dry run, the order and the waits share one `timeouts.create` deadline (no wait starts a fresh budget)", async () => {
  const { engine, gandi, server } = fixture;
  // Each request now costs 42 s of (60× scaled) time: the look, the dry run and the order use up
  // the 2m before the first status GET, although the instance itself is active 60 s after the order.
  const resource = await instance({ name: "deadline-1", timeouts: { create: "2m" } }, "deadline");
  server.setLatency(700);
  const failure = await engine.up(resource).catch((error) => error);
  server.setLatency(0);
  expect(failure).toBeInstanceOf(ProviderCallError);
  expect(String(failure.message)).toMatch(/was ordered but is not ready: Timed out after .* waiting for Gandi instance deadline-1 to be active/);
  const ordered = gandi.instances().filter((candidate) => candidate.name === "deadline-1");
  expect(ordered).toHaveLength(1);
  expect(engine.entry(resource.urn).id).toBe(ordered[0].id);
  // the next up continues waiting for the same instance
  expect((await engine.up(await instance({ name: "deadline-1" }, "deadline"))).entry.id).toBe(ordered[0].id);
  await engine.destroy(resource.urn);
});

test("a vhost declared both in an instance's `vhosts` and as a SimpleHostingVhost of one program is refused, not shared", async () => {
  const { engine, gandi } = fixture;
  const withVhost = await instance({ name: "initial-vhost-1", vhosts: [{ fqdn: "initial.example.com" }] }, "initial");
  const created = await engine.up(withVhost);
  // The initial vhost may still be being_created when the instance is active: without the claim the vhost resource could take it as its own.
  const separate = await programResource(() => new SimpleHostingVhost("initial-site", { instanceId: created.entry.id, fqdn: "initial.example.com" }));
  await expect(engine.up(separate)).rejects.toThrow(/Gandi vhost initial.example.com is already managed by another resource of this program/);
  expect(gandi.vhosts(created.entry.id).map((vhost) => vhost.fqdn)).toEqual(["initial.example.com"]);
  await engine.destroy(withVhost.urn);
});

test("an instance of a current size is not resized: refused at check naming `size`, with what Gandi supports, and nothing is sent", async () => {
  const { engine, server } = fixture;
  const first = await instance({ name: "no-resize-1" }, "no-resize");
  await engine.up(first);
  server.resetRequests();
  const failure = await engine.up(await instance({ name: "no-resize-1", size: "pro" }, "no-resize")).catch((error) => error);
  expect(failure).toBeInstanceOf(CheckFailedError);
  expect((failure as CheckFailedError).failures).toEqual([
    expect.objectContaining({ property: "size", reason: expect.stringContaining("Gandi resizes only s, s+, m, l, xl, xxl instances (to s+, m, l, xxl)") }),
  ]);
  expect(server.requests.filter((request) => request.method === "PATCH")).toHaveLength(0);
  await engine.destroy(first.urn);
});

test("limits the reference does not set are left to Gandi; a dry-run refusal names the input property, not Gandi's field", async () => {
  const { engine, gandi } = fixture;
  // No length or duration limit is invented: these pass check and the dry run.
  const unbounded = await instance({ name: "n".repeat(80), duration: 240, password: "pw" }, "unbounded");
  const created = await engine.up(unbounded);
  expect(gandi.instance(created.entry.id)).toMatchObject({ name: "n".repeat(80), duration: 240 });
  await engine.destroy(unbounded.urn);

  gandi.createAttempts.length = 0;
  const failure = await engine.up(await instance({ name: "dry-run-field-1", languageVersion: "9.9" }, "dry-run-field")).catch((error) => error);
  expect(failure).toBeInstanceOf(ProviderCallError);
  expect(String(failure.message)).toContain('Gandi refused the instance "dry-run-field-1" in a dry run, so nothing was ordered: languageVersion: php 9.9 is not available');
  expect(gandi.createAttempts.map((attempt) => attempt.dryRun)).toEqual([true]);
});
