import * as pulumi from "@pulumi/pulumi";
import { createEmulatorClock, startEmulatorServer } from "../../emulator/core";
import { DEFAULT_GIGAS_API_KEY, GigasEmulator } from "../../emulator/gigas";
import { deleteBackup, getBackup, getBackups } from "../../resources/gigas";

test("getBackups, getBackup and deleteBackup run in the program process against the backup page's calls", async () => {
  // A page size of 2 makes the list span several pages; time runs fast so the queued delete ends soon.
  const gigas = new GigasEmulator({ defaultPageSize: 2, clock: createEmulatorClock({ scale: 120 }) });
  const server = await startEmulatorServer([gigas]);
  try {
    await pulumi.runtime.setMocks({ newResource: (args) => ({ id: args.name, state: args.inputs }), call: (args) => args.inputs }, "p", "s", false);
    pulumi.runtime.setAllConfig({ "gigas:apiUrl": server.urlFor("gigas"), "gigas:apiKey": DEFAULT_GIGAS_API_KEY }, ["gigas:apiKey"]);
    const account = gigas.defaultAccountId;
    const first = gigas.state.disks.add(account, null, 10, {});
    const second = gigas.state.disks.add(account, null, 20, {});
    const backups = [
      gigas.addBackup(first.id, { operating_system: "linux", operating_system_distro: "ubuntu" }),
      gigas.addBackup(first.id, { backup_type: "gigas-automatic", operating_system: "linux", operating_system_distro: "ubuntu" }),
      gigas.addBackup(second.id, { operating_system: "windows", operating_system_distro: "windows" }),
    ];

    expect((await getBackups()).map((b) => b.id)).toEqual(backups.map((b) => b.id));
    expect((await getBackups({ diskId: first.id })).map((b) => b.backupType)).toEqual(["gigas", "gigas-automatic"]);
    expect((await getBackups({ operatingSystem: "windows" })).map((b) => b.id)).toEqual([backups[2].id]);
    expect(await getBackup({ backupId: backups[2].id })).toEqual({
      id: backups[2].id,
      diskId: second.id,
      dateCreated: backups[2].date_created,
      status: "active",
      operatingSystem: "windows",
      operatingSystemDistro: "windows",
      templateId: null,
      backupSize: 20,
      locked: false,
      backupType: "gigas",
    });
    expect(await getBackup({ backupId: "999999" })).toBeUndefined();
    await expect(getBackup({ backupId: "../disks" })).rejects.toThrow(/getBackup: `backupId`/);

    expect(await deleteBackup({ backupId: backups[0].id })).toBe(true);
    expect(gigas.backups().map((b) => b.id)).toEqual([backups[1].id, backups[2].id]);
    expect(gigas.transactions().find((t) => t.kind === "backup.delete")?.status).toBe("Completed");
    expect(await deleteBackup({ backupId: backups[0].id })).toBe(false);
  } finally {
    await server.close();
  }
});
