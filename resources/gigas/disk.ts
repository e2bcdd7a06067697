import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ResourceDefinition, timeoutsInput } from "../../provider/dynamic";
import { CheckFailure } from "../../provider/inputs";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { ResourceInitializationError, camelCaseField } from "../../provider/errors";
import { DiskWire, GigasClient, WaitContext, gigasClient } from "../../provider/gigas/client";
import { waitForTransaction } from "../../provider/gigas/transactions";
import { waitForVirtualMachineUnlocked, waitUntilFree, whenUnlocked } from "../../provider/gigas/locks";
import { DiskBody } from "../../provider/gigas/wire";
import { claimObject } from "../../provider/identity";
import { KeyedMutex } from "../../provider/limit";
import { createOnce, onlyCandidate } from "../../provider/reconcile";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { claimOwner, findCreated, gigasObjectKey, heldByAnother, reasonOf } from "./operation";
import { vendorId } from "../vendorId";
import { diskImportId, readsForImport } from "./importIds";

/** A Linux path ("/data") or a Windows drive ("E:"). */
export function mountPointProblem(mountPoint: string): string | undefined {
  if (/^[A-Za-z]:\\?$/.test(mountPoint)) return undefined;
  if (!mountPoint.startsWith("/")) return 'must be an absolute path such as "/data" (or a drive such as "E:")';
  if (/\s/.test(mountPoint)) return "must not contain spaces";
  if (mountPoint === "/") return 'must not be "/" (the primary disk is mounted there)';
  return undefined;
}

export const diskArgs = z
  .object({
    virtualMachineId: vendorId("a Gigas virtual machine id, e.g. a VirtualMachine's virtualMachineId"),
    size: z.number({ error: "must be a number of GB" }).int("must be a whole number of GB").min(1, "must be at least 1 GB").max(16_384, "must be at most 16384 GB"),
    autobackup: z.boolean({ error: "must be true or false" }).default(false),
    mountPoint: z
      .string()
      .trim()
      .superRefine((value, context) => {
        const problem = value === "" ? undefined : mountPointProblem(value);
        if (problem) context.addIssue({ code: "custom", message: problem });
      })
      .transform((value) => (value === "" ? undefined : value))
      .optional(),
    addToLinuxFstab: z.boolean({ error: "must be true or false" }).default(false),
    forceReboot: z.boolean({ error: "must be true or false" }).default(false),
    formatTrigger: z
      .string({ error: "must be a string, e.g. a date or a ticket number" })
      .trim()
      .min(1, "must not be empty (omit it for none)")
      .max(255, "must be at most 255 characters")
      .optional(),
    timeouts: timeoutsInput,
  })
  .strict()
  .superRefine((args, context) => {
    if (args.addToLinuxFstab && !args.mountPoint?.startsWith("/")) {
      context.addIssue({ code: "custom", path: ["mountPoint"], message: "is required (a Linux path) when addToLinuxFstab is true" });
    }
  });

