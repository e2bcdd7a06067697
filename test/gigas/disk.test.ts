import { validateInputs } from "../../provider/inputs";
import { diskWire } from "../../provider/gigas/wire";
import { diskArgs, diskChangeProblems, diskFromWire, diskInputForField, diskToWire, mountPointProblem } from "../../resources/gigas/disk";

test.each([
  ["/data", undefined],
  ["E:", undefined],
  ["data", 'must be an absolute path such as "/data" (or a drive such as "E:")'],
  ["/my data", "must not contain spaces"],
  ["/", 'must not be "/" (the primary disk is mounted there)'],
])("mount point %j → %s", (mountPoint, problem) => {
  expect(mountPointProblem(mountPoint)).toBe(problem);
});

test("check fills defaults; toWire sends autobackup as 1/0 and an empty mount point", () => {
  const { inputs, failures } = validateInputs(diskArgs, { virtualMachineId: 5, size: 10, mountPoint: "" });
  expect(failures).toEqual([]);
  expect(inputs).toEqual({ virtualMachineId: "5", size: 10, autobackup: false, addToLinuxFstab: false, forceReboot: false });
  expect(diskToWire(inputs as never)).toEqual({ virtual_machine_id: "5", disk_size: 10, autobackup: 0, mount_point: "", add_to_linux_fstab: false });
});

test("disks only grow", () => {
  const inputs = (size: number) => validateInputs(diskArgs, { virtualMachineId: "5", size }).inputs as never;
  expect(diskChangeProblems(inputs(10), inputs(11))).toEqual([]);
  expect(diskChangeProblems(inputs(10), inputs(9))).toEqual([{ property: "size", reason: "can only grow (from 10 GB); disks cannot shrink" }]);
});

test("wire disks map to state, flags and sizes as strings accepted", () => {
  const wire = diskWire.parse({ id: 3, virtual_machine_id: null, disk_size: "25", autobackup: "1", mount_point: "", add_to_linux_fstab: 0, status: "active", locked: false });
  expect(diskFromWire(wire)).toEqual({ diskId: "3", virtualMachineId: null, size: 25, autobackup: true, mountPoint: null, addToLinuxFstab: false, status: "active", locked: false });
});

test("disk fields a refusal names are said as the input properties: disk_size is size", () => {
  expect(["disk_size", "mount_point", "add_to_linux_fstab", "force_reboot", "virtual_machine_id"].map(diskInputForField)).toEqual([
    "size",
    "mountPoint",
    "addToLinuxFstab",
    "forceReboot",
    "virtualMachineId",
  ]);
});
