import { Disk, DiskArgs, VirtualMachine } from "../../resources/gigas";
import { programResource, runProgram } from "../harness/engine";
import { upKilledDuringCreate } from "../support/crash";
import { failAnswerAfterApplying } from "../support/lostAnswer";
import { minimalVmArgs, startGigas } from "../support/gigasFixture";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startGigas());
let vmA: string;
let vmB: string;

beforeAll(async () => {
  const server = (name: string) => programResource(() => new VirtualMachine(name, minimalVmArgs(name, "Root-Password-1")));
  vmA = (await fixture.engine.up(await server("disk-a"))).entry.id;
  vmB = (await fixture.engine.up(await server("disk-b"))).entry.id;
});

const disk = (name: string, args: DiskArgs) => programResource(() => new Disk(name, args));
const live = (id: string) => fixture.gigas.disks().find((d) => d.id === id);

test("full lifecycle: queued create, no drift, grow and metadata in place, move to another VM, drift, out-of-band delete, destroy", async () => {
  const { engine, gigas, host } = fixture;
  const v1 = await disk("data", { virtualMachineId: vmA, size: 20, mountPoint: "/data", addToLinuxFstab: true });
  const created = await engine.up(v1);
  const id = created.entry.id;
  expect(live(id)).toMatchObject({ virtual_machine_id: vmA, disk_size: 20, status: "active", locked: false, mount_point: "/data", add_to_linux_fstab: true });
  expect(created.entry.outputs).toMatchObject({ diskId: id, virtualMachineId: vmA, size: 20, autobackup: false, mountPoint: "/data", addToLinuxFstab: true, locked: false });
  expect(gigas.transactions().find((t) => t.kind === "disk.create" && t.target === id)?.status).toBe("Completed");

  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // grow and metadata in place
  const v2 = await disk("data", { virtualMachineId: vmA, size: 40, mountPoint: "/data", addToLinuxFstab: true, autobackup: true, forceReboot: true });
  expect(await engine.preview(v2)).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
  expect((await engine.up(v2)).operation).toBe("update");
  expect(live(id)).toMatchObject({ disk_size: 40, autobackup: 1 });
  expect(gigas.transactions().some((t) => t.kind === "disk.edit" && t.target === id && t.status === "Completed")).toBe(true);

  // attached to another VM, in place
  const v3 = await disk("data", { virtualMachineId: vmB, size: 40, mountPoint: "/data", addToLinuxFstab: true, autobackup: true });
  const moved = await engine.up(v3);
  expect(moved.operation).toBe("update");
  expect(moved.entry.id).toBe(id);
  expect(live(id)?.virtual_machine_id).toBe(vmB);

  // out-of-band change: refresh reports exactly it, up converges
  gigas.changeDisk(id, { mount_point: "/srv", autobackup: 0 });
  expect((await engine.refresh(v3.urn))!.outputs).toMatchObject({ mountPoint: "/srv", autobackup: false, size: 40 });
  expect((await engine.preview(v3)).changes).toBe("some");
  await engine.up(v3);
  expect(live(id)).toMatchObject({ mount_point: "/data", autobackup: 1 });

  // out-of-band delete
  gigas.removeDisk(id);
  expect(await engine.refresh(v3.urn)).toBeUndefined();
  expect((await engine.up(v3)).operation).toBe("create");

  const last = engine.entry(v3.urn);
  await engine.destroy(v3.urn);
  expect(live(last.id)).toBeUndefined();
  expect((await host.read(last.id, v3.urn, last.outputs, last.inputs)).id).toBe("");
  await host.delete(last.id, v3.urn, last.outputs);
});

test("Gigas refusals name the input: a resize of a running VM's disk needs forceReboot (Gigas's disk page); a shrink below a drifted size says size", async () => {
  const { engine, gigas } = fixture;
  const resource = await disk("refused", { virtualMachineId: vmA, size: 6, mountPoint: "/refused" });
  const id = (await engine.up(resource)).entry.id;
  const noReboot = await engine.up(await disk("refused", { virtualMachineId: vmA, size: 8, mountPoint: "/refused" })).catch((error) => error);
  expect(noReboot.message).toMatch(/PUT \/account\/22666\/disk\/\d+ answered 400.* — forceReboot: must be true to resize a disk of running virtual machine \d+/);
  expect(live(id)?.disk_size).toBe(6);
  // grown to 30 GB in the panel; the program, not refreshed, asks for 12
  gigas.changeDisk(id, { disk_size: 30 });
  const shrink = await engine.up(await disk("refused", { virtualMachineId: vmA, size: 12, mountPoint: "/refused", forceReboot: true })).catch((error) => error);
  expect(shrink.message).toMatch(/ — size: cannot be reduced \(from 30 GB to 12 GB\)/);
  expect(live(id)?.disk_size).toBe(30);
  await engine.destroy(resource.urn);
});

