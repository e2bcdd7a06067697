// Vhosts of an instance (docs/vendor-documents.md, "Gandi: vhosts"): list,
// create, read, PATCH, delete, and cache purges.
import type { EmulatorRequest, EmulatorResponse, Route } from "../core";
import { matchesPattern } from "./catalog";
import { type GandiRouteContext, body } from "./requests";
import type { GandiVhosts } from "./vhosts";

export function vhostRoutes({ state, page, instanceUrl }: GandiRouteContext): Route[] {
  const listVhosts = (req: EmulatorRequest): EmulatorResponse => {
    state.instance(req.params.id);
    const items = state
      .vhosts.of(req.params.id)
      .filter((vhost) => matchesPattern(vhost.fqdn, req.query.fqdn))
      .map((vhost) => state.vhosts.view(vhost))
      .filter((vhost) => req.query.status === undefined || vhost.status === req.query.status);
    return page(req, items);
  };

  const createVhost = (req: EmulatorRequest): EmulatorResponse => {
    const vhost = state.vhosts.create(req.params.id, body(req));
    return {
      status: 202,
      body: shortVhost(state.vhosts.view(vhost)),
      headers: { "content-location": `${instanceUrl(req, req.params.id)}/vhosts/${vhost.fqdn}` },
    };
  };

  return [
    { method: "GET", pattern: "/instances/:id/vhosts", handler: (req) => listVhosts(req) },
    { method: "POST", pattern: "/instances/:id/vhosts", handler: (req) => createVhost(req) },
    {
      method: "GET",
      pattern: "/instances/:id/vhosts/:fqdn",
      handler: (req) => ({ status: 200, body: state.vhosts.view(state.vhosts.get(req.params.id, req.params.fqdn)) }),
    },
    {
      method: "PATCH",
      pattern: "/instances/:id/vhosts/:fqdn",
      handler: (req) => ({ status: 200, body: shortVhost(state.vhosts.view(state.vhosts.patch(req.params.id, req.params.fqdn, body(req)))) }),
    },
    {
      method: "DELETE",
      pattern: "/instances/:id/vhosts/:fqdn",
      handler: (req) => {
        state.vhosts.delete(req.params.id, req.params.fqdn);
        return { status: 204 };
      },
    },
    {
      method: "DELETE",
      pattern: "/instances/:id/vhosts/:fqdn/cache",
      handler: (req) => {
        state.vhosts.get(req.params.id, req.params.fqdn).cachePurges++;
        return { status: 204 };
      },
    },
  ];
}

/** The vhost POST and PATCH answers: fqdn, https_strategy, linked_dns_zone (two fields) and status. */
function shortVhost(view: ReturnType<GandiVhosts["view"]>) {
  return {
    fqdn: view.fqdn,
    ...(view.https_strategy !== undefined ? { https_strategy: view.https_strategy } : {}),
    linked_dns_zone: { allow_alteration: view.linked_dns_zone.allow_alteration, last_checked_status: view.linked_dns_zone.last_checked_status },
    status: view.status,
  };
}
