// The Gigas fixture program of the provider plugin (test/plugin/programs/gigas.ts) is one the e2e
// suite can render and import, and the objects it names are what `seedDemoData` seeds.
import { GIGAS_DEMO_IDS, createAllEmulators, seedDemoData } from "../../emulator/all";
import { definitions } from "../../resources/gigas/definitions";
import { program } from "../plugin/programs/gigas";
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

test("the network and the backups the program names are seedDemoData's: a private network in the VM's location, and two free backups of a detached disk", () => {
  const all = createAllEmulators();
  seedDemoData(all);
  const { data } = all.gigas.state;
  const vm = program.resources.find((resource) => resource.kind === "gigas:VirtualMachine")!;
  const named = (kind: string) => program.resources.find((resource) => resource.kind === kind)!.properties;
  expect(named("gigas:NetworkInterface").networkId).toBe(GIGAS_DEMO_IDS.networkId);
  expect(data.networks.find((network) => network.id === GIGAS_DEMO_IDS.networkId)).toMatchObject({ public: false, location_id: vm.properties.locationId });
  expect([named("gigas:BackupRestore").backupId, named("gigas:Template").backupId].sort()).toEqual([...GIGAS_DEMO_IDS.backupIds]);
  for (const id of GIGAS_DEMO_IDS.backupIds) {
    expect(data.backups.find((backup) => backup.id === id)).toMatchObject({ disk_id: GIGAS_DEMO_IDS.diskId, status: "active", locked: false });
  }
  expect(data.disks.find((disk) => disk.id === GIGAS_DEMO_IDS.diskId)).toMatchObject({ virtual_machine_id: null });
});

test("seedDemoData refuses a Gigas emulator that is not fresh: the ids the fixture programs name would be others", () => {
  const all = createAllEmulators();
  all.gigas.addNetwork({ label: "made before", location_id: "226661012" });
  expect(() => seedDemoData(all)).toThrow("seedDemoData needs a fresh Gigas emulator");
});
