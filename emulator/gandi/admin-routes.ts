// Gandi admin routes (under /_admin/gandi): seeding and out-of-band changes,
// as if made in Gandi's admin console, through GandiEmulator's in-process helpers.
import { type Route, adminBody, adminOk, clockAdvanceRoute } from "../core";
import type { GandiEmulator } from "./emulator";
import type { SeedInstance } from "./records";

export function gandiAdminRoutes(gandi: GandiEmulator): Route[] {
  return [
    { method: "GET", pattern: "/instances", handler: () => ({ status: 200, body: gandi.instances() }) },
    { method: "POST", pattern: "/instances", handler: (req) => ({ status: 201, body: gandi.addInstance(adminBody<SeedInstance>(req)) }) },
    { method: "PATCH", pattern: "/instances/:id", handler: (req) => ({ status: 200, body: gandi.modifyInstance(req.params.id, adminBody(req)) }) },
    {
      method: "DELETE",
      pattern: "/instances/:id",
      handler: (req) => {
        gandi.removeInstance(req.params.id);
        return adminOk();
      },
    },
    {
      method: "PATCH",
      pattern: "/instances/:id/vhosts/:fqdn",
      handler: (req) => ({ status: 200, body: gandi.modifyVhost(req.params.id, req.params.fqdn, adminBody(req)) }),
    },
    {
      method: "DELETE",
      pattern: "/instances/:id/vhosts/:fqdn",
      handler: (req) => {
        gandi.removeVhost(req.params.id, req.params.fqdn);
        return adminOk();
      },
    },
    {
      method: "POST",
      pattern: "/ownership/require",
      handler: (req) => {
        gandi.requireOwnershipProof(String(adminBody<{ fqdn?: unknown }>(req).fqdn));
        return adminOk();
      },
    },
    {
      method: "POST",
      pattern: "/ownership/validate",
      handler: (req) => {
        gandi.validateOwnership(String(adminBody<{ fqdn?: unknown }>(req).fqdn));
        return adminOk();
      },
    },
    clockAdvanceRoute(gandi.clock),
  ];
}