/** The arguments of a `Disk`; see docs/gigas.md. */
export interface DiskArgs {
  /**
   * The VM the disk is attached to: a `VirtualMachine`'s `virtualMachineId`, as a
   * number or digits. Changing it moves the disk to the other VM in place (a
   * queued operation); the data stays on the disk.
   */
  virtualMachineId: pulumi.Input<string | number>;
  /**
   * Size in GB, 1–16384, e.g. `50`. Changes in place (a queued operation), and can
   * only grow; a resize of a disk on a running VM needs `forceReboot`.
   */
  size: pulumi.Input<number>;
  /** Whether Gigas backs the disk up automatically (default false). Changes in place. */
  autobackup?: pulumi.Input<boolean>;
  /**
   * Where the disk is mounted: an absolute Linux path such as `"/srv/data"` or a
   * Windows drive such as `"E:"`; omitted or `""` for none (the default). A mount
   * point also lets an interrupted create find its disk again. Changes in place.
   */
  mountPoint?: pulumi.Input<string>;
  /**
   * Add the disk to the VM's `/etc/fstab` (default false); needs a Linux
   * `mountPoint`. Changes in place.
   */
  addToLinuxFstab?: pulumi.Input<boolean>;
  /**
   * Lets Gigas reboot the attached VM when a change needs it, e.g. a resize
   * (default false); without it such a change is refused, naming this input.
   * Sent with edits only; never causes a diff by itself.
   */
  forceReboot?: pulumi.Input<boolean>;
  /**
   * Any text; setting or changing it on an existing disk formats the disk (the
   * disk page's "Build (format)"), ERASING EVERYTHING ON IT. Not used at
   * create (a new disk is empty); removing it formats nothing.
   */
  formatTrigger?: pulumi.Input<string>;
  /** Deadlines for create, update and delete (default 20m each). Never causes a diff. */
  timeouts?: pulumi.Input<Timeouts>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<DiskArgs, typeof diskArgs>>;
type DiskInputs = z.output<typeof diskArgs>;

export const diskState = stateSchema({
  /** The disk's Gigas id. */
  diskId: z.string(),
  /**
   * The VM the disk is attached to. Create and update always attach it; only if
   * the disk is detached outside Pulumi does a `pulumi refresh` find none (the
   * value is then null, and the next `pulumi up` attaches it again).
   */
  virtualMachineId: z.string().nullable(),
  /** Size in GB, as Gigas reports it. */
  size: z.number(),
  /** Whether Gigas backs the disk up automatically. */
  autobackup: z.boolean(),
  /** Where the disk is mounted; null for none. */
  mountPoint: z.string().nullable(),
  /** Whether the disk is in the VM's `/etc/fstab`. */
  addToLinuxFstab: z.boolean(),
  /** The disk's status as Gigas reports it (`"pending"` while being made); null if Gigas reports none. */
  status: z.string().nullable(),
  /** Whether a queued operation holds the disk. */
  locked: z.boolean(),
});
export type DiskState = z.infer<typeof diskState>;

export function diskFromWire(wire: DiskWire): DiskState {
  const mountPoint = wire.mount_point?.trim() ?? "";
  return {
    diskId: wire.id,
    virtualMachineId: wire.virtual_machine_id ?? null,
    size: wire.disk_size,
    autobackup: wire.autobackup ?? false,
    mountPoint: mountPoint === "" ? null : mountPoint,
    addToLinuxFstab: wire.add_to_linux_fstab ?? false,
    status: wire.status,
    locked: wire.locked ?? false,
  };
}

/** The create body: the disk page's Edit fields for a new disk (no `force_reboot`, which concerns edits; docs/gigas.md). */
export function diskToWire(inputs: DiskInputs): DiskBody {
  return {
    virtual_machine_id: inputs.virtualMachineId,
    disk_size: inputs.size,
    autobackup: inputs.autobackup ? 1 : 0,
    mount_point: inputs.mountPoint ?? "",
    add_to_linux_fstab: inputs.addToLinuxFstab,
  };
}

/** The disk page's `disk_size` is this resource's `size`; the other fields are the inputs in camelCase. */
export function diskInputForField(field: string): string {
  return field === "disk_size" ? "size" : camelCaseField(field);
}

export function diskChangeProblems(olds: DiskInputs, news: DiskInputs): CheckFailure[] {
  return news.size < olds.size ? [{ property: "size", reason: `can only grow (from ${olds.size} GB); disks cannot shrink` }] : [];
}

const KIND = "gigas:Disk";

const createLocks = new KeyedMutex();

async function waitForDiskUnlocked(client: GigasClient, diskId: string, context: WaitContext): Promise<DiskWire | undefined> {
  return waitUntilFree(`disk ${diskId}`, () => client.getDisk(diskId), context);
}

/** The disk has exactly the settings these inputs give a new extra disk. */
function hasInputs(disk: DiskWire, inputs: DiskInputs): boolean {
  const live = diskFromWire(disk);
  return (
    !disk.primary &&
    !disk.is_swap &&
    live.virtualMachineId === inputs.virtualMachineId &&
    live.size === inputs.size &&
    live.autobackup === inputs.autobackup &&
    live.mountPoint === (inputs.mountPoint ?? null) &&
    live.addToLinuxFstab === inputs.addToLinuxFstab
  );
}

/** Still being made: the create's transaction holds it (the emulator, and presumably Gigas, say "pending" until then). */
function beingCreated(disk: DiskWire): boolean {
  return disk.locked === true || disk.status?.toLowerCase() === "pending";
}

/**
 * The disk an interrupted create of this resource left, if any. A Gigas disk
 * has no label or note to carry the creation tag (docs/gigas.md, disks), so it is
 * recognised by its settings on the VM, among the disks no other resource of
 * this command holds:
 * - with a mount point, the disk mounted there with these settings, finished
 *   or not: two disks cannot share a mount point, so it is the one declared;
 * - without one, only a disk still being created: two identical unmounted
 *   disks are a legitimate thing to declare, and taking a finished one
 *   could take a sibling's disk (whose destroy would then erase the other's
 *   data). A finished one is passed by, and a new disk is created.
 */
async function interruptedCreate(
  client: GigasClient,
  disks: DiskWire[],
  inputs: DiskInputs,
  owner: string,
  description: string,
): Promise<DiskWire | undefined> {
  const free: DiskWire[] = [];
  for (const disk of disks) {
    if (!hasInputs(disk, inputs) || (inputs.mountPoint === undefined && !beingCreated(disk))) continue;
    if (!heldByAnother(await gigasObjectKey(client, "disk", disk.id), owner)) free.push(disk);
  }
  return onlyCandidate(free, (disk) => disk.id, description);
}

/** Disk operations are VM operations: wait until no other operation holds the VM. */
async function waitForVirtualMachine(client: GigasClient, vmId: string, what: string, context: WaitContext): Promise<void> {
  const vm = await waitForVirtualMachineUnlocked(client, vmId, what, context);
  if (!vm) throw new Error(`${KIND}: virtual machine ${vmId} does not exist`);
}

export const diskDefinition: ResourceDefinition<DiskInputs, typeof diskState> = {
  kind: KIND,
  inputs: diskArgs,
  state: diskState,
  replaceOnChanges: [],
  ignoreChanges: ["forceReboot", "timeouts"],
  inputForField: diskInputForField,
  defaultTimeouts: { create: 20 * 60_000, update: 20 * 60_000, delete: 20 * 60_000 },
  checkChange: diskChangeProblems,
  /**
   * `diskId`, e.g. `2266610440`. Read gives back every input but
   * `formatTrigger`, which Gigas keeps no trace of: an imported disk has none,
   * so a program that sets it formats the disk at the first `pulumi up` after
   * the import, as setting it on any existing disk does. Import without it.
   */
  importId: diskImportId,

  async create(inputs, context) {
    const client = gigasClient(context.settings, context);
    const owner = claimOwner(context);
    const description = `${KIND}: adding a ${inputs.size} GB disk to virtual machine ${inputs.virtualMachineId}`;
    // Creates on one VM take turns in this process, so each looks for its disk knowing which ones the others took.
    const { object: disk, resumed } = await createLocks.run(`${client.http.baseUrl}|${inputs.virtualMachineId}`, async () => {
      await waitForVirtualMachine(client, inputs.virtualMachineId, "adding a disk", context);
      const found = await createOnce<DiskWire>({
        // Another operation may take the VM between the wait above and the POST: a locked refusal applied nothing.
        attempt: async () => {
          const made = await whenUnlocked(client, inputs.virtualMachineId, "adding a disk", context, () => client.createDisk(diskToWire(inputs)));
          if (!made) throw new Error(`${KIND}: virtual machine ${inputs.virtualMachineId} does not exist`);
          return made;
        },
        find: findCreated(
          () => client.listDisks({ virtual_machine_id: inputs.virtualMachineId }),
          (disks) => interruptedCreate(client, disks, inputs, owner, description),
          (disk) => hasInputs(disk, inputs),
          description,
        ),
        description,
        clock: context.clock,
        logger: context.logger,
      });
      claimObject(await gigasObjectKey(client, "disk", found.object.id), owner, `Gigas disk ${found.object.id}`);
      return found;
    });
    try {
      if (!resumed && disk.queue_token) await waitForTransaction(client, disk.queue_token, `creation of disk ${disk.id}`, context);
      const ready = await waitForDiskUnlocked(client, disk.id, context);
      if (!ready) throw new Error(`disk ${disk.id} was removed by the vendor after its creation failed`);
      return { id: disk.id, state: diskFromWire(ready) };
    } catch (error) {
      const leftover = await client.getDisk(disk.id).catch(() => undefined);
      // A disk the vendor rolled back is simply not created; one that exists is kept to be finished next time.
      if (!leftover) throw error;
      throw new ResourceInitializationError(disk.id, { ...inputs, ...diskFromWire(leftover) }, [
        `${reasonOf(error)}. Disk ${disk.id} is kept in the stack; the next \`pulumi up\` continues from it.`,
      ]);
    }
  },

  async read(id, state, context) {
    const client = gigasClient(context.settings, context);
    const disk = await client.getDisk(id);
    if (disk && (disk.primary || disk.is_swap) && readsForImport(state, "size")) {
      throw new Error(
        `${KIND}: disk ${id} is the ${disk.primary ? "primary" : "swap"} disk of virtual machine ${disk.virtual_machine_id}, ` +
          "which its VirtualMachine manages (primaryDiskSize, swapDiskSize); a Disk is an extra disk",
      );
    }
    return disk && diskFromWire(disk);
  },

  async update(id, olds, news, context) {
    const client = gigasClient(context.settings, context);
    const current = await waitForDiskUnlocked(client, id, context);
    if (!current) throw new Error(`${KIND} ${id} no longer exists; run \`pulumi refresh\``);
    const live = diskFromWire(current);
    const body: DiskBody = {};
    if (live.size !== news.size) body.disk_size = news.size;
    if (live.virtualMachineId !== news.virtualMachineId) body.virtual_machine_id = news.virtualMachineId;
    if (live.autobackup !== news.autobackup) body.autobackup = news.autobackup ? 1 : 0;
    if (live.mountPoint !== (news.mountPoint ?? null)) body.mount_point = news.mountPoint ?? "";
    if (live.addToLinuxFstab !== news.addToLinuxFstab) body.add_to_linux_fstab = news.addToLinuxFstab;
    if (Object.keys(body).length > 0) {
      if (news.forceReboot) body.force_reboot = true;
      // Every VM involved must be free. The values are absolute: an edit whose answer was lost (and that may hold
      // the VMs now) is simply sent again once they are free.
      const [first, ...others] = [...new Set([live.virtualMachineId, news.virtualMachineId])].filter((vmId): vmId is string => vmId !== null);
      const edit = async () => {
        for (const vmId of others) await waitForVirtualMachine(client, vmId, `changing disk ${id}`, context);
        return { token: await client.editDisk(id, body) };
      };
      const edited = first ? await whenUnlocked(client, first, `changing disk ${id}`, context, edit) : await edit();
      if (!edited) throw new Error(`${KIND}: virtual machine ${first} does not exist`);
      if (edited.token) await waitForTransaction(client, edited.token, `change of disk ${id}`, context);
    }
    if (news.formatTrigger !== undefined && news.formatTrigger !== olds.formatTrigger) {
      // The build is a VM operation too. Not repeated blindly (the HTTP core never repeats a POST): a second format is harmless
      // to the data (already erased) but an answer lost here surfaces as an error, and the next `up` formats again.
      const vmId = news.virtualMachineId;
      const token = await whenUnlocked(client, vmId, `formatting disk ${id}`, context, async () => {
        await waitForDiskUnlocked(client, id, context);
        return client.buildDisk(id);
      });
      if (token === undefined) throw new Error(`${KIND}: virtual machine ${vmId} does not exist`);
      await waitForTransaction(client, token, `format (build) of disk ${id}`, context);
    }
    const final = await waitForDiskUnlocked(client, id, context);
    if (!final) throw new Error(`${KIND} ${id} disappeared while it was being changed`);
    return diskFromWire(final);
  },

  async delete(id, _state, context) {
    const client = gigasClient(context.settings, context);
    const disk = await waitForDiskUnlocked(client, id, context);
    if (!disk) return;
    const vmId = disk.virtual_machine_id;
    const token = vmId
      ? await whenUnlocked(client, vmId, `deleting disk ${id}`, context, () => client.deleteDisk(id))
      : await client.deleteDisk(id);
    // With the VM gone, its deletion took its disks with it, or the disk is free now.
    if (vmId && token === undefined && (await client.getDisk(id))) {
      const detached = await client.deleteDisk(id);
      if (detached) await waitForTransaction(client, detached, `deletion of disk ${id}`, context);
      return;
    }
    if (token) await waitForTransaction(client, token, `deletion of disk ${id}`, context);
  },
};

/**
 * An extra disk attached to a Gigas virtual machine. Size (grow only),
 * autobackup, mount point and the VM it is attached to change in place,
 * through the transaction queue where the vendor queues them; a change that
 * reboots the VM only with `forceReboot`. Deleting it erases its data.
 */
export class Disk extends resourceClass<DiskArgs, "virtualMachineId">()(diskDefinition) {}
