import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ResourceDefinition } from "../../provider/dynamic";
import { CheckFailure, definedOnly } from "../../provider/inputs";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { ResourceInitializationError, camelCaseField } from "../../provider/errors";
import { DiskWire, GigasClient, IpAddressWire, NetworkInterfaceWire, TemplateWire, VirtualMachineWire, WaitContext, gigasClient } from "../../provider/gigas/client";
import { waitForTransaction } from "../../provider/gigas/transactions";
import { waitForVirtualMachineUnlocked, whenUnlocked } from "../../provider/gigas/locks";
import { VirtualMachineBody } from "../../provider/gigas/wire";
import { claimObject, tagIn, textWithTag, textWithoutTag } from "../../provider/identity";
import { createOnce, onlyCandidate } from "../../provider/reconcile";
import { claimOwner, gigasObjectKey, heldByAnother, reasonOf } from "./operation";
import { applyRules } from "./firewallRule";
import { VirtualMachineArgs, VirtualMachineInputs, virtualMachineArgs } from "./virtualMachineArgs";
import { virtualMachineImportId } from "./importIds";

export const virtualMachineState = stateSchema({
  /** The VM's Gigas id, e.g. for a `Disk`'s `virtualMachineId`. */
  virtualMachineId: z.string(),
  /** The label as Gigas shows it. */
  label: z.string(),
  /** The host name as Gigas shows it. */
  hostname: z.string(),
  /** The template the VM was built from. */
  templateId: z.string().nullable(),
  /** The location the VM runs in. */
  locationId: z.string().nullable(),
  /** Memory in MB, as Gigas reports it. */
  memory: z.number(),
  /** Number of CPUs, as Gigas reports it. */
  cpus: z.number(),
  /** The CPU type, lower case (`"intel"`). */
  cpuType: z.string().nullable(),
  /** Size of the primary disk in GB, read from the disk itself. */
  primaryDiskSize: z.number().nullable(),
  /** Size of the swap disk in GB; 0 without one. */
  swapDiskSize: z.number(),
  /** The primary interface's default policy, `"ACCEPT"` or `"DROP"`. */
  defaultFirewallPolicy: z.string().nullable(),
  /** The note, without the creation-tag line the provider keeps in it (see docs/gigas.md). */
  note: z.string(),
  /** `"unbuilt"`, `"recovery"`, `"offline"` or `"online"`. */
  status: z.string(),
  /** Whether a queued operation holds the VM (it then refuses others). */
  locked: z.boolean(),
  /** The last build failed: the next `pulumi up` builds the VM again. */
  buildFailed: z.boolean(),
  /** The installed operating system, e.g. `"linux"`; null until Gigas reports one. */
  operatingSystem: z.string().nullable(),
  /** The installed distribution, e.g. `"ubuntu"`; null until Gigas reports one. */
  operatingSystemDistro: z.string().nullable(),
  /** Every IP address on the VM's interfaces, those of the primary interface first. */
  ipAddresses: z.array(z.string()),
  /**
   * The VM's primary IP address, e.g. for a DNS record's `destination`. Gigas
   * builds every VM with a primary interface and address, so a successful create
   * or update always sets it. Only if the address is removed outside Pulumi does
   * a `pulumi refresh` find none (the value is then null, and a resource given
   * it fails its check naming the input).
   */
  primaryIpAddress: z.string().nullable(),
  /**
   * The id of the VM's primary network interface, for a `FirewallRule`'s
   * `networkInterfaceId`. Gigas builds every VM with a primary interface (the
   * create's `defaultFirewallPolicy` is its policy), so a successful create or
   * update always sets it. Only if the interface is deleted outside Pulumi does a
   * `pulumi refresh` find none (the value is then null, and a `FirewallRule`
   * given it fails its check naming `networkInterfaceId`).
   */
  primaryNetworkInterfaceId: z.string().nullable(),
  /** The id of the VM's primary disk; every VM has one (`primaryDiskSize`). */
  primaryDiskId: z.string().nullable(),
  /** The id of the VM's swap disk; null when `swapDiskSize` is 0. */
  swapDiskId: z.string().nullable(),
  /** When Gigas created the VM, as Gigas writes it; null if Gigas does not say. */
  createdAt: z.string().nullable(),
});
export type VirtualMachineState = z.infer<typeof virtualMachineState>;

