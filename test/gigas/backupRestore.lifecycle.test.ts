import { EmulatorResponse } from "../../emulator/core";
import { BackupRestore, BackupRestoreArgs, VirtualMachine } from "../../resources/gigas";
import { ProgramResource, programResource } from "../harness/engine";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { minimalVmArgs, startGigas } from "../support/gigasFixture";
import { fixtureForFile } from "../support/fileFixture";
import { nextRequest } from "../support/nextRequest";

const fixture = fixtureForFile(() => startGigas());
let vmId: string;
let diskId: string;

beforeAll(async () => {
  vmId = (await fixture.engine.up(await programResource(() => new VirtualMachine("restored", minimalVmArgs("restored", "Root-Password-1"))))).entry.id;
  diskId = fixture.gigas.state.disks.add(fixture.gigas.defaultAccountId, vmId, 10, { mount_point: "/data" }).id;
});

const restore = (name: string, args: BackupRestoreArgs) => programResource(() => new BackupRestore(name, args));
/** The restores Gigas ran (or runs) from this backup. */
const restoresOf = (backupId: string) => fixture.gigas.transactions().filter((t) => t.kind === "backup.restore" && t.target === backupId);
const isRestorePost = (backupId: string) => (r: { method: string; path: string }) => r.method === "POST" && r.path.endsWith(`/backup/${backupId}/restore`);

/**
 * Gigas takes the restore from `backupId` and ends it at once, before the
 * client looks, while the client gets `answer` instead of Gigas's: it throws
 * (the answer is lost) or returns the answer sent.
 */
function restoreEndsAndAnswerIs(backupId: string, answer: () => EmulatorResponse): void {
  const { gigas, server } = fixture;
  gigas.holdTransactions("backup.restore");
  server.onApplied((request) => {
    if (!isRestorePost(backupId)(request)) return;
    server.onApplied(undefined);
    gigas.releaseHeldTransactions();
    return answer();
  });
}

/** The next command's `up` of a resource kept with restoreStatus unknown: an update that sends no restore. */
async function nextUpSendsNoRestore(resource: ProgramResource, backupId: string) {
  await fixture.newCommand();
  fixture.server.resetRequests();
  const step = await fixture.engine.up(resource);
  expect(step.operation).toBe("update");
  expect(fixture.server.requests.filter(isRestorePost(backupId))).toEqual([]);
  return step;
}

test("full lifecycle: restores once at create, again only when trigger changes; refresh shows the backup's out-of-band change; delete leaves disk and backup", async () => {
  const { engine, gigas, host } = fixture;
  const backup = gigas.addBackup(diskId);
  const v1 = await restore("nightly", { backupId: backup.id });
  const created = await engine.up(v1);
  expect(created.entry.id).toBe(backup.id);
  expect(restoresOf(backup.id).map((t) => t.status)).toEqual(["Completed"]);
  expect(created.entry.outputs).toMatchObject({ backupId: backup.id, diskId, restoreStatus: "completed", backupStatus: "active", backupDateCreated: backup.date_created });
  expect(created.entry.outputs.restoredAt).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/));
  expect(gigas.virtualMachine(vmId)?.locked).toBe(false);
  expect(gigas.disks().find((d) => d.id === diskId)?.locked).toBe(false);

  // no change: no restore
  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");
  await engine.up(v1);
  expect(restoresOf(backup.id)).toHaveLength(1);

  // a trigger restores again, in place; the same trigger again does not
  const v2 = await restore("nightly", { backupId: backup.id, trigger: "ticket-42" });
  expect(await engine.preview(v2)).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
  expect((await engine.up(v2)).operation).toBe("update");
  expect(restoresOf(backup.id)).toHaveLength(2);
  expect((await engine.up(v2)).operation).toBe("same");
  expect(restoresOf(backup.id)).toHaveLength(2);

  // out of band: the backup is taken by another operation, then deleted; the restore stays done
  gigas.changeBackup(backup.id, { status: "templating", locked: true });
  expect((await engine.refresh(v2.urn))!.outputs).toMatchObject({ backupStatus: "templating", restoreStatus: "completed" });
  gigas.removeBackup(backup.id);
  expect((await engine.refresh(v2.urn))!.outputs).toMatchObject({ backupStatus: null, restoreStatus: "completed", diskId });
  expect((await engine.preview(v2)).changes).toBe("none");
  expect(restoresOf(backup.id)).toHaveLength(2);

  // delete: nothing happens at Gigas, and the resource forgets the restore
  const disk = { ...gigas.disks().find((d) => d.id === diskId) };
  const last = engine.entry(v2.urn);
  fixture.server.resetRequests();
  await engine.destroy(v2.urn);
  expect(fixture.server.requests.filter((r) => r.method !== "GET")).toEqual([]);
  expect(gigas.disks().find((d) => d.id === diskId)).toEqual(disk);
  expect(engine.state.has(v2.urn)).toBe(false);
  // Reading it after delete still reports the restore that was done (it cannot be undone), with the backup gone.
  expect((await host.read(last.id, v2.urn, last.outputs, last.inputs)).properties).toMatchObject({ backupStatus: null, restoreStatus: "completed" });
});

