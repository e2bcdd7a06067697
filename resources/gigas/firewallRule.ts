import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ResourceDefinition, timeoutsInput } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { ResourceInitializationError } from "../../provider/errors";
import { FirewallRuleWire, GigasClient, WaitContext, gigasClient } from "../../provider/gigas/client";
import { waitForTransaction } from "../../provider/gigas/transactions";
import { whenUnlocked } from "../../provider/gigas/locks";
import { FirewallRuleBody, FirewallRuleEdit } from "../../provider/gigas/wire";
import { KeyedMutex } from "../../provider/limit";
import { claimObject } from "../../provider/identity";
import { createOnce, onlyCandidate } from "../../provider/reconcile";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { claimOwner, findCreated, gigasObjectKey, heldByAnother, reasonOf } from "./operation";
import { vendorId } from "../vendorId";
import { firewallRuleImportId } from "./importIds";

export const FIREWALL_COMMANDS = ["ACCEPT", "DROP"] as const;
export const FIREWALL_PROTOCOLS = ["TCP", "UDP"] as const;

const OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

/** The firewall page (docs/gigas.md): one IP, IP/mask, or a range ("a-b"); empty or 0.0.0.0 means any. */
export function addressProblem(address: string): string | undefined {
  if (IPV4.test(address)) return undefined;
  const [ip, mask, ...rest] = address.split("/");
  if (mask !== undefined && rest.length === 0) {
    return IPV4.test(ip) && /^\d{1,2}$/.test(mask) && Number(mask) <= 32 ? undefined : `"${address}" is not a valid IP/mask (e.g. 198.51.100.0/24)`;
  }
  const range = address.split("-");
  if (range.length === 2) {
    if (!range.every((part) => IPV4.test(part))) return `"${address}" is not a valid IP range (e.g. 198.51.100.10-198.51.100.20)`;
    const value = (ip: string) => ip.split(".").reduce((sum, octet) => sum * 256 + Number(octet), 0);
    return value(range[0]) <= value(range[1]) ? undefined : `the range "${address}" ends before it starts`;
  }
  return `"${address}" is not an IPv4 address, IP/mask or range`;
}

/** The firewall page: a port, a comma-separated list, or a colon range ("8000:8100"); "-" ranges are accepted and rewritten. */
export function normalizePort(port: string): string {
  return port.replace(/\s+/g, "").replace(/(\d)-(\d)/g, "$1:$2");
}

export function portProblem(port: string): string | undefined {
  for (const part of port.split(",")) {
    const bounds = part.split(":");
    if (bounds.length > 2 || !bounds.every((b) => /^\d+$/.test(b) && Number(b) >= 1 && Number(b) <= 65535)) {
      return `"${part}" is not a port (1-65535) or a range such as 8000:8100`;
    }
    if (bounds.length === 2 && Number(bounds[0]) > Number(bounds[1])) return `the range "${part}" ends before it starts`;
  }
  return undefined;
}

const upperEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((value) => value.trim().toUpperCase())
    .pipe(z.enum(values, { error: `must be ${values.join(" or ")}` }));

export const firewallRuleArgs = z
  .object({
    networkInterfaceId: vendorId("a Gigas network interface id, e.g. a VirtualMachine's primaryNetworkInterfaceId"),
    command: upperEnum(FIREWALL_COMMANDS),
    protocol: upperEnum(FIREWALL_PROTOCOLS),
    address: z
      .string()
      .transform((value) => value.trim())
      .superRefine((value, context) => {
        const problem = value === "" || value === "0.0.0.0" ? undefined : addressProblem(value);
        if (problem) context.addIssue({ code: "custom", message: problem });
      })
      .transform((value) => (value === "" || value === "0.0.0.0" ? undefined : value))
      .optional(),
    port: z
      .union([z.number(), z.string()], { error: "must be a port number or text such as \"80,443\" or \"8000:8100\"" })
      .transform((value) => normalizePort(String(value)))
      .superRefine((value, context) => {
        const problem = value === "" ? undefined : portProblem(value);
        if (problem) context.addIssue({ code: "custom", message: problem });
      })
      .transform((value) => (value === "" ? undefined : value))
      .optional(),
    order: z.number({ error: "must be a number" }).int("must be a whole number").min(0, "must be at least 0").max(10_000, "must be at most 10000"),
    timeouts: timeoutsInput,
  })
  .strict();