/** The live VM with its disks, interfaces and addresses, as state. */
export function virtualMachineFromWire(
  vm: VirtualMachineWire,
  disks: DiskWire[],
  interfaces: NetworkInterfaceWire[],
  ips: IpAddressWire[],
): VirtualMachineState {
  const own = disks.filter((disk) => disk.virtual_machine_id === vm.id);
  const primaryDisk = own.find((disk) => disk.primary) ?? own.find((disk) => !disk.is_swap);
  const swapDisk = own.find((disk) => disk.is_swap);
  const primaryInterface = interfaces.find((i) => i.primary) ?? interfaces[0];
  const addresses = [...ips].sort((a, b) => Number(b.network_interface_id === primaryInterface?.id) - Number(a.network_interface_id === primaryInterface?.id));
  return {
    virtualMachineId: vm.id,
    label: vm.label,
    hostname: vm.hostname,
    templateId: vm.template_id ?? null,
    locationId: vm.location_id ?? null,
    memory: vm.memory,
    cpus: vm.cpus,
    cpuType: vm.cpu_type?.toLowerCase() ?? null,
    primaryDiskSize: primaryDisk?.disk_size ?? null,
    swapDiskSize: swapDisk?.disk_size ?? 0,
    defaultFirewallPolicy: primaryInterface?.default_firewall_policy?.toUpperCase() ?? null,
    note: textWithoutTag(vm.note),
    status: vm.status,
    locked: vm.locked,
    buildFailed: vm.status === "unbuilt" && !vm.locked && vm.error,
    operatingSystem: vm.operating_system,
    operatingSystemDistro: vm.operating_system_distro,
    ipAddresses: addresses.map((ip) => ip.address),
    primaryIpAddress: addresses[0]?.address ?? null,
    primaryNetworkInterfaceId: primaryInterface?.id ?? null,
    primaryDiskId: primaryDisk?.id ?? null,
    swapDiskId: swapDisk?.id ?? null,
    createdAt: vm.created_at,
  };
}

export function virtualMachineToWire(inputs: VirtualMachineInputs, creationTag?: string): VirtualMachineBody {
  return {
    label: inputs.label,
    note: textWithTag(inputs.note, creationTag),
    memory: inputs.memory,
    cpus: inputs.cpus,
    cpu_type: inputs.cpuType,
    template_id: inputs.templateId,
    hostname: inputs.hostname,
    location_id: inputs.locationId,
    primary_disk_size: inputs.primaryDiskSize,
    swap_disk_size: inputs.swapDiskSize,
    default_firewall_policy: inputs.defaultFirewallPolicy,
    ...(inputs.initialRootPassword !== undefined ? { initial_root_password: inputs.initialRootPassword } : {}),
  };
}

/** The template's minimums, which Gigas's quickstart says a VM must respect (docs/gigas.md), checked before any write. */
export function templateProblems(
  inputs: Pick<VirtualMachineInputs, "memory" | "primaryDiskSize" | "swapDiskSize">,
  template: TemplateWire,
): string[] {
  const problems: string[] = [];
  if (template.min_disk_size !== null && inputs.primaryDiskSize < template.min_disk_size) {
    problems.push(`primaryDiskSize ${inputs.primaryDiskSize} GB is below the template's minimum of ${template.min_disk_size} GB`);
  }
  if (template.min_memory_size !== null && inputs.memory < template.min_memory_size) {
    problems.push(`memory ${inputs.memory} MB is below the template's minimum of ${template.min_memory_size} MB`);
  }
  if (inputs.swapDiskSize > 0 && template.allowed_swap === false) {
    problems.push("swapDiskSize must be 0: the template does not allow a swap disk");
  }
  return problems;
}

