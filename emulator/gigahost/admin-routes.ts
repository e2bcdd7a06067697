// Gigahost/Terrahost admin routes (/_admin/<vendor>/…): seeding and
// out-of-band changes for tests and the demo.
import { EmulatorError, type Route, adminBody, adminOk, clockAdvanceRoute } from "../core";
import type { NewZone, RecordFields } from "./dns-state";
import type { Organization } from "./domain-state";
import type { AdminRecordInput, GigahostEmulator } from "./emulator";
import type { NewServer, StoredServer } from "./server-state";

export function gigahostAdminRoutes(emulator: GigahostEmulator): Route[] {
  const { servers, bgp, deploy, domains } = emulator;
  return [
    { method: "GET", pattern: "/zones", handler: () => ({ status: 200, body: emulator.zones() }) },
    { method: "POST", pattern: "/zones", handler: (req) => ({ status: 201, body: emulator.addZone(adminBody<NewZone>(req)) }) },
    { method: "DELETE", pattern: "/zones/:zoneId", handler: (req) => (emulator.removeZone(req.params.zoneId), adminOk()) },
    { method: "GET", pattern: "/zones/:zoneId/records", handler: (req) => ({ status: 200, body: emulator.records(req.params.zoneId) }) },
    {
      method: "POST",
      pattern: "/zones/:zoneId/records",
      handler: (req) => ({ status: 201, body: emulator.addRecord(req.params.zoneId, adminBody<AdminRecordInput>(req)) }),
    },
    {
      method: "PUT",
      pattern: "/zones/:zoneId/records/:recordId",
      handler: (req) => ({ status: 200, body: emulator.updateRecord(req.params.zoneId, req.params.recordId, adminBody<Partial<RecordFields>>(req)) }),
    },
    { method: "DELETE", pattern: "/zones/:zoneId/records/:recordId", handler: (req) => (emulator.removeRecord(req.params.zoneId, req.params.recordId), adminOk()) },
    { method: "GET", pattern: "/servers", handler: () => ({ status: 200, body: servers.list() }) },
    { method: "POST", pattern: "/servers", handler: (req) => ({ status: 201, body: servers.addServer(adminBody<NewServer>(req)) }) },
    {
      method: "PATCH",
      pattern: "/servers/:id",
      handler: (req) => {
        servers.updateServer(req.params.id, adminBody<Partial<StoredServer>>(req));
        return { status: 200, body: servers.stored(req.params.id) };
      },
    },
    { method: "DELETE", pattern: "/servers/:id", handler: (req) => (servers.removeServer(req.params.id), adminOk()) },
    { method: "POST", pattern: "/servers/:id/hide", handler: (req) => (servers.hideServer(req.params.id, Number(adminBody<{ ms?: unknown }>(req).ms)), adminOk()) },
    { method: "GET", pattern: "/bgp", handler: () => ({ status: 200, body: bgp.view() }) },
    {
      method: "POST",
      pattern: "/deploy/orders/:orderId/fail",
      handler: (req) => (deploy.failOrder(Number(req.params.orderId), Number(adminBody<{ afterMs?: unknown }>(req).afterMs ?? 0)), adminOk()),
    },
    { method: "POST", pattern: "/deploy/fail-next", handler: (req) => (deploy.failNextOrder(Number(adminBody<{ afterMs?: unknown }>(req).afterMs ?? 0)), adminOk()) },
    { method: "POST", pattern: "/domains/taken", handler: (req) => (domains.markTaken(String(adminBody<{ domain?: unknown }>(req).domain ?? "")), adminOk()) },
    { method: "POST", pattern: "/organizations", handler: (req) => (domains.addOrganization(adminBody<Organization>(req)), adminOk(201)) },
    {
      method: "POST",
      pattern: "/bgp/asn/:asnId/status",
      handler: (req) => {
        const body = adminBody<{ status: "pending" | "active" | "rejected"; rejectedReason?: string }>(req);
        bgp.setAsnStatus(req.params.asnId, body.status, body.rejectedReason);
        return adminOk();
      },
    },
    {
      method: "POST",
      pattern: "/bgp/routers",
      handler: (req) => {
        const body = adminBody<{ location?: unknown; routerIds?: unknown }>(req);
        if (typeof body.location !== "string" || !Array.isArray(body.routerIds)) throw new EmulatorError(400, "location and routerIds are required");
        bgp.setAvailableRouters(body.location, body.routerIds.map(String));
        return adminOk();
      },
    },
    { method: "POST", pattern: "/tokens/expire", handler: () => (emulator.expireAllTokens(), adminOk()) },
    clockAdvanceRoute(emulator.clock),
  ];
}
