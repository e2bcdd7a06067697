import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ResourceDefinition, timeoutsInput } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { ResourceInitializationError } from "../../provider/errors";
import { GigasClient, NetworkInterfaceWire, WaitContext, gigasClient } from "../../provider/gigas/client";
import { waitForTransaction } from "../../provider/gigas/transactions";
import { waitForVirtualMachineUnlocked, whenUnlocked } from "../../provider/gigas/locks";
import { NetworkInterfaceBody, NetworkInterfaceEdit } from "../../provider/gigas/wire";
import { claimObject } from "../../provider/identity";
import { KeyedMutex } from "../../provider/limit";
import { createOnce, onlyCandidate } from "../../provider/reconcile";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { vendorId } from "../vendorId";
import { applyRules } from "./firewallRule";
import { claimOwner, findCreated, gigasObjectKey, heldByAnother, reasonOf } from "./operation";
import { FIREWALL_POLICIES } from "./virtualMachineArgs";
import { networkInterfaceImportId, readsForImport } from "./importIds";

export const networkInterfaceArgs = z
  .object({
    virtualMachineId: vendorId("a Gigas virtual machine id, e.g. a VirtualMachine's virtualMachineId"),
    networkId: vendorId("a Gigas network id, e.g. from getNetworks()"),
    label: z.string().trim().min(1, "must not be empty").max(255, "must be at most 255 characters"),
    defaultFirewallPolicy: z
      .string()
      .transform((value) => value.trim().toUpperCase())
      .pipe(z.enum(FIREWALL_POLICIES, { error: `must be ${FIREWALL_POLICIES.join(" or ")}` }))
      .default("ACCEPT"),
    timeouts: timeoutsInput,
  })
  .strict();

