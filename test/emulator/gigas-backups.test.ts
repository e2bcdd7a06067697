import { createEmulatorClock, startEmulatorServer, type EmulatorClock, type EmulatorServer } from "../../emulator/core";
import { DEFAULT_GIGAS_API_KEY, GigasEmulator } from "../../emulator/gigas";
import { callJson } from "./harness";

// The backup page, the template page's writes and the disk page's Build, as the fake serves them (docs/gigas.md lists its guesses).
let server: EmulatorServer;
let gigas: GigasEmulator;
let clock: EmulatorClock;
let base: string;
const key = `Bearer ${DEFAULT_GIGAS_API_KEY}`;
const call = (method: string, path: string, body?: unknown) => callJson(`${base}/account/22666${path}`, method, body, key);

beforeEach(async () => {
  clock = createEmulatorClock();
  gigas = new GigasEmulator({ clock });
  server = await startEmulatorServer([gigas]);
  base = server.urlFor("gigas");
});
afterEach(() => server.close());

/** A VM with its disks, built (time moved past the build). */
async function builtVm(): Promise<{ vmId: string; diskId: string }> {
  const { vm } = gigas.state.virtualMachines.create(22666, {
    label: "b", note: "", memory: 1024, cpus: 1, cpu_type: "intel", template_id: "2266610116", hostname: "b",
    location_id: "226661012", primary_disk_size: 10, swap_disk_size: 0, default_firewall_policy: "ACCEPT",
  });
  clock.advance(10 * 60_000);
  const diskId = gigas.disks().find((d) => d.virtual_machine_id === vm.id && d.primary)!.id;
  return { vmId: vm.id, diskId };
}

test("backups: list with the page's filters (others refused), get, restore (202 + token, holds backup, disk and VM), delete (202 + token)", async () => {
  const { vmId, diskId } = await builtVm();
  const backup = gigas.addBackup(diskId);
  const other = gigas.addBackup(gigas.state.disks.add(22666, null, 50, {}).id, { backup_type: "gigas-automatic" });
  expect((await call("GET", "/backups")).body.map((b: any) => b.id)).toEqual([backup.id, other.id]);
  expect((await call("GET", `/backups?disk_id=${diskId}`)).body.map((b: any) => b.id)).toEqual([backup.id]);
  expect((await call("GET", "/backups?min_disk_size=20")).body.map((b: any) => b.id)).toEqual([other.id]);
  expect((await call("GET", "/backups?virtual_machine_id=1")).status).toBe(400);
  expect((await call("GET", `/backup/${backup.id}`)).body).toEqual(expect.objectContaining({ id: backup.id, disk_id: diskId, backup_type: "gigas", locked: false }));
  expect((await call("GET", `/backup/${backup.id}`)).body.account_id).toBeUndefined();

  expect((await call("POST", `/backup/${backup.id}/restore`, { force: true })).status).toBe(400);
  const restored = await call("POST", `/backup/${backup.id}/restore`, {});
  expect(restored.status).toBe(202);
  expect(restored.body).toMatchObject({ id: backup.id, status: "restoring", locked: true, queue_token: expect.any(String) });
  expect(gigas.virtualMachine(vmId)?.locked).toBe(true);
  // a second restore, or a template, of a held backup is refused
  expect((await call("POST", `/backup/${backup.id}/restore`, {})).status).toBe(409);
  expect((await call("POST", `/backup/${backup.id}/template`, { label: "x" })).status).toBe(409);
  clock.advance(60_000);
  expect((await call("GET", `/transaction/${restored.body.queue_token}/status`)).body).toMatchObject({ status: "Completed" });
  expect((await call("GET", `/backup/${backup.id}`)).body).toMatchObject({ status: "active", locked: false });
  expect(gigas.virtualMachine(vmId)?.locked).toBe(false);

  const deleted = await call("DELETE", `/backup/${backup.id}`);
  expect(deleted.status).toBe(202);
  clock.advance(15_000);
  expect((await call("GET", `/backup/${backup.id}`)).status).toBe(404);
});

