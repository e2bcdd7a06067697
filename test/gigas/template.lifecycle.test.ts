import { Template, TemplateArgs, VirtualMachine } from "../../resources/gigas";
import { programResource } from "../harness/engine";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { upKilledDuringCreate } from "../support/crash";
import { failAnswerAfterApplying } from "../support/lostAnswer";
import { minimalVmArgs, startGigas } from "../support/gigasFixture";
import { fixtureForFile } from "../support/fileFixture";
import { nextRequest } from "../support/nextRequest";

const fixture = fixtureForFile(() => startGigas());
let diskId: string;
const USER = "226661014577";
const MIAMI = "226661013";
const UBUNTU = "2266610120";

beforeAll(async () => {
  const vmId = (await fixture.engine.up(await programResource(() => new VirtualMachine("golden", minimalVmArgs("golden", "Root-Password-1"))))).entry.id;
  diskId = fixture.gigas.disks().find((d) => d.virtual_machine_id === vmId && d.primary)!.id;
});

const template = (name: string, args: TemplateArgs) => programResource(() => new Template(name, args));
const live = (id: string) => fixture.gigas.templates().find((t) => t.id === id);

test("from a backup: queued create, no drift, label in place, out-of-band rename and delete seen by refresh, destroy deletes it (queued) and only it", async () => {
  const { engine, gigas, host } = fixture;
  const backup = gigas.addBackup(diskId);
  const v1 = await template("golden", { label: "golden 1", backupId: backup.id });
  const created = await engine.up(v1);
  const id = created.entry.id;
  expect(live(id)).toMatchObject({ label: "golden 1", backup_id: backup.id, status: "active", public: false });
  expect(created.entry.outputs).toMatchObject({ templateId: id, label: "golden 1", status: "active", minDiskSize: backup.backup_size, cloneId: null });
  expect(gigas.transactions().find((t) => t.kind === "template.create" && t.target === id)?.status).toBe("Completed");
  expect(gigas.backups().find((b) => b.id === backup.id)).toMatchObject({ locked: false, status: "active" });

  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  const v2 = await template("golden", { label: "golden 2", backupId: backup.id });
  expect(await engine.preview(v2)).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
  expect((await engine.up(v2)).operation).toBe("update");
  expect(live(id)?.label).toBe("golden 2");

  gigas.changeTemplate(id, { label: "renamed in the panel" });
  expect((await engine.refresh(v2.urn))!.outputs).toMatchObject({ label: "renamed in the panel" });
  await engine.up(v2);
  expect(live(id)?.label).toBe("golden 2");

  gigas.removeTemplate(id);
  expect(await engine.refresh(v2.urn)).toBeUndefined();
  const again = await engine.up(v2);
  expect(again.operation).toBe("create");

  const last = engine.entry(v2.urn);
  await engine.destroy(v2.urn);
  expect(live(last.id)).toBeUndefined();
  expect(gigas.transactions().find((t) => t.kind === "template.delete" && t.target === last.id)?.status).toBe("Completed");
  expect(gigas.backups().some((b) => b.id === backup.id)).toBe(true);
  expect((await host.read(last.id, v2.urn, last.outputs, last.inputs)).id).toBe("");
  await host.delete(last.id, v2.urn, last.outputs);
});

test("a clone: made for a user and location, given its own label; the source stays; a new source replaces it", async () => {
  const { engine, gigas } = fixture;
  const resource = await template("clone", { label: "ubuntu for miami", sourceTemplateId: UBUNTU, userId: USER, locationId: MIAMI });
  const { entry } = await engine.up(resource);
  const source = live(UBUNTU)!;
  expect(source.label).toBe("Ubuntu 24.04 x64 (Linux)");
  expect(live(entry.id)).toMatchObject({ label: "ubuntu for miami", clone_id: source.clone_id, status: "active" });
  expect(entry.outputs).toMatchObject({ cloneId: source.clone_id, operatingSystemDistro: "ubuntu" });
  const replaced = await engine.up(await template("clone", { label: "ubuntu for miami", sourceTemplateId: "2266610116", userId: USER, locationId: MIAMI }));
  expect(replaced.operation).toBe("replace");
  expect(live(entry.id)).toBeUndefined();
  await engine.destroy(resource.urn);
  expect(live(UBUNTU)).toBeDefined();
});