/** The arguments of a `NetworkInterface`; see docs/gigas.md. */
export interface NetworkInterfaceArgs {
  /**
   * The VM the interface is attached to: a `VirtualMachine`'s `virtualMachineId`, as a
   * number or digits. Changing it replaces the interface.
   */
  virtualMachineId: pulumi.Input<string | number>;
  /**
   * The network the interface is on, an id from `getNetworks()` (the network must be in
   * the VM's location or span datacenters). Changes in place (a queued move); the
   * addresses the interface had on the old network are released.
   */
  networkId: pulumi.Input<string | number>;
  /**
   * A name for the interface, 1–255 characters, e.g. `"backend"`. Also how an
   * interrupted create finds its interface again: give each interface of a VM on one
   * network its own label. Changes in place.
   */
  label: pulumi.Input<string>;
  /**
   * What the interface does with traffic no `FirewallRule` matches: `"ACCEPT"` (the
   * default) or `"DROP"` (any case). Changes in place (set, then the interface's rules
   * are applied, a queued operation).
   */
  defaultFirewallPolicy?: pulumi.Input<string>;
  /** Deadlines for create, update and delete (default 15m each). Never causes a diff. */
  timeouts?: pulumi.Input<Timeouts>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<NetworkInterfaceArgs, typeof networkInterfaceArgs>>;
type NetworkInterfaceInputs = z.output<typeof networkInterfaceArgs>;

export const networkInterfaceState = stateSchema({
  /** The interface's Gigas id, e.g. for a `FirewallRule`'s or an `IpAddress`'s `networkInterfaceId`. */
  networkInterfaceId: z.string(),
  /** The VM the interface is attached to. */
  virtualMachineId: z.string(),
  /** The network the interface is on; null if Gigas reports none. */
  networkId: z.string().nullable(),
  /** The label as Gigas shows it. */
  label: z.string(),
  /** `"ACCEPT"` or `"DROP"`; null if Gigas reports none. */
  defaultFirewallPolicy: z.string().nullable(),
  /** Whether this is the VM's primary interface (one this resource creates never is). */
  primary: z.boolean(),
  /** The interface's MAC address; null if Gigas reports none. */
  macAddress: z.string().nullable(),
  /** The VLAN of the interface's network; null if Gigas reports none. */
  vlan: z.number().nullable(),
  /** The interface's status as Gigas reports it (`"pending"` while being attached); null if none. */
  status: z.string().nullable(),
});
export type NetworkInterfaceState = z.infer<typeof networkInterfaceState>;

export function networkInterfaceFromWire(wire: NetworkInterfaceWire, virtualMachineId?: string): NetworkInterfaceState {
  return {
    networkInterfaceId: wire.id,
    virtualMachineId: wire.virtual_machine_id ?? virtualMachineId ?? "",
    networkId: wire.network_id ?? null,
    label: wire.label ?? "",
    defaultFirewallPolicy: wire.default_firewall_policy?.toUpperCase() ?? null,
    primary: wire.primary ?? false,
    macAddress: wire.mac_address,
    vlan: wire.vlan,
    status: wire.status,
  };
}

/** The create body (not documented: the interface fields a new interface needs, a guess listed in docs/gigas.md). */
export function networkInterfaceToWire(inputs: NetworkInterfaceInputs): NetworkInterfaceBody {
  return {
    virtual_machine_id: inputs.virtualMachineId,
    network_id: inputs.networkId,
    label: inputs.label,
    default_firewall_policy: inputs.defaultFirewallPolicy,
  };
}

/** The network interfaces page's Edit fields that differ: `label`, `network_id`. */
export function networkInterfaceEdit(live: NetworkInterfaceState, inputs: NetworkInterfaceInputs): NetworkInterfaceEdit {
  const edit: NetworkInterfaceEdit = {};
  if (live.label !== inputs.label) edit.label = inputs.label;
  if (live.networkId !== inputs.networkId) edit.network_id = inputs.networkId;
  return edit;
}

const KIND = "gigas:NetworkInterface";

/** Creates on one VM, one at a time in this process. */
const createLocks = new KeyedMutex();

/** An interface this resource would have made: not primary, on this VM and network, with this label. */
function hasInputs(wire: NetworkInterfaceWire, inputs: NetworkInterfaceInputs): boolean {
  return !wire.primary && (wire.virtual_machine_id ?? inputs.virtualMachineId) === inputs.virtualMachineId && wire.network_id === inputs.networkId && (wire.label ?? "") === inputs.label;
}

/**
 * The interface an interrupted create of this resource left, if any. An
 * interface has a label but no note, and the label is the user's, so the
 * creation tag is not written on it (docs/gigas.md): it is recognised by its
 * settings, the non-primary interface of this VM on this network with this
 * label, attached or still being attached, that no other resource of this
 * command holds.
 */
async function interruptedCreate(
  client: GigasClient,
  interfaces: NetworkInterfaceWire[],
  inputs: NetworkInterfaceInputs,
  owner: string,
  description: string,
): Promise<NetworkInterfaceWire | undefined> {
  const free: NetworkInterfaceWire[] = [];
  for (const wire of interfaces) {
    if (hasInputs(wire, inputs) && !heldByAnother(await gigasObjectKey(client, "network_interface", wire.id), owner)) free.push(wire);
  }
  return onlyCandidate(free, (wire) => wire.id, description);
}

async function requireVirtualMachine(client: GigasClient, vmId: string, what: string, context: WaitContext): Promise<void> {
  if (!(await waitForVirtualMachineUnlocked(client, vmId, what, context))) throw new Error(`${KIND}: virtual machine ${vmId} does not exist`);
}

/** Sets the policy ("Set default policy", the firewall page) and applies the interface's rules, as a rule change does. */
async function setPolicy(client: GigasClient, interfaceId: string, policy: string, context: WaitContext): Promise<void> {
  await client.setDefaultFirewallPolicy(interfaceId, policy);
  await applyRules(client, interfaceId, context);
}

export const networkInterfaceDefinition: ResourceDefinition<NetworkInterfaceInputs, typeof networkInterfaceState> = {
  kind: KIND,
  inputs: networkInterfaceArgs,
  state: networkInterfaceState,
  replaceOnChanges: ["virtualMachineId"],
  ignoreChanges: ["timeouts"],
  defaultTimeouts: { create: 15 * 60_000, update: 15 * 60_000, delete: 15 * 60_000 },
  /** `networkInterfaceId`, e.g. `2266610447`. Read gives back every input. */
  importId: networkInterfaceImportId,

  async create(inputs, context) {
    const client = gigasClient(context.settings, context);
    const owner = claimOwner(context);
    const vmId = inputs.virtualMachineId;
    const description = `${KIND}: attaching virtual machine ${vmId} to network ${inputs.networkId} as "${inputs.label}"`;
    // Creates on one VM take turns in this process, so each looks for its interface knowing which ones the others took.
    const { object: made, resumed } = await createLocks.run(`${client.http.baseUrl}|${vmId}`, async () => {
      await requireVirtualMachine(client, vmId, "attaching a network interface", context);
      const found = await createOnce<NetworkInterfaceWire>({
        // Another operation may take the VM between the wait above and the POST: a locked refusal applied nothing.
        attempt: async () => {
          const created = await whenUnlocked(client, vmId, "attaching a network interface", context, () => client.createNetworkInterface(networkInterfaceToWire(inputs)));
          if (!created) throw new Error(`${KIND}: virtual machine ${vmId} does not exist`);
          return created;
        },
        find: findCreated(
          () => client.listVirtualMachineInterfaces(vmId),
          (interfaces) => interruptedCreate(client, interfaces, inputs, owner, description),
          (wire) => hasInputs(wire, inputs),
          description,
        ),
        description,
        clock: context.clock,
        logger: context.logger,
      });
      claimObject(await gigasObjectKey(client, "network_interface", found.object.id), owner, `Gigas network interface ${found.object.id}`);
      return found;
    });
    try {
      if (!resumed && made.queue_token) await waitForTransaction(client, made.queue_token, `attaching network interface ${made.id}`, context);
      await requireVirtualMachine(client, vmId, "reading the new interface", context);
      let ready = await client.getNetworkInterface(made.id);
      if (!ready) throw new Error(`network interface ${made.id} was removed by the vendor after its creation failed`);
      // A resumed create may find the interface with another policy (changed since): set it as asked.
      if (ready.default_firewall_policy?.toUpperCase() !== inputs.defaultFirewallPolicy) {
        await setPolicy(client, made.id, inputs.defaultFirewallPolicy, context);
        ready = (await client.getNetworkInterface(made.id)) ?? ready;
      }
      return { id: made.id, state: networkInterfaceFromWire(ready, vmId) };
    } catch (error) {
      const leftover = await client.getNetworkInterface(made.id).catch(() => undefined);
      // An interface the vendor rolled back is simply not created; one that exists is kept to be finished next time.
      if (!leftover) throw error;
      throw new ResourceInitializationError(made.id, { ...inputs, ...networkInterfaceFromWire(leftover, vmId) }, [
        `${reasonOf(error)}. Interface ${made.id} is kept in the stack; the next \`pulumi up\` continues from it.`,
      ]);
    }
  },

  async read(id, state, context) {
    const client = gigasClient(context.settings, context);
    const wire = await client.getNetworkInterface(id);
    if (wire?.primary && readsForImport(state, "label")) {
      throw new Error(
        `${KIND}: interface ${id} is the primary interface of virtual machine ${wire.virtual_machine_id}, which is part of its VirtualMachine ` +
          "(primaryNetworkInterfaceId, defaultFirewallPolicy); a NetworkInterface is an interface added to a VM",
      );
    }
    return wire && networkInterfaceFromWire(wire, state.virtualMachineId);
  },

  async update(id, _olds, news, context) {
    const client = gigasClient(context.settings, context);
    const gone = () => new Error(`${KIND} ${id} no longer exists; run \`pulumi refresh\``);
    const current = await client.getNetworkInterface(id);
    if (!current) throw gone();
    const live = networkInterfaceFromWire(current, news.virtualMachineId);
    const edit = networkInterfaceEdit(live, news);
    if (Object.keys(edit).length > 0) {
      // A move is a queued VM operation (docs/gigas.md): sent when the VM is free. The values are absolute, so an
      // edit whose answer was lost (and that may hold the VM now) is simply sent again once it is free.
      const edited = await whenUnlocked(client, live.virtualMachineId, `changing network interface ${id}`, context, async () => ({ token: await client.editNetworkInterface(id, edit) }));
      if (!edited) throw gone();
      if (edited.token) await waitForTransaction(client, edited.token, `change of network interface ${id}`, context);
    }
    if (live.defaultFirewallPolicy !== news.defaultFirewallPolicy) await setPolicy(client, id, news.defaultFirewallPolicy, context);
    await requireVirtualMachine(client, live.virtualMachineId, "reading the interface back", context);
    const final = await client.getNetworkInterface(id);
    if (!final) throw gone();
    return networkInterfaceFromWire(final, news.virtualMachineId);
  },

  async delete(id, state, context) {
    const client = gigasClient(context.settings, context);
    const vmId = state.virtualMachineId;
    // Gone with its VM, or already deleted: nothing to do.
    const deleted = vmId ? await whenUnlocked(client, vmId, `detaching network interface ${id}`, context, () => client.deleteNetworkInterface(id)) : await client.deleteNetworkInterface(id);
    if (deleted && deleted !== "gone" && deleted.token) await waitForTransaction(client, deleted.token, `detaching network interface ${id}`, context);
  },
};

/**
 * A Gigas virtual machine's interface on a network (e.g. a private one):
 * attaching, moving it to another network, its label and its default
 * firewall policy change in place; another VM replaces it. Deleting it
 * detaches the VM from the network and removes what depends on the
 * interface (its addresses and firewall rules). Add addresses with
 * `IpAddress` and rules with `FirewallRule`.
 */
export class NetworkInterface extends resourceClass<NetworkInterfaceArgs, "networkId">()(networkInterfaceDefinition) {}