/** Disk sizes only grow (a disk cannot shrink), and a swap disk cannot be added to a built VM. */
export function virtualMachineChangeProblems(olds: VirtualMachineInputs, news: VirtualMachineInputs): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (news.primaryDiskSize < olds.primaryDiskSize) {
    failures.push({ property: "primaryDiskSize", reason: `can only grow (from ${olds.primaryDiskSize} GB); disks cannot shrink` });
  }
  if (news.swapDiskSize < olds.swapDiskSize) {
    failures.push({ property: "swapDiskSize", reason: `can only grow (from ${olds.swapDiskSize} GB); disks cannot shrink` });
  }
  if (olds.swapDiskSize === 0 && news.swapDiskSize > 0) {
    failures.push({ property: "swapDiskSize", reason: "a swap disk can only be chosen when the VM is created; replace the VM (e.g. change its hostname) to add one" });
  }
  return failures;
}

const KIND = "gigas:VirtualMachine";

async function readState(client: GigasClient, vm: VirtualMachineWire): Promise<VirtualMachineState> {
  const [disks, interfaces] = await Promise.all([client.listDisks({ virtual_machine_id: vm.id }), client.listVirtualMachineInterfaces(vm.id)]);
  const ips = await client.listInterfaceIpAddresses(interfaces);
  return virtualMachineFromWire(vm, disks, interfaces, ips);
}

/** A disk field a refusal names is the primary or the swap disk's size; the other fields are the inputs in camelCase. */
export function virtualMachineInputForField(field: string): string {
  return field === "disk_size" ? "primaryDiskSize or swapDiskSize" : camelCaseField(field);
}

async function templateFor(client: GigasClient, inputs: VirtualMachineInputs): Promise<TemplateWire> {
  const template = await client.getTemplate(inputs.templateId);
  if (!template) {
    throw new Error(
      `${KIND} ${inputs.hostname}: template ${inputs.templateId} does not exist in Gigas account ${await client.account()}; ` +
        "list the available ones with getTemplates()",
    );
  }
  const problems = templateProblems(inputs, template);
  if (problems.length) throw new Error(`${KIND} ${inputs.hostname}: ${problems.join("; ")} (template "${template.label}")`);
  return template;
}

/**
 * The state to keep when the VM exists but is not (fully) built: every input
 * except the root password (init-failure properties bypass secret outputs),
 * plus whatever the live VM shows.
 */
async function partialState(client: GigasClient, id: string, inputs: VirtualMachineInputs): Promise<Record<string, unknown>> {
  const { initialRootPassword, ...rest } = inputs;
  let live: Partial<VirtualMachineState> = { virtualMachineId: id, buildFailed: true };
  try {
    const vm = await client.getVirtualMachine(id);
    if (vm) live = await readState(client, vm);
  } catch {
    // The reasons already say what went wrong; the id is what must be kept.
  }
  return definedOnly({ ...rest, ...live });
}

/**
 * The VM this resource's create made: its note carries the creation tag, and
 * it has the hostname, template and location these inputs ask for. (A
 * replacement is created while the VM it replaces, which carries the same
 * tag, still exists; that one differs in a replace-only input.) Without a
 * tag (a program of an older version), a VM with the same hostname and label
 * that is still unbuilt or being built.
 */
function isThisResource(vm: VirtualMachineWire, inputs: VirtualMachineInputs, creationTag: string | undefined): boolean {
  if (creationTag) {
    return (
      tagIn(vm.note) === creationTag &&
      vm.hostname === inputs.hostname &&
      (vm.template_id ?? inputs.templateId) === inputs.templateId &&
      (vm.location_id ?? inputs.locationId) === inputs.locationId
    );
  }
  return vm.hostname === inputs.hostname && vm.label === inputs.label && (vm.status === "unbuilt" || vm.locked);
}

