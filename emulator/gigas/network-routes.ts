// Networks, a VM's network interfaces and IP addresses
// (docs/vendor-documents.md, "Gigas: networks", "Gigas: network interfaces").
// Read-only.
import type { Route } from "../core";
import { type GigasRouteContext, filterBy, ok, strictQuery } from "./requests";
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
  ];
}

/** The IP resource has no documented schema (docs/vendor-documents.md, "Gigas: networks"): the Add-IP fields plus ids; which VM holds it is the fake's own bookkeeping. */
function ipAnswer({ virtual_machine_id, account_id, ...ip }: IpAddressRecord): Record<string, unknown> {
  return ip;
}

function networkAnswer({ location_id, ...network }: NetworkRecord): Record<string, unknown> {
  return network;
}
