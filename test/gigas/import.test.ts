// `pulumi import` of every Gigas kind (docs/gigas.md, "Importing (provider plugin)"): the plugin
// fixture program is created against the seeded emulator, then each resource is read back from its
// import id alone and compared with the program.
import { GIGAS_DEMO_IDS } from "../../emulator/all";
import { DEFAULT_GIGAS_API_KEY } from "../../emulator/gigas";
import { definitions } from "../../resources/gigas/definitions";
import { program } from "../plugin/programs/gigas";
import {
  type Created,
  type ImportHarness,
  createProgram,
  expectImportMatchesProgram,
  expectImportOfMissingIsGone,
  expectMalformedImportIdRefused,
  startImportHarness,
} from "../support/importHarness";

const definitionOf = (kind: string) => definitions[kind]();

let harness: ImportHarness;
let created: Map<string, Created>;
const providerOf = (kind: string) => harness.provider(definitionOf(kind));
const made = (name: string) => created.get(name)!;

beforeAll(async () => {
  harness = await startImportHarness("gigas", (url) => ({ "gigas:apiUrl": url, "gigas:apiKey": DEFAULT_GIGAS_API_KEY }), 120);
  created = await createProgram(program, providerOf);
}, 600_000); // a hang guard, not a budget
afterAll(() => harness?.stop());

const importable = program.resources.filter((resource) => resource.importId).map((resource) => [resource.name, resource.kind] as const);

test.each(importable)("%s (%s): the import id gives the created id and the program's inputs", async (name, kind) => {
  await expectImportMatchesProgram(providerOf(kind), made(name));
});

test("the VirtualMachine's import gives back what Gigas has, the root password left out", async () => {
  const imported = await providerOf("gigas:VirtualMachine").read(made("backend").id, {});
  expect(imported.inputs).toEqual({
    label: "shop backend",
    hostname: "shop-backend",
    templateId: "2266610120",
    locationId: "226661012",
    memory: 2048,
    cpus: 2,
    cpuType: "intel",
    primaryDiskSize: 20,
    swapDiskSize: 2,
    defaultFirewallPolicy: "DROP",
    note: "managed by Pulumi",
  });
  expect(JSON.stringify(imported.props)).not.toContain("Backend-Root-Password-2026");
});

test("an IpAddress is found through the network its import id names: another network finds nothing", async () => {
  const ip = made("backendIp");
  const imported = await providerOf("gigas:IpAddress").read(`${ip.outputs.networkId}/${ip.id}`, {});
  expect(imported.inputs).toMatchObject({ networkId: ip.outputs.networkId, address: "10.20.0.10", netmask: "255.255.255.0", gateway: "10.20.0.1", disallowedPrimary: false });
  const publicSpain = "2266610127";
  await expectImportOfMissingIsGone(providerOf("gigas:IpAddress"), `${publicSpain}/${ip.id}`);
});

test("a Template from a backup is imported with its backupId; a clone with the origin its import id gives, checked against its set of clones", async () => {
  const provider = providerOf("gigas:Template");
  expect((await provider.read(made("dataImage").id, {})).inputs).toEqual({ label: "shop data 2026-01-05", backupId: GIGAS_DEMO_IDS.backupIds[1] });

  const clone = await provider.check({}, { label: "ubuntu for shop", sourceTemplateId: "2266610120", userId: "226661014577", locationId: "226661013" });
  const { id } = await provider.create(clone.inputs);
  const imported = await provider.read(`${id}/2266610120/226661014577/226661013`, {});
  expect(imported.id).toBe(id);
  expect(imported.inputs).toEqual({ label: "ubuntu for shop", sourceTemplateId: "2266610120", userId: "226661014577", locationId: "226661013" });
  expect(await provider.diff(id, imported.props, clone.inputs)).toMatchObject({ changes: false });

  // Another template as the source: not of the clone's set.
  await expect(provider.read(`${id}/2266610116/226661014577/226661013`, {})).rejects.toThrow(`template ${id} is not a clone of template 2266610116`);
  await provider.delete(id, imported.props);
});

test("a VM's primary disk and primary interface are not imported as a Disk or a NetworkInterface: the VirtualMachine manages them", async () => {
  const vm = made("backend").outputs;
  await expect(providerOf("gigas:Disk").read(vm.primaryDiskId, {})).rejects.toThrow(`disk ${vm.primaryDiskId} is the primary disk of virtual machine ${vm.virtualMachineId}`);
  await expect(providerOf("gigas:Disk").read(vm.swapDiskId, {})).rejects.toThrow(`disk ${vm.swapDiskId} is the swap disk of virtual machine ${vm.virtualMachineId}`);
  await expect(providerOf("gigas:NetworkInterface").read(vm.primaryNetworkInterfaceId, {})).rejects.toThrow(
    `interface ${vm.primaryNetworkInterfaceId} is the primary interface of virtual machine ${vm.virtualMachineId}`,
  );
});

test.each([
  ["gigas:VirtualMachine", "shop-backend"],
  ["gigas:FirewallRule", ""],
  ["gigas:Disk", "disk-1"],
  ["gigas:NetworkInterface", "eth1"],
  ["gigas:IpAddress", "2266610460"],
  ["gigas:IpAddress", "22666100000/10.20.0.10"],
  ["gigas:Template", "2266610470/2266610120"],
  ["gigas:Template", "ubuntu"],
])("%s: the malformed import id %p is refused, naming the format and an example", async (kind, importId) => {
  await expectMalformedImportIdRefused(providerOf(kind), definitionOf(kind), importId);
});

test.each([
  ["gigas:VirtualMachine", "2266699999"],
  ["gigas:FirewallRule", "2266699999"],
  ["gigas:Disk", "2266699999"],
  ["gigas:NetworkInterface", "2266699999"],
  ["gigas:IpAddress", `${GIGAS_DEMO_IDS.networkId}/2266699999`],
  ["gigas:IpAddress", "2266699998/2266699999"],
  ["gigas:Template", "2266699999"],
  ["gigas:Template", "2266699999/2266610120/226661014577/226661012"],
])("%s: the import id %p of nothing is gone", async (kind, importId) => {
  await expectImportOfMissingIsGone(providerOf(kind), importId);
});

test("a BackupRestore cannot be imported: the error says why", async () => {
  const definition = definitionOf("gigas:BackupRestore");
  expect(definition.notImportable).toMatch(/one-off action/);
  await expect(providerOf("gigas:BackupRestore").read(GIGAS_DEMO_IDS.backupIds[0], {})).rejects.toThrow(`gigas:BackupRestore cannot be imported: ${definition.notImportable}`);
});