test("bad input is refused at check, naming the property, with no API call", async () => {
  await expectRefusedByCheck(
    fixture,
    [
      [{ label: "" , backupId: "1" }, "label"],
      [{ label: "x" }, "backupId"],
      [{ label: "x", backupId: "1", sourceTemplateId: "2", userId: "3", locationId: "4" }, "backupId"],
      [{ label: "x", sourceTemplateId: "2", locationId: "4" }, "userId"],
      [{ label: "x", sourceTemplateId: "2", userId: "3" }, "locationId"],
      [{ label: "x", backupId: "1", locationId: "4" }, "locationId"],
      [{ label: "x", backupId: "nightly" }, "backupId"],
      [{ label: "x", backupId: "1", public: true }, "public"],
    ] as const,
    (args) => template("bad", args as unknown as TemplateArgs),
  );
});

test("refusals name the input: a clone needs a location of the account (Gigas), a template from an unknown backup names backupId", async () => {
  const { engine } = fixture;
  await expect(engine.up(await template("nowhere", { label: "x", sourceTemplateId: UBUNTU, userId: USER, locationId: "999" }))).rejects.toThrow(
    /answered 400.* — locationId: no location 999 in this account/,
  );
  await expect(engine.up(await template("ghost", { label: "x", backupId: "999999" }))).rejects.toThrow(/backupId: there is no backup 999999/);
});

test("a `pulumi up` killed while the template is made from a backup, then run again: one template, in state", async () => {
  const { gigas } = fixture;
  const backup = gigas.addBackup(diskId);
  const resource = await template("crashy", { label: "crash golden", backupId: backup.id });
  const { entry } = await upKilledDuringCreate(fixture, resource, (r) => r.method === "POST" && r.path.endsWith(`/backup/${backup.id}/template`));
  expect(gigas.templates().filter((t) => t.label === "crash golden").map((t) => t.id)).toEqual([entry.id]);
  expect(entry.outputs).toMatchObject({ templateId: entry.id, status: "active" });
  await fixture.engine.destroy(resource.urn);
  expect(gigas.templates().filter((t) => t.label === "crash golden")).toEqual([]);
});

test("a `pulumi up` killed while a clone is made, then run again: one clone, relabelled, in state", async () => {
  const { gigas } = fixture;
  // The clone is still being made when the next command looks (the verdict does not depend on timing).
  const rocky = gigas.addTemplate({ label: "Rocky 9 x64 (Linux)" });
  gigas.holdTransactions("template.create");
  const resource = await template("crashy-clone", { label: "rocky copy", sourceTemplateId: rocky.id, userId: USER, locationId: MIAMI });
  fixture.server.resetRequests();
  const second = upKilledDuringCreate(fixture, resource, (r) => r.method === "POST" && r.path.endsWith(`/template/${rocky.id}/clone`));
  // The source has no clone set before the first clone: only the second command lists the set, and finds the clone still pending.
  await nextRequest(fixture.server, (r) => r.method === "GET" && r.path.endsWith("/templates") && r.query.clone_id !== undefined, second, "a GET of the clone set");
  gigas.releaseHeldTransactions();
  const { entry } = await second;
  const source = live(rocky.id)!;
  expect(gigas.templates().filter((t) => t.clone_id === source.clone_id && t.id !== source.id).map((t) => t.id)).toEqual([entry.id]);
  expect(live(entry.id)).toMatchObject({ label: "rocky copy", status: "active" });
  await fixture.engine.destroy(resource.urn);
});

test("a template-from-backup whose answer was lost is found by its backup and label, not made twice", async () => {
  const { engine, gigas, server } = fixture;
  const backup = gigas.addBackup(diskId);
  const sawIt = failAnswerAfterApplying(server, (r) => r.method === "POST" && r.path.endsWith(`/backup/${backup.id}/template`));
  const resource = await template("lost", { label: "lost golden", backupId: backup.id });
  const { entry } = await engine.up(resource);
  expect(sawIt()).toBe(true);
  expect(gigas.templates().filter((t) => t.label === "lost golden").map((t) => t.id)).toEqual([entry.id]);
  await engine.destroy(resource.urn);
});