test("templates: from a backup (label required), clone (user_id and location_id required), edit (label, clone_id), delete (202 + token); public ones are not the account's to change", async () => {
  const { diskId } = await builtVm();
  const backup = gigas.addBackup(diskId);
  expect((await call("POST", `/backup/${backup.id}/template`, {})).body.errors).toEqual({ label: ["is required"] });
  const made = await call("POST", `/backup/${backup.id}/template`, { label: "golden" });
  expect(made.status).toBe(202);
  expect(made.body).toMatchObject({ label: "golden", backup_id: backup.id, status: "pending", public: false, queue_token: expect.any(String) });
  clock.advance(60_000);
  expect((await call("GET", `/template/${made.body.id}`)).body.status).toBe("active");

  expect((await call("POST", `/template/${made.body.id}/clone`, { location_id: "226661013" })).body.errors).toEqual({ user_id: ["is required"] });
  expect((await call("POST", `/template/${made.body.id}/clone`, { user_id: "226661014577" })).body.errors).toEqual({ location_id: ["is required"] });
  expect((await call("POST", `/template/${made.body.id}/clone`, { user_id: "226661014577", location_id: "1", label: "x" })).status).toBe(400);
  const clone = await call("POST", `/template/${made.body.id}/clone`, { user_id: "226661014577", location_id: "226661013" });
  expect(clone.status).toBe(202);
  const source = (await call("GET", `/template/${made.body.id}`)).body;
  expect(source.clone_id).toMatch(/^[0-9a-f-]{36}$/);
  expect(clone.body).toMatchObject({ label: "golden", clone_id: source.clone_id, status: "pending" });
  expect((await call("PUT", `/template/${clone.body.id}`, { label: "early" })).status).toBe(409);
  clock.advance(60_000);
  expect((await call("GET", `/templates?clone_id=${source.clone_id}`)).body.map((t: any) => t.id)).toEqual([made.body.id, clone.body.id]);

  expect((await call("PUT", `/template/${clone.body.id}`, { label: "copy" })).body).toMatchObject({ label: "copy" });
  expect((await call("PUT", `/template/${clone.body.id}`, { clone_id: "not-a-uuid" })).body.errors).toEqual({ clone_id: ["must be a UUIDv4"] });
  expect((await call("PUT", `/template/${clone.body.id}`, { status: "inactive" })).status).toBe(400);
  expect((await call("PUT", "/template/2266610116", { label: "mine" })).status).toBe(403);
  expect((await call("DELETE", "/template/2266610116")).status).toBe(403);

  const gone = await call("DELETE", `/template/${clone.body.id}`);
  expect(gone.status).toBe(202);
  expect(gone.body.queue_token).toEqual(expect.any(String));
  clock.advance(15_000);
  expect((await call("GET", `/template/${clone.body.id}`)).status).toBe(404);
});

test("disk Build (format): 202 with the disk and a token; refused for the primary disk, naming it; a body field is refused", async () => {
  const { vmId, diskId } = await builtVm();
  const extra = gigas.state.disks.add(22666, vmId, 5, {});
  expect((await call("POST", `/disk/${diskId}/build`, {})).body.errors).toEqual({ disk_id: [expect.stringMatching(/primary disk/)] });
  expect((await call("POST", `/disk/${extra.id}/build`, { template_id: "1" })).status).toBe(400);
  const built = await call("POST", `/disk/${extra.id}/build`, {});
  expect(built.status).toBe(202);
  expect(built.body).toMatchObject({ id: extra.id, locked: true, queue_token: expect.any(String) });
  expect(gigas.virtualMachine(vmId)?.locked).toBe(true);
  clock.advance(20_000);
  expect((await call("GET", `/disk/${extra.id}`)).body.locked).toBe(false);
});
