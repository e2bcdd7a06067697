// Firewall rules of a network interface (docs/vendor-documents.md,
// "Gigas: firewall rules"): rule edits apply at once as "pending"; applying an
// interface's rules is a transaction that locks its VM and makes them "active".
import { invalidField } from "../core";
import { locked } from "./errors";
import type { FirewallRuleRecord, TransactionRecord } from "./records";
import type { GigasState } from "./state";

export class Firewall {
  constructor(private readonly state: GigasState) {}

  createRule(accountId: number, interfaceId: string, input: RuleFields & { order: number }): FirewallRuleRecord {
    this.state.networkInterface(accountId, interfaceId);
    if (!Number.isInteger(input.order) || input.order < 0) throw invalidField("order", "must be a non-negative integer");
    const rule: FirewallRuleRecord = {
      id: this.state.newId(accountId),
      account_id: accountId,
      network_interface_id: interfaceId,
      ...validateRule(input),
      order: input.order,
      status: "pending",
    };
    this.state.data.rules.push(rule);
    return rule;
  }

  /** The firewall page's "Edit rule": network_interface_id, command, protocol, address, port (no `order`). */
  editRule(accountId: number, ruleId: string, input: Partial<RuleFields> & { network_interface_id?: string }): FirewallRuleRecord {
    const rule = this.state.rule(accountId, ruleId);
    const merged = validateRule({ ...rule, ...definedFields(input) } as RuleFields);
    if (input.network_interface_id !== undefined) rule.network_interface_id = this.state.networkInterface(accountId, String(input.network_interface_id)).id;
    Object.assign(rule, merged, { status: "pending" });
    return rule;
  }

  deleteRule(accountId: number, ruleId: string): void {
    const rule = this.state.rule(accountId, ruleId);
    this.state.data.rules = this.state.data.rules.filter((r) => r !== rule);
  }

  applyRules(accountId: number, interfaceId: string): string {
    const networkInterface = this.state.networkInterface(accountId, interfaceId);
    const vm = this.state.vm(accountId, networkInterface.virtual_machine_id);
    if (vm.locked) throw locked(vm.id);
    vm.locked = true;
    return this.state.queue(accountId, "firewall.apply", interfaceId, vm.id, {});
  }

  /** firewall.apply: the interface's rules become active. */
  completeTransaction(transaction: TransactionRecord, succeeded: boolean): void {
    if (succeeded) for (const rule of this.state.data.rules) if (rule.network_interface_id === transaction.target) rule.status = "active";
    this.state.releaseVirtualMachine(transaction);
  }
}

export interface RuleFields {
  command: string;
  protocol: string;
  address: string;
  port: string;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** The firewall page's "Edit rule": ACCEPT | DROP, TCP | UDP, an IP, IP/mask or range ("" = any), ports with "," lists and ":" ranges. */
function validateRule(input: RuleFields): RuleFields {
  const command = String(input.command ?? "");
  if (command !== "ACCEPT" && command !== "DROP") throw invalidField("command", "must be ACCEPT or DROP");
  const protocol = String(input.protocol ?? "");
  if (protocol !== "TCP" && protocol !== "UDP") throw invalidField("protocol", "must be TCP or UDP");
  const address = String(input.address ?? "").trim();
  const addressOk =
    address === "" ||
    IPV4.test(address) ||
    (/^[^/]+\/\d{1,2}$/.test(address) && IPV4.test(address.split("/")[0]) && Number(address.split("/")[1]) <= 32) ||
    (/^[^-]+-[^-]+$/.test(address) && address.split("-").every((part) => IPV4.test(part)));
  if (!addressOk) throw invalidField("address", `"${address}" is not an IP, IP/mask or IP range`);
  const port = String(input.port ?? "").trim();
  const portOk =
    port === "" ||
    port.split(",").every((part) => {
      const bounds = part.split(":").map(Number);
      return bounds.length <= 2 && bounds.every((n) => Number.isInteger(n) && n >= 1 && n <= 65535);
    });
  if (!portOk) throw invalidField("port", `"${port}" is not a port, list or range`);
  return { command, protocol, address, port };
}

function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
