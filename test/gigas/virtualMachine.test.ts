import { validateInputs } from "../../provider/inputs";
import { diskWire, ipAddressWire, networkInterfaceWire, templateWire, virtualMachineWire } from "../../provider/gigas/wire";
import { hostnameProblem, virtualMachineArgs } from "../../resources/gigas/virtualMachineArgs";
import { templateProblems, virtualMachineChangeProblems, virtualMachineFromWire, virtualMachineInputForField, virtualMachineToWire } from "../../resources/gigas/virtualMachine";

const valid = { label: "web", hostname: "web1", templateId: 2266610116, locationId: "226661012", memory: 512, cpus: 1, primaryDiskSize: 5 };

test.each([
  ["web", undefined],
  ["a".repeat(25), undefined],
  ["a".repeat(26), "must be at most 25 characters (got 26)"],
  ["9lives", "must not start with a digit"],
  ["web.example", "may contain only letters, digits and hyphens, starting with a letter"],
  ["web-", "must not end with a hyphen"],
  ["", "must not be empty"],
])("hostname %j → %s", (hostname, problem) => {
  expect(hostnameProblem(hostname)).toBe(problem);
});

test("check normalizes: ids to strings, defaults, case", () => {
  const { inputs, failures } = validateInputs(virtualMachineArgs, { ...valid, cpuType: "INTEL", defaultFirewallPolicy: "drop" });
  expect(failures).toEqual([]);
  expect(inputs).toEqual({
    ...valid,
    templateId: "2266610116",
    cpuType: "intel",
    defaultFirewallPolicy: "DROP",
    swapDiskSize: 0,
    note: "",
    forceReboot: false,
  });
});

test("cpuType: only intel, the one CPU type the documents show, naming cpuType", () => {
  expect(validateInputs(virtualMachineArgs, { ...valid, cpuType: "amd" }).failures).toEqual([
    { property: "cpuType", reason: "must be intel, the only CPU type Gigas documents" },
  ]);
});

test("a field a Gigas refusal names is said as the input property", () => {
  expect(["cpu_type", "primary_disk_size", "default_firewall_policy", "force_reboot", "disk_size"].map(virtualMachineInputForField)).toEqual([
    "cpuType",
    "primaryDiskSize",
    "defaultFirewallPolicy",
    "forceReboot",
    "primaryDiskSize or swapDiskSize",
  ]);
});

test.each([
  [{ memory: "512" }, "memory", "must be a number of MB"],
  [{ swapDiskSize: -1 }, "swapDiskSize", "must be at least 0 GB"],
  [{ initialRootPassword: "short" }, "initialRootPassword", "must be at least 8 characters"],
  [{ locationId: "" }, "locationId", "must be a Gigas location id, e.g. from getLocations() (digits)"],
  [{ label: "  " }, "label", "must not be empty"],
  [{ timeouts: { create: "soon" } }, "timeouts.create", '"soon" is not a duration; write it like "90s", "10m" or "1h30m"'],
])("check rejects %j at %s", (change, property, reason) => {
  expect(validateInputs(virtualMachineArgs, { ...valid, ...change }).failures).toEqual([{ property, reason }]);
});

const template = (fields: Record<string, unknown>) => templateWire.parse({ id: 1, label: "t", min_disk_size: 10, min_memory_size: 1024, allowed_swap: 1, ...fields });

test.each([
  [{ memory: 1024, primaryDiskSize: 10, swapDiskSize: 1 }, {}, []],
  [{ memory: 512, primaryDiskSize: 10, swapDiskSize: 0 }, {}, ["memory 512 MB is below the template's minimum of 1024 MB"]],
  [{ memory: 2048, primaryDiskSize: 9, swapDiskSize: 0 }, {}, ["primaryDiskSize 9 GB is below the template's minimum of 10 GB"]],
  [{ memory: 2048, primaryDiskSize: 20, swapDiskSize: 1 }, { allowed_swap: 0 }, ["swapDiskSize must be 0: the template does not allow a swap disk"]],
  [{ memory: 256, primaryDiskSize: 1, swapDiskSize: 1 }, { min_disk_size: null, min_memory_size: "", allowed_swap: null }, []],
])("template minimums %j against %j", (inputs, fields, problems) => {
  expect(templateProblems(inputs, template(fields))).toEqual(problems);
});

