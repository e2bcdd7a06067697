// The Gigas fixture program of the provider plugin (test/plugin/programs/gigas.ts) is one the e2e
// suite can render and import, and the objects it names are what `seedDemoData` seeds.
import { createAllEmulators, seedDemoData } from "../../emulator/all";
import { definitions } from "../../resources/gigas/definitions";
import { SEEDED, program } from "../plugin/programs/gigas";
import { describeProgramConsistency, references } from "../support/importHarness";

describeProgramConsistency(program, "gigas", Object.keys(definitions), (kind) => definitions[kind]());

test("the program references other resources (the reference checks are not vacuous)", () => {
  expect(program.resources.flatMap((resource) => references(resource.properties))).toEqual(
    expect.arrayContaining([
      ["backend", "primaryNetworkInterfaceId"],
      ["backend", "virtualMachineId"],
      ["backendNic", "networkInterfaceId"],
    ]),
  );
});

test("the network and the backups the program names are seedDemoData's: a private network in the VM's location, and two backups of a disk", () => {
  const all = createAllEmulators();
  seedDemoData(all);
  const { data } = all.gigas.state;
  const vm = program.resources.find((resource) => resource.kind === "gigas:VirtualMachine")!;
  expect(data.networks.find((network) => network.id === SEEDED.networkId)).toMatchObject({ public: false, location_id: vm.properties.locationId });
  const backups = [SEEDED.olderBackupId, SEEDED.newerBackupId].map((id) => data.backups.find((backup) => backup.id === id));
  expect(backups).toEqual([expect.objectContaining({ status: "active", locked: false }), expect.objectContaining({ status: "active", locked: false })]);
  expect(data.disks.find((disk) => disk.id === backups[0]!.disk_id)).toBeDefined();
});
