// Firewall rules of a network interface (docs/vendor-documents.md,
// "Gigas: firewall rules"): list, create, read, edit, delete, and apply (a
// transaction).
import type { Route } from "../core";
import { FIELDS } from "./fields";
import { type GigasRouteContext, ok, optionalInteger, queued, strictBody } from "./requests";

export function firewallRoutes({ state: s, page, account }: GigasRouteContext): Route[] {
  return [
    {
      method: "GET",
      pattern: "/account/:account/network_interface/:id/firewall_rules",
      handler: (req) => {
        const networkInterface = s.networkInterface(account(req), req.params.id);
        return page(req, s.data.rules.filter((r) => r.network_interface_id === networkInterface.id).sort((a, b) => a.order - b.order));
      },
    },
    {
      method: "POST",
      pattern: "/account/:account/network_interface/:id/firewall_rule",
      handler: (req) => ({ status: 201, body: s.firewall.createRule(account(req), req.params.id, ruleInput(strictBody(req.body, FIELDS.createFirewallRule))) }),
    },
    {
      method: "POST",
      pattern: "/account/:account/network_interface/:id/firewall_rules/apply",
      handler: (req) => {
        strictBody(req.body ?? {}, []);
        return queued(undefined, s.firewall.applyRules(account(req), req.params.id));
      },
    },
    { method: "GET", pattern: "/account/:account/firewall_rule/:id", handler: (req) => ok(s.rule(account(req), req.params.id)) },
    {
      method: "PUT",
      pattern: "/account/:account/firewall_rule/:id",
      handler: (req) => ok(s.firewall.editRule(account(req), req.params.id, partialRuleInput(strictBody(req.body, FIELDS.editFirewallRule)))),
    },
    {
      method: "DELETE",
      pattern: "/account/:account/firewall_rule/:id",
      handler: (req) => {
        s.firewall.deleteRule(account(req), req.params.id);
        return { status: 204 };
      },
    },
  ];
}

function ruleInput(fields: Record<string, unknown>) {
  return {
    command: String(fields.command ?? ""),
    protocol: String(fields.protocol ?? ""),
    address: String(fields.address ?? ""),
    port: String(fields.port ?? ""),
    order: optionalInteger(fields, "order", 0, 1_000_000) ?? 0,
  };
}

function partialRuleInput(fields: Record<string, unknown>) {
  const text = (key: string) => (fields[key] === undefined ? undefined : String(fields[key]));
  return {
    network_interface_id: text("network_interface_id"),
    command: text("command"),
    protocol: text("protocol"),
    address: text("address"),
    port: text("port"),
  };
}