/** Builds (or rebuilds) and waits; a failure keeps the VM in state as an initialisation error. */
async function awaitBuild(client: GigasClient, id: string, token: string | undefined, inputs: VirtualMachineInputs, context: WaitContext): Promise<VirtualMachineWire> {
  try {
    if (token) await waitForTransaction(client, token, `build of virtual machine ${inputs.hostname} (${id})`, context);
    const vm = await waitForVirtualMachineUnlocked(client, id, "reading the build result", context);
    if (!vm) throw new Error(`${KIND} ${inputs.hostname} (${id}) disappeared while it was being built`);
    if (vm.status === "unbuilt") throw new Error(`${KIND} ${inputs.hostname} (${id}): the build ended but the VM is still unbuilt`);
    return vm;
  } catch (error) {
    throw new ResourceInitializationError(id, await partialState(client, id, inputs), [
      `${reasonOf(error)}. The VM ${id} is kept in the stack: the next \`pulumi up\` builds it again (or replaces it if its inputs changed).`,
    ]);
  }
}

export const virtualMachineDefinition: ResourceDefinition<VirtualMachineInputs, typeof virtualMachineState> = {
  kind: KIND,
  secretProperties: ["initialRootPassword"],
  inputs: virtualMachineArgs,
  state: virtualMachineState,
  replaceOnChanges: ["hostname", "templateId", "locationId", "cpuType"],
  ignoreChanges: ["initialRootPassword", "forceReboot", "timeouts"],
  inputForField: virtualMachineInputForField,
  defaultTimeouts: { create: 30 * 60_000, update: 30 * 60_000, delete: 20 * 60_000 },
  checkChange: virtualMachineChangeProblems,
  /**
   * `virtualMachineId`, e.g. `2266610432`. Read gives back every input but
   * `initialRootPassword` (create-only, never causes a diff) and the
   * behaviour switches `forceReboot` and `timeouts`.
   */
  importId: virtualMachineImportId,

  async create(inputs, context) {
    const client = gigasClient(context.settings, context);
    await templateFor(client, inputs);
    // The note carries the creation tag: after a crash, the VM it marks is this resource's.
    const description = `creating virtual machine ${inputs.hostname}`;
    const owner = claimOwner(context);
    const { object: vm } = await createOnce<VirtualMachineWire>({
      attempt: () => client.createVirtualMachine(virtualMachineToWire(inputs, context.creationTag)),
      find: async () => {
        const candidates: VirtualMachineWire[] = [];
        for (const vm of await client.listVirtualMachines()) {
          if (isThisResource(vm, inputs, context.creationTag) && !heldByAnother(await gigasObjectKey(client, "virtual_machine", vm.id), owner)) candidates.push(vm);
        }
        return onlyCandidate(candidates, (vm) => vm.id, `${KIND} ${inputs.hostname}`);
      },
      description,
      clock: context.clock,
      logger: context.logger,
    });
    claimObject(await gigasObjectKey(client, "virtual_machine", vm.id), owner, `Gigas virtual machine ${vm.id} (${vm.hostname})`);
    const built = await awaitBuild(client, vm.id, vm.queue_token ?? undefined, inputs, context);
    return { id: built.id, state: await readState(client, built) };
  },

  async read(id, _state, context) {
    const client = gigasClient(context.settings, context);
    const vm = await client.getVirtualMachine(id);
    return vm && readState(client, vm);
  },

  async update(id, _olds, news, context) {
    const client = gigasClient(context.settings, context);
    const gone = () => new Error(`${KIND} ${news.hostname} (${id}) no longer exists; run \`pulumi refresh\``);
    let vm = await waitForVirtualMachineUnlocked(client, id, "updating it", context);
    if (!vm) throw gone();

    // A failed build left it unbuilt: build it again before anything else.
    if (vm.status === "unbuilt") {
      await templateFor(client, news);
      const token = await client.buildVirtualMachine(id, {
        template_id: news.templateId,
        ...(news.initialRootPassword !== undefined ? { initial_root_password: news.initialRootPassword } : {}),
      });
      vm = await awaitBuild(client, id, token, news, context);
    }

    const edit: Record<string, string | number> = {};
    if (vm.label !== news.label) edit.label = news.label;
    // Keep the creation tag the note carries.
    if (textWithoutTag(vm.note) !== news.note) edit.note = textWithTag(news.note, tagIn(vm.note));
    if (vm.memory !== news.memory) {
      // A template withdrawn since the build does not block other changes; its minimum still applies if it is listed.
      const template = await client.getTemplate(news.templateId);
      if (template?.min_memory_size != null && news.memory < template.min_memory_size) {
        throw new Error(
          `${KIND} ${news.hostname}: memory ${news.memory} MB is below the template's minimum of ${template.min_memory_size} MB (template "${template.label}")`,
        );
      }
      edit.memory = news.memory;
    }
    if (vm.cpus !== news.cpus) edit.cpus = news.cpus;
    if (Object.keys(edit).length > 0) {
      // Absolute values: an edit whose answer was lost (and that may hold the VM now) is simply sent again once the VM is free.
      const edited = await whenUnlocked(client, id, "changing it", context, async () => ({ token: await client.editVirtualMachine(id, edit) }));
      if (!edited) throw gone();
      if (edited.token) await waitForTransaction(client, edited.token, `update of virtual machine ${news.hostname}`, context);
    }

    const live = await readState(client, (await waitForVirtualMachineUnlocked(client, id, "resizing its disks", context)) ?? vm);
    const grow: [string | null, number | null, number, string][] = [
      [live.primaryDiskId, live.primaryDiskSize, news.primaryDiskSize, "primary disk"],
      [live.swapDiskId, live.swapDiskSize, news.swapDiskSize, "swap disk"],
    ];
    for (const [diskId, current, wanted, what] of grow) {
      if (diskId === null || current === null || wanted <= current) continue;
      const body = { disk_size: wanted, ...(news.forceReboot ? { force_reboot: true } : {}) };
      const grown = await whenUnlocked(client, id, `growing its ${what}`, context, async () => ({ token: await client.editDisk(diskId, body) }));
      if (!grown) throw gone();
      if (grown.token) await waitForTransaction(client, grown.token, `growing the ${what} of ${news.hostname} to ${wanted} GB`, context);
    }

    // The policy is the primary interface's: set in place ("Set default policy", the firewall page), then applied like a rule change.
    const interfaces = await client.listVirtualMachineInterfaces(id);
    const primaryInterface = interfaces.find((i) => i.primary) ?? interfaces[0];
    if (primaryInterface && primaryInterface.default_firewall_policy?.toUpperCase() !== news.defaultFirewallPolicy) {
      await client.setDefaultFirewallPolicy(primaryInterface.id, news.defaultFirewallPolicy);
      await applyRules(client, primaryInterface.id, context);
    }

    const final = await waitForVirtualMachineUnlocked(client, id, "reading it back", context);
    if (!final) throw gone();
    return readState(client, final);
  },

  async delete(id, state, context) {
    const client = gigasClient(context.settings, context);
    const token = await whenUnlocked(client, id, "deleting it", context, () => client.deleteVirtualMachine(id));
    if (token) await waitForTransaction(client, token, `deletion of virtual machine ${state.hostname ?? id}`, context);
  },
};

/**
 * A Gigas cloud virtual machine, built from a template through the
 * transaction queue. Label, note, memory, CPUs and disk sizes (grow only;
 * a grow that needs a reboot only with `forceReboot`) and the default firewall
 * policy (of the primary interface) change in place; hostname, template,
 * location and CPU type replace the VM. A failed build keeps the VM in the stack
 * and the next `pulumi up` builds it again.
 */
export class VirtualMachine extends resourceClass<
  VirtualMachineArgs,
  "templateId" | "locationId" | "cpuType" | "primaryDiskSize" | "defaultFirewallPolicy" | "primaryIpAddress" | "primaryNetworkInterfaceId" | "primaryDiskId"
>()(virtualMachineDefinition) {}