/** The arguments of a `FirewallRule`; see docs/gigas.md. */
export interface FirewallRuleArgs {
  /**
   * The network interface the rule guards, e.g. a `VirtualMachine`'s
   * `primaryNetworkInterfaceId`, as a number or digits. Changing it replaces the rule.
   */
  networkInterfaceId: pulumi.Input<string | number>;
  /** `"ACCEPT"` or `"DROP"` the traffic the rule matches (any case). Changes in place. */
  command: pulumi.Input<string>;
  /** `"TCP"` or `"UDP"` (any case). Changes in place. */
  protocol: pulumi.Input<string>;
  /**
   * The source the rule matches: an IPv4 address, IP/mask (`"198.51.100.0/24"`) or
   * range (`"198.51.100.10-198.51.100.20"`); omitted, `""` or `"0.0.0.0"` for any
   * address (the default). Changes in place.
   */
  address?: pulumi.Input<string>;
  /**
   * The port the rule matches: a number (`22`), a list (`"80,443"`) or a range
   * (`"8000:8100"`; `"8000-8100"` is rewritten with a colon); omitted or `""` for any
   * port (the default). Changes in place.
   */
  port?: pulumi.Input<string | number>;
  /**
   * Position of the rule on its interface, 0–10000, e.g. `1`. Gigas sets it at
   * create only (its edit call has no `order`), so changing it replaces the rule.
   */
  order: pulumi.Input<number>;
  /** Deadlines for create, update and delete (default 10m each). Never causes a diff. */
  timeouts?: pulumi.Input<Timeouts>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<FirewallRuleArgs, typeof firewallRuleArgs>>;
type FirewallRuleInputs = z.output<typeof firewallRuleArgs>;

export const firewallRuleState = stateSchema({
  /** The rule's Gigas id. */
  ruleId: z.string(),
  /** The interface the rule guards. */
  networkInterfaceId: z.string(),
  /** `"ACCEPT"` or `"DROP"`. */
  command: z.string(),
  /** `"TCP"` or `"UDP"`. */
  protocol: z.string(),
  /** The source address, IP/mask or range; null for any address. */
  address: z.string().nullable(),
  /** The port, list or colon range (`"8000:8100"`); null for any port. */
  port: z.string().nullable(),
  /** Position of the rule on its interface. */
  order: z.number(),
  /** `"active"` once applied, `"pending"` before; null if Gigas reports none. */
  status: z.string().nullable(),
});
export type FirewallRuleState = z.infer<typeof firewallRuleState>;

export function firewallRuleFromWire(wire: FirewallRuleWire): FirewallRuleState {
  const address = wire.address?.trim() ?? "";
  const port = wire.port?.trim() ?? "";
  return {
    ruleId: wire.id,
    networkInterfaceId: wire.network_interface_id,
    command: wire.command.toUpperCase(),
    protocol: wire.protocol.toUpperCase(),
    address: address === "" || address === "0.0.0.0" ? null : address,
    port: port === "" ? null : normalizePort(port),
    order: wire.order,
    status: wire.status,
  };
}

/** The create body (the firewall page does not show create: the rule fields with `order`, a guess listed in docs/gigas.md). */
export function firewallRuleToWire(inputs: FirewallRuleInputs): FirewallRuleBody {
  return {
    command: inputs.command,
    protocol: inputs.protocol,
    address: inputs.address ?? "",
    port: inputs.port ?? "",
    order: inputs.order,
  };
}

/** The firewall page's Edit rule: network_interface_id, command, protocol, address, port; never `order`. */
export function firewallRuleEditToWire(inputs: FirewallRuleInputs): FirewallRuleEdit {
  const { order: _notEditable, ...edit } = firewallRuleToWire(inputs);
  return edit;
}

const KIND = "gigas:FirewallRule";

/** Applying is per interface; rules of one interface in this process apply one after another. */
const applyLocks = new KeyedMutex();

/**
 * The firewall page's "Apply firewall rules": changes (rules, the default policy) take effect
 * only once applied. The apply is a queued VM operation, so it waits for the VM to be free first.
 */
export async function applyRules(client: GigasClient, interfaceId: string, context: WaitContext): Promise<void> {
  await applyLocks.run(`${client.http.baseUrl}|${interfaceId}`, async () => {
    const networkInterface = await client.getNetworkInterface(interfaceId);
    if (!networkInterface) return;
    // Applying the same rules twice is harmless, so a lost or refused apply is simply repeated.
    const apply = () => client.applyFirewallRules(interfaceId);
    const vmId = networkInterface.virtual_machine_id;
    const token = vmId ? await whenUnlocked(client, vmId, "applying firewall rules", context, apply) : await apply();
    if (token) await waitForTransaction(client, token, `applying the firewall rules of interface ${interfaceId}`, context);
  });
}

/** The rule has these inputs' editable settings (the firewall page's Edit fields). */
function sameEditableFields(wire: FirewallRuleWire, inputs: FirewallRuleInputs): boolean {
  const state = firewallRuleFromWire(wire);
  return (
    state.command === inputs.command &&
    state.protocol === inputs.protocol &&
    state.address === (inputs.address ?? null) &&
    state.port === (inputs.port ?? null)
  );
}

function sameRule(wire: FirewallRuleWire, inputs: FirewallRuleInputs): boolean {
  return sameEditableFields(wire, inputs) && firewallRuleFromWire(wire).order === inputs.order;
}

/** Creates on one interface, one at a time in this process. */
const createLocks = new KeyedMutex();

/**
 * The rule an interrupted create of this resource left, if any. A Gigas
 * rule has no label or note to carry the creation tag (docs/gigas.md, firewall rules), so
 * it is recognised by its settings: the rule on the interface with exactly
 * these command, protocol, address, port and order that no other resource
 * of this command holds, applied or not. Two identical rules at one position
 * do nothing a single one does not, so two resources never legitimately
 * declare one (within one command, the claims refuse it).
 */
async function interruptedCreate(
  client: GigasClient,
  rules: FirewallRuleWire[],
  inputs: FirewallRuleInputs,
  owner: string,
  description: string,
): Promise<FirewallRuleWire | undefined> {
  const free: FirewallRuleWire[] = [];
  for (const rule of rules) {
    if (sameRule(rule, inputs) && !heldByAnother(await gigasObjectKey(client, "firewall_rule", rule.id), owner)) free.push(rule);
  }
  return onlyCandidate(free, (rule) => rule.id, description);
}

export const firewallRuleDefinition: ResourceDefinition<FirewallRuleInputs, typeof firewallRuleState> = {
  kind: KIND,
  inputs: firewallRuleArgs,
  state: firewallRuleState,
  replaceOnChanges: ["networkInterfaceId", "order"],
  ignoreChanges: ["timeouts"],
  defaultTimeouts: { create: 10 * 60_000, update: 10 * 60_000, delete: 10 * 60_000 },
  /** `ruleId`, e.g. `2266610455`. Read gives back every input (address and port null for "any"). */
  importId: firewallRuleImportId,

  async create(inputs, context) {
    const client = gigasClient(context.settings, context);
    const owner = claimOwner(context);
    const description = `${KIND}: creating a rule on interface ${inputs.networkInterfaceId}`;
    // Creates on one interface take turns in this process, so each looks for its rule knowing which ones the others took.
    const { object: rule } = await createLocks.run(`${client.http.baseUrl}|${inputs.networkInterfaceId}`, async () => {
      const found = await createOnce<FirewallRuleWire>({
        attempt: () => client.createFirewallRule(inputs.networkInterfaceId, firewallRuleToWire(inputs)),
        find: findCreated(
          () => client.listFirewallRules(inputs.networkInterfaceId),
          (rules) => interruptedCreate(client, rules, inputs, owner, description),
          (rule) => sameRule(rule, inputs),
          description,
        ),
        description,
        clock: context.clock,
        logger: context.logger,
      });
      claimObject(await gigasObjectKey(client, "firewall_rule", found.object.id), owner, `Gigas firewall rule ${found.object.id}`);
      return found;
    });
    try {
      await applyRules(client, inputs.networkInterfaceId, context);
    } catch (error) {
      // The rule exists but is not applied: keep it, the next `pulumi up` applies again.
      throw new ResourceInitializationError(rule.id, { ...inputs, ...firewallRuleFromWire(rule) }, [
        `${reasonOf(error)}. Rule ${rule.id} is kept in the stack; the next \`pulumi up\` applies the interface's rules again.`,
      ]);
    }
    const applied = await client.getFirewallRule(rule.id);
    return { id: rule.id, state: firewallRuleFromWire(applied ?? rule) };
  },

  async read(id, _state, context) {
    const client = gigasClient(context.settings, context);
    const rule = await client.getFirewallRule(id);
    return rule && firewallRuleFromWire(rule);
  },

  async update(id, _olds, news, context) {
    const client = gigasClient(context.settings, context);
    const current = await client.getFirewallRule(id);
    if (!current) throw new Error(`${KIND} ${id} no longer exists; run \`pulumi refresh\``);
    // `order` is replace-only: an edit sends the firewall page's Edit fields only.
    if (!sameEditableFields(current, news)) await client.editFirewallRule(id, firewallRuleEditToWire(news));
    try {
      await applyRules(client, news.networkInterfaceId, context);
    } catch (error) {
      const rule = await client.getFirewallRule(id);
      throw new ResourceInitializationError(id, { ...news, ...(rule ? firewallRuleFromWire(rule) : {}) }, [
        `${reasonOf(error)}. The next \`pulumi up\` applies the interface's rules again.`,
      ]);
    }
    const applied = await client.getFirewallRule(id);
    if (!applied) throw new Error(`${KIND} ${id} disappeared while its interface's rules were applied`);
    return firewallRuleFromWire(applied);
  },

  async delete(id, state, context) {
    const client = gigasClient(context.settings, context);
    const deleted = await client.deleteFirewallRule(id);
    if (deleted) await applyRules(client, state.networkInterfaceId, context);
  },
};

/**
 * One firewall rule on a Gigas network interface. Every change is applied
 * (the interface's rules are re-applied through the transaction queue) before
 * the operation ends. Moving a rule to another interface or position
 * (`order`) replaces it.
 */
export class FirewallRule extends resourceClass<FirewallRuleArgs>()(firewallRuleDefinition) {}