test("a VM busy with another operation is waited for before a disk is added", async () => {
  const { engine, gigas, server } = fixture;
  gigas.lockVirtualMachine(vmA, 60_000);
  server.resetRequests();
  const resource = await disk("busy", { virtualMachineId: vmA, size: 5 });
  const created = await engine.up(resource);
  expect(live(created.entry.id)?.status).toBe("active");
  expect(server.requests.filter((r) => r.status === 409)).toHaveLength(0);
  await engine.destroy(resource.urn);
});

test("a failed create the vendor rolled back is a plain error, and the next up creates the disk", async () => {
  const { engine, gigas } = fixture;
  gigas.failNextTransaction({ kind: "disk.create", status: "Failed" });
  const resource = await disk("full", { virtualMachineId: vmA, size: 7 });
  await expect(engine.up(resource)).rejects.toThrow(/ended with status "Failed" \(transaction [0-9a-f-]+\)/);
  expect(engine.state.has(resource.urn)).toBe(false);
  const created = await engine.up(resource);
  expect(live(created.entry.id)?.disk_size).toBe(7);
  await engine.destroy(resource.urn);
});

test("bad input is caught at check, naming the property, with zero API calls", async () => {
  const { engine, server } = fixture;
  const resource = await disk("shrink", { virtualMachineId: vmA, size: 10 });
  await engine.up(resource);
  server.resetRequests();
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ size: 0 }, /size: must be at least 1 GB/],
    [{ size: 2.5 }, /size: must be a whole number of GB/],
    [{ virtualMachineId: "web" }, /virtualMachineId: must be a Gigas virtual machine id/],
    [{ mountPoint: "data" }, /mountPoint: must be an absolute path/],
    [{ mountPoint: "/" }, /mountPoint: must not be "\/"/],
    [{ addToLinuxFstab: true }, /mountPoint: is required \(a Linux path\) when addToLinuxFstab is true/],
    [{ autobackup: "yes" }, /autobackup: must be true or false/],
  ];
  for (const [change, message] of cases) {
    await expect(engine.up(await disk("bad", { virtualMachineId: vmA, size: 10, ...change } as DiskArgs))).rejects.toThrow(message);
  }
  await expect(engine.up(await disk("shrink", { virtualMachineId: vmA, size: 5 }))).rejects.toThrow(/size: can only grow \(from 10 GB\)/);
  expect(server.requests).toHaveLength(0);
  await engine.destroy(resource.urn);
});

test("a `pulumi up` killed while the disk is created, then run again: one disk, in state with its id", async () => {
  const { gigas } = fixture;
  const resource = await disk("crashy", { virtualMachineId: vmA, size: 3, mountPoint: "/crash" });
  const { entry } = await upKilledDuringCreate(fixture, resource, (r) => r.method === "POST" && r.path.endsWith("/disk"));
  const mine = gigas.disks().filter((d) => d.mount_point === "/crash");
  expect(mine.map((d) => d.id)).toEqual([entry.id]);
  expect(entry.outputs).toMatchObject({ diskId: entry.id, virtualMachineId: vmA, size: 3, mountPoint: "/crash", status: "active", locked: false });
  await fixture.engine.destroy(resource.urn);
  expect(gigas.disks().filter((d) => d.mount_point === "/crash")).toEqual([]);
});

test("an unmounted disk identical to an existing one is a new disk, not the other's (nothing tells them apart once built)", async () => {
  const { engine, gigas } = fixture;
  const first = await disk("raw1", { virtualMachineId: vmA, size: 4 });
  const firstId = (await engine.up(first)).entry.id;
  await fixture.newCommand();
  const second = await disk("raw2", { virtualMachineId: vmA, size: 4 });
  const secondId = (await engine.up(second)).entry.id;
  expect(secondId).not.toBe(firstId);
  expect(gigas.disks().filter((d) => d.virtual_machine_id === vmA && d.disk_size === 4).map((d) => d.id).sort()).toEqual([firstId, secondId].sort());
  await engine.destroy(second.urn);
  await engine.destroy(first.urn);
});