test("a new backupId replaces the resource: the new backup is restored, the old one is not again", async () => {
  const { engine, gigas } = fixture;
  const older = gigas.addBackup(diskId);
  const newer = gigas.addBackup(diskId);
  const first = await engine.up(await restore("swap", { backupId: older.id }));
  expect(first.operation).toBe("create");
  const second = await engine.up(await restore("swap", { backupId: newer.id }));
  expect(second.operation).toBe("replace");
  expect(restoresOf(older.id)).toHaveLength(1);
  expect(restoresOf(newer.id)).toHaveLength(1);
  await engine.destroy(second.entry.urn);
});

test("bad input is refused at check, naming the property, with no API call", async () => {
  await expectRefusedByCheck(
    fixture,
    [
      [{ backupId: "nightly" }, "backupId"],
      [{ backupId: "" }, "backupId"],
      [{ backupId: "123", trigger: "" }, "trigger"],
      [{ backupId: "123", trigger: 5 }, "trigger"],
      [{ backupId: "123", trigger: "x".repeat(256) }, "trigger"],
      [{ backupId: "123", diskId: "9" }, "diskId"],
    ] as const,
    (args) => restore("bad", args as unknown as BackupRestoreArgs),
  );
});

test("Gigas refusals name the input: an unknown backup, and a backup whose disk is gone (refused by Gigas, naming disk_id), say backupId", async () => {
  const { engine, gigas } = fixture;
  await expect(engine.up(await restore("ghost", { backupId: "999999" }))).rejects.toThrow(/backupId: there is no backup 999999/);
  const scratch = gigas.state.disks.add(gigas.defaultAccountId, null, 5, {});
  const orphan = gigas.addBackup(scratch.id);
  gigas.removeDisk(scratch.id);
  await expect(engine.up(await restore("orphan", { backupId: orphan.id }))).rejects.toThrow(/answered 400.* — backupId: disk \d+ the backup came from no longer exists/);
  expect(restoresOf(orphan.id)).toEqual([]);
});

test("a `pulumi up` killed while the restore runs, then run again: the running restore is waited for, never sent twice", async () => {
  const { gigas, server } = fixture;
  const backup = gigas.addBackup(diskId);
  const resource = await restore("crashy", { backupId: backup.id });
  // The restore stays running until the second command has looked at the backup: the verdict does not depend on timing.
  gigas.holdTransactions("backup.restore");
  server.onApplied((request) => {
    if (isRestorePost(backup.id)(request)) fixture.host.killNow();
  });
  const firstError = await fixture.engine.up(resource).catch((error) => error);
  server.onApplied(undefined);
  expect(firstError).toBeInstanceOf(Error);
  expect(fixture.engine.state.has(resource.urn)).toBe(false);
  expect(restoresOf(backup.id).map((t) => t.status)).toEqual(["pending"]);
  await fixture.newCommand();
  server.resetRequests();
  const second = fixture.engine.up(resource);
  // Once the new command has seen the backup restoring, the restore may end.
  await nextRequest(server, (r) => r.method === "GET" && r.path.endsWith(`/backup/${backup.id}`), second, `a GET of backup ${backup.id}`);
  gigas.releaseHeldTransactions();
  const { entry } = await second;
  expect(server.requests.filter(isRestorePost(backup.id))).toEqual([]);
  expect(restoresOf(backup.id).map((t) => t.status)).toEqual(["Completed"]);
  expect(entry.outputs).toMatchObject({ backupId: backup.id, diskId, restoreStatus: "completed", backupStatus: "active" });
  await fixture.engine.destroy(resource.urn);
});

