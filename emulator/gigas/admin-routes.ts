// Gigas admin routes (under /_admin/gigas): seeding and out-of-band changes,
// as the in-process helpers of GigasEmulator make them.
import { type Route, adminBody, adminOk, clockAdvanceRoute, objectBody } from "../core";
import type { GigasEmulator } from "./emulator";
import type { DiskRecord, FailurePlan, FirewallRuleRecord, InterfaceRecord, NetworkRecord, VirtualMachineRecord } from "./records";

export function gigasAdminRoutes(gigas: GigasEmulator): Route[] {
  const ok = (body: unknown) => ({ status: 200, body });
  /** An out-of-band delete: gone at once, no transaction. */
  const removal = (pattern: string, remove: (id: string) => void): Route => ({
    method: "DELETE",
    pattern,
    handler: (req) => {
      remove(req.params.id);
      return adminOk();
    },
  });
  return [
    { method: "GET", pattern: "/accounts", handler: () => ok(gigas.state.data.accounts) },
    { method: "POST", pattern: "/accounts", handler: (req) => ({ status: 201, body: gigas.state.catalogue.addAccount(Number(adminBody<{ id?: unknown }>(req).id)) }) },
    { method: "GET", pattern: "/virtual_machines", handler: () => ok(gigas.virtualMachines()) },
    { method: "PUT", pattern: "/virtual_machines/:id", handler: (req) => ok(gigas.changeVirtualMachine(req.params.id, adminBody<Partial<VirtualMachineRecord>>(req))) },
    removal("/virtual_machines/:id", (id) => gigas.removeVirtualMachine(id)),
    {
      method: "POST",
      pattern: "/virtual_machines/:id/lock",
      handler: (req) => ok({ queue_token: gigas.lockVirtualMachine(req.params.id, Number(adminBody<{ ms?: unknown }>(req).ms ?? 60_000)) }),
    },
    { method: "PUT", pattern: "/disks/:id", handler: (req) => ok(gigas.changeDisk(req.params.id, adminBody<Partial<DiskRecord>>(req))) },
    removal("/disks/:id", (id) => gigas.removeDisk(id)),
    { method: "POST", pattern: "/networks", handler: (req) => ({ status: 201, body: gigas.addNetwork(adminBody<Partial<NetworkRecord> & { label: string; location_id: string }>(req)) }) },
    { method: "PUT", pattern: "/network_interfaces/:id", handler: (req) => ok(gigas.changeInterface(req.params.id, adminBody<Partial<InterfaceRecord>>(req))) },
    removal("/network_interfaces/:id", (id) => gigas.removeInterface(id)),
    removal("/ip_addresses/:id", (id) => gigas.removeIpAddress(id)),
    { method: "PUT", pattern: "/firewall_rules/:id", handler: (req) => ok(gigas.changeRule(req.params.id, adminBody<Partial<FirewallRuleRecord>>(req))) },
    removal("/firewall_rules/:id", (id) => gigas.removeRule(id)),
    {
      method: "POST",
      pattern: "/transactions/fail-next",
      handler: (req) => {
        gigas.failNextTransaction(adminBody<FailurePlan>(req));
        return adminOk();
      },
    },
    {
      method: "POST",
      pattern: "/tokens/expire",
      handler: (req) => {
        gigas.expireSessions({ refreshTokens: objectBody<{ refreshTokens?: unknown }>(req.body ?? {}).refreshTokens === true });
        return adminOk();
      },
    },
    clockAdvanceRoute(gigas.clock),
  ];
}