test("identical disks declared in one program are two disks: concurrent creates on one VM never take each other's", async () => {
  const { engine, gigas } = fixture;
  const resources = await runProgram(() => [1, 2, 3].map((n) => new Disk(`twin${n}`, { virtualMachineId: vmB, size: 6 })));
  const ids = (await Promise.all(resources.map((resource) => engine.up(resource)))).map((created) => created.entry.id);
  expect(new Set(ids).size).toBe(3);
  expect(gigas.disks().filter((d) => d.virtual_machine_id === vmB && d.disk_size === 6).map((d) => d.id).sort()).toEqual([...ids].sort());
  for (const resource of resources) await engine.destroy(resource.urn);
});

test("a resize answered 500 after the vendor queued it waits for the VM and is sent again, not retried into the lock", async () => {
  const { engine, gigas, server } = fixture;
  const resource = await disk("busyresize", { virtualMachineId: vmA, size: 8, mountPoint: "/busy", forceReboot: true });
  const { entry } = await engine.up(resource);
  const lost = failAnswerAfterApplying(server, (r) => r.method === "PUT" && r.path.endsWith(`/disk/${entry.id}`));
  const updated = await engine.up(await disk("busyresize", { virtualMachineId: vmA, size: 9, mountPoint: "/busy", forceReboot: true }));
  expect(lost()).toBe(true);
  expect(updated.entry.outputs).toMatchObject({ size: 9, locked: false });
  expect(live(entry.id)?.disk_size).toBe(9);
  await engine.destroy(resource.urn);
});

test("a create answered 500 after the vendor applied it: the disk is found, not ordered again", async () => {
  const { engine, gigas, server } = fixture;
  const resource = await disk("lostcreate", { virtualMachineId: vmA, size: 2 });
  const lost = failAnswerAfterApplying(server, (r) => r.method === "POST" && r.path.endsWith("/disk"));
  const { entry } = await engine.up(resource);
  expect(lost()).toBe(true);
  expect(gigas.disks().filter((d) => d.virtual_machine_id === vmA && d.disk_size === 2).map((d) => d.id)).toEqual([entry.id]);
  await engine.destroy(resource.urn);
});

test("formatTrigger: setting or changing it formats the disk in place (the disk page's Build), once per value; never at create", async () => {
  const { engine, gigas } = fixture;
  const builds = (id: string) => gigas.transactions().filter((t) => t.kind === "disk.build" && t.target === id);
  const v1 = await disk("wiped", { virtualMachineId: vmA, size: 2, mountPoint: "/wiped", formatTrigger: "first" });
  const id = (await engine.up(v1)).entry.id;
  expect(builds(id)).toEqual([]);
  const v2 = await disk("wiped", { virtualMachineId: vmA, size: 2, mountPoint: "/wiped", formatTrigger: "2026-01-01" });
  expect(await engine.preview(v2)).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
  expect((await engine.up(v2)).operation).toBe("update");
  expect(builds(id).map((t) => t.status)).toEqual(["Completed"]);
  expect(live(id)).toMatchObject({ locked: false, disk_size: 2 });
  expect((await engine.up(v2)).operation).toBe("same");
  // removing the trigger formats nothing
  await engine.up(await disk("wiped", { virtualMachineId: vmA, size: 2, mountPoint: "/wiped" }));
  expect(builds(id)).toHaveLength(1);
  await expect(engine.up(await disk("wiped", { virtualMachineId: vmA, size: 2, mountPoint: "/wiped", formatTrigger: "" }))).rejects.toThrow(/formatTrigger: must not be empty/);
  await engine.destroy(v1.urn);
});

test("the emulator refuses to format a VM's primary disk (Build is for extra disks, a guess) naming the disk", async () => {
  const { gigas, server } = fixture;
  const primary = gigas.disks().find((d) => d.virtual_machine_id === vmA && d.primary)!;
  const answer = await fetch(`${server.urlFor("gigas")}/account/22666/disk/${primary.id}/build`, {
    method: "POST",
    headers: { authorization: `Bearer ${(await import("../../emulator/gigas")).DEFAULT_GIGAS_API_KEY}`, "content-type": "application/json" },
    body: "{}",
  });
  expect(answer.status).toBe(400);
  expect(await answer.json()).toMatchObject({ errors: { disk_id: [expect.stringMatching(/primary disk/)] } });
});