test("a restore whose answer was lost is not sent again: kept with restoreStatus unknown until trigger changes", async () => {
  const { engine, gigas } = fixture;
  const backup = gigas.addBackup(diskId);
  const resource = await restore("lost", { backupId: backup.id });
  // Nothing at Gigas shows the restore ran.
  restoreEndsAndAnswerIs(backup.id, () => {
    throw new Error("test: the answer is lost after the vendor applied the request");
  });
  await expect(engine.up(resource)).rejects.toThrow(/may or may not have restored backup \d+; it is not sent again: change `trigger` to restore it/);
  expect(engine.entry(resource.urn).outputs).toMatchObject({ restoreStatus: "unknown", diskId });
  expect(restoresOf(backup.id)).toHaveLength(1);
  // the next up finishes the resource without restoring again
  await nextUpSendsNoRestore(resource, backup.id);
  expect(restoresOf(backup.id)).toHaveLength(1);
  expect(engine.entry(resource.urn).outputs).toMatchObject({ restoreStatus: "unknown" });
  // asked for: a new trigger restores
  const asked = await engine.up(await restore("lost", { backupId: backup.id, trigger: "again" }));
  expect(asked.entry.outputs).toMatchObject({ restoreStatus: "completed" });
  expect(restoresOf(backup.id)).toHaveLength(2);
  await engine.destroy(resource.urn);
});

test("a restore Gigas took whose transaction failed is kept with restoreStatus unknown: the next up does not restore again", async () => {
  const { engine, gigas } = fixture;
  const backup = gigas.addBackup(diskId);
  const resource = await restore("failing", { backupId: backup.id });
  gigas.failNextTransaction({ kind: "backup.restore", status: "Failed" });
  await expect(engine.up(resource)).rejects.toThrow(
    /restore of backup \d+ ended with status "Failed".*Gigas had taken the restore of backup \d+, so the disk may be overwritten; it is not sent again: change `trigger` to restore it/,
  );
  expect(engine.entry(resource.urn).outputs).toMatchObject({ restoreStatus: "unknown", diskId });
  await nextUpSendsNoRestore(resource, backup.id);
  expect(restoresOf(backup.id)).toHaveLength(1);
  await engine.destroy(resource.urn);
});

test("an update whose restore outlives its deadline keeps the new trigger with restoreStatus unknown: the next up does not restore again", async () => {
  const { engine, gigas } = fixture;
  const backup = gigas.addBackup(diskId);
  await engine.up(await restore("deadline", { backupId: backup.id }));
  // The restore stays pending whatever the machine's speed: the deadline runs out.
  gigas.holdTransactions("backup.restore");
  const asked = await restore("deadline", { backupId: backup.id, trigger: "ticket-7", timeouts: { update: "2m" } });
  await expect(engine.up(asked)).rejects.toThrow(/Timed out after [\dms]+ waiting for restore of backup \d+.*it is not sent again: change `trigger` to restore it/);
  expect(engine.entry(asked.urn).outputs).toMatchObject({ trigger: "ticket-7", restoreStatus: "unknown", diskId });
  // The restore ends (on the next request) before the next up looks at the backup.
  gigas.releaseHeldTransactions();
  await nextUpSendsNoRestore(asked, backup.id);
  expect(restoresOf(backup.id).map((t) => t.status)).toEqual(["Completed", "Completed"]);
  await engine.destroy(asked.urn);
});

test("a restore whose 202 answer could not be read is not sent again: kept with restoreStatus unknown", async () => {
  const { engine, gigas } = fixture;
  const backup = gigas.addBackup(diskId);
  const resource = await restore("unreadable", { backupId: backup.id });
  // Its answer has no readable backup.
  restoreEndsAndAnswerIs(backup.id, () => ({ status: 202, body: { id: ["not", "an", "id"] } }));
  await expect(engine.up(resource)).rejects.toThrow(/returned an unexpected payload: field "id".*Gigas may or may not have restored backup \d+; it is not sent again: change `trigger` to restore it/);
  expect(engine.entry(resource.urn).outputs).toMatchObject({ restoreStatus: "unknown", diskId });
  await nextUpSendsNoRestore(resource, backup.id);
  expect(restoresOf(backup.id)).toHaveLength(1);
  await engine.destroy(resource.urn);
});
