// Networks, a VM's network interfaces and IP addresses
// (docs/vendor-documents.md, "Gigas: networks", "Gigas: network interfaces").
// Networks are read-only; interfaces and IPs are written through
// network-interfaces.ts.
import { type Route, invalidField } from "../core";
import { FIELDS } from "./fields";
import { type GigasRouteContext, filterBy, ok, optionalBoolean, optionalString, queued, strictBody, strictQuery } from "./requests";
import type { IpAddressRecord, NetworkRecord } from "./records";

export function networkRoutes({ state: s, page, account }: GigasRouteContext): Route[] {
  return [
    {
      method: "GET",
      pattern: "/account/:account/networks",
      handler: (req) => {
        const id = account(req);
        let networks = s.data.networks.filter((n) => n.account_id === id);
        if (req.query.type) networks = networks.filter((n) => n.public === (req.query.type === "public"));
        return page(req, filterBy(networks, req.query, ["id", "vlan", "network_group_id"]).map(networkAnswer));
      },
    },
    {
      method: "GET",
      pattern: "/account/:account/virtual_machine/:id/network_interfaces",
      handler: (req) => {
        const vm = s.vm(account(req), req.params.id);
        return page(req, s.data.interfaces.filter((i) => i.virtual_machine_id === vm.id));
      },
    },
    { method: "GET", pattern: "/account/:account/network_interface/:id", handler: (req) => ok(s.networkInterface(account(req), req.params.id)) },
    {
      // Guess: interface create is not documented (docs/gigas.md).
      method: "POST",
      pattern: "/account/:account/network_interface",
      handler: (req) => {
        const body = strictBody(req.body, FIELDS.createNetworkInterface);
        const { networkInterface, token } = s.networkInterfaces.create(account(req), {
          virtual_machine_id: requiredString(body, "virtual_machine_id"),
          network_id: requiredString(body, "network_id"),
          label: requiredString(body, "label"),
          default_firewall_policy: optionalString(body, "default_firewall_policy") ?? "ACCEPT",
        });
        return queued(networkInterface, token);
      },
    },
    {
      // The network interfaces page's Edit: 200/202.
      method: "PUT",
      pattern: "/account/:account/network_interface/:id",
      handler: (req) => {
        const body = strictBody(req.body, FIELDS.editNetworkInterface);
        const token = s.networkInterfaces.edit(account(req), req.params.id, { label: optionalString(body, "label"), network_id: optionalString(body, "network_id") });
        return queued(s.networkInterface(account(req), req.params.id), token);
      },
    },
    {
      // The network interfaces page's Delete: 202 with a token.
      method: "DELETE",
      pattern: "/account/:account/network_interface/:id",
      handler: (req) => queued(undefined, s.networkInterfaces.delete(account(req), req.params.id)),
    },
    {
      // Guess: the firewall page's "Set default policy", its path cut off.
      method: "PUT",
      pattern: "/account/:account/network_interface/:id/default_firewall_policy",
      handler: (req) => ok(s.networkInterfaces.setDefaultPolicy(account(req), req.params.id, strictBody(req.body, FIELDS.setDefaultFirewallPolicy).default_firewall_policy)),
    },
    {
      // The network interfaces page: unassigns an IP (status code not shown: 204, a guess).
      method: "DELETE",
      pattern: "/account/:account/network_interface/:id/ip_address/:ip",
      handler: (req) => {
        s.networkInterfaces.unassignIp(account(req), req.params.id, req.params.ip);
        return { status: 204 };
      },
    },
    {
      // The network page: "finds an IP address record and its id" by `ip`; no other filter is documented.
      method: "GET",
      pattern: "/account/:account/ip_addresses",
      handler: (req) => {
        strictQuery(req, ["ip"]);
        const id = account(req);
        const ips = s.data.ips.filter((ip) => ip.account_id === id && (req.query.ip === undefined || ip.address === req.query.ip));
        return page(req, ips.map(ipAnswer));
      },
    },
    { method: "GET", pattern: "/account/:account/network/:id", handler: (req) => ok(networkAnswer(s.network(account(req), req.params.id))) },
    {
      // The network page's "IPs on a network" (docs/vendor-documents.md, "Gigas: networks").
      method: "GET",
      pattern: "/account/:account/network/:id/ip_addresses",
      handler: (req) => {
        strictQuery(req, []);
        const network = s.network(account(req), req.params.id);
        return page(req, s.data.ips.filter((ip) => ip.network_id === network.id && ip.account_id === network.account_id).map(ipAnswer));
      },
    },
    {
      // The network page's "Add IP to a network": 201 with the IP.
      method: "POST",
      pattern: "/account/:account/network/:id/ip_address",
      handler: (req) => {
        const body = strictBody(req.body, FIELDS.addIpAddress);
        const ip = s.networkInterfaces.addIp(account(req), req.params.id, {
          address: requiredString(body, "address"),
          network_interface_id: optionalString(body, "network_interface_id"),
          disallowed_primary: optionalBoolean(body, "disallowed_primary"),
          netmask: optionalString(body, "netmask"),
          broadcast: optionalString(body, "broadcast"),
          network_address: optionalString(body, "network_address"),
          gateway: optionalString(body, "gateway"),
        });
        return { status: 201, body: ipAnswer(ip) };
      },
    },
  ];
}

function requiredString(body: Record<string, unknown>, key: string): string {
  const value = optionalString(body, key);
  if (value === undefined) throw invalidField(key, "is required");
  return value;
}

/** The IP resource has no documented schema (docs/vendor-documents.md, "Gigas: networks"): the Add-IP fields plus ids; which VM holds it is the fake's own bookkeeping. */
function ipAnswer({ virtual_machine_id, account_id, ...ip }: IpAddressRecord): Record<string, unknown> {
  return ip;
}

function networkAnswer({ location_id, ...network }: NetworkRecord): Record<string, unknown> {
  return network;
}