test("disks only grow; swap cannot be added later", () => {
  const olds = validateInputs(virtualMachineArgs, { ...valid, primaryDiskSize: 10 }).inputs as never;
  const news = (change: Record<string, unknown>) => validateInputs(virtualMachineArgs, { ...valid, primaryDiskSize: 10, ...change }).inputs as never;
  expect(virtualMachineChangeProblems(olds, news({ primaryDiskSize: 20 }))).toEqual([]);
  expect(virtualMachineChangeProblems(olds, news({ primaryDiskSize: 8 })).map((f) => f.property)).toEqual(["primaryDiskSize"]);
  expect(virtualMachineChangeProblems(olds, news({ swapDiskSize: 1 }))[0].reason).toMatch(/only be chosen when the VM is created/);
});

test("the wire VM, its disks, interfaces and IPs map to state; numbers and flags as strings are accepted", () => {
  const vm = virtualMachineWire.parse({
    id: "226661014786",
    label: "web",
    hostname: "web",
    status: "online",
    locked: "0",
    memory: "512",
    cpus: 1,
    cpu_type: "Intel",
    template_id: 2266610116,
    location_id: "226661012",
    note: null,
    operating_system: "linux",
    operating_system_distro: "ubuntu",
    created_at: "2026-02-25T15:55:33",
    error: 0,
  });
  const disks = [
    diskWire.parse({ id: 1, virtual_machine_id: "226661014786", disk_size: "10", primary: true, is_swap: false }),
    diskWire.parse({ id: 2, virtual_machine_id: "226661014786", disk_size: 1, is_swap: 1 }),
    diskWire.parse({ id: 3, virtual_machine_id: "226661014786", disk_size: 50, is_swap: false }),
  ];
  const interfaces = [
    networkInterfaceWire.parse({ id: 7, primary: false, default_firewall_policy: "drop" }),
    networkInterfaceWire.parse({ id: 8, primary: true, default_firewall_policy: "accept" }),
  ];
  const ips = [ipAddressWire.parse({ id: 1, address: "10.0.0.5", network_interface_id: 7 }), ipAddressWire.parse({ id: 2, address: "203.0.113.9", network_interface_id: "8" })];
  expect(virtualMachineFromWire(vm, disks, interfaces, ips)).toEqual({
    virtualMachineId: "226661014786",
    label: "web",
    hostname: "web",
    templateId: "2266610116",
    locationId: "226661012",
    memory: 512,
    cpus: 1,
    cpuType: "intel",
    primaryDiskSize: 10,
    swapDiskSize: 1,
    defaultFirewallPolicy: "ACCEPT",
    note: "",
    status: "online",
    locked: false,
    buildFailed: false,
    operatingSystem: "linux",
    operatingSystemDistro: "ubuntu",
    ipAddresses: ["203.0.113.9", "10.0.0.5"],
    primaryIpAddress: "203.0.113.9",
    primaryNetworkInterfaceId: "8",
    primaryDiskId: "1",
    swapDiskId: "2",
    createdAt: "2026-02-25T15:55:33",
  });
  const failed = virtualMachineWire.parse({ id: 1, label: "x", hostname: "x", status: "unbuilt", locked: false, memory: 1, cpus: 1, error: 1 });
  expect(virtualMachineFromWire(failed, [], [], [])).toMatchObject({ buildFailed: true, primaryDiskSize: null, swapDiskSize: 0, ipAddresses: [], primaryIpAddress: null });
});

test("toWire sends the quickstart's body, the root password only when given", () => {
  const inputs = validateInputs(virtualMachineArgs, valid).inputs as never;
  expect(virtualMachineToWire(inputs)).toEqual({
    label: "web",
    note: "",
    memory: 512,
    cpus: 1,
    cpu_type: "intel",
    template_id: "2266610116",
    hostname: "web1",
    location_id: "226661012",
    primary_disk_size: 5,
    swap_disk_size: 0,
    default_firewall_policy: "ACCEPT",
  });
});
