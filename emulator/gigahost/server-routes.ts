// The server endpoints (docs/vendor-documents.md, "Gigahost: servers"), over
// GigahostServerState.
import type { EmulatorRequest, Route } from "../core";
import { confirmedRoute, envelope, requestFields } from "./envelope";
import { DISTRIBUTIONS, OPERATING_SYSTEMS } from "./server-catalog";
import type { GigahostServerState } from "./server-state";

export function serverRoutes(servers: GigahostServerState): Route[] {
  const power = (action: "on" | "off" | "reboot") => (req: EmulatorRequest) => envelope(200, { message: servers.power(req.params.id, action) });
  return [
    { method: "GET", pattern: "/servers", handler: () => envelope(200, { data: servers.list() }) },
    // Documented: `data` is a one-element array.
    { method: "GET", pattern: "/servers/:id", handler: (req) => envelope(200, { data: [servers.detail(req.params.id)] }) },
    confirmedRoute("PUT", "/servers/:id/name", (req) => servers.rename(req.params.id, requestFields(req).name), "Server name has been updated."),
    {
      method: "GET",
      pattern: "/servers/:id/powerstate",
      // The answer is in `meta`, not `data`.
      handler: (req) => {
        const response = envelope(200);
        const meta = (response.body as { meta: Record<string, unknown> }).meta;
        meta.powerstate = servers.powerState(req.params.id);
        meta.timestamp = Math.floor(Date.now() / 1000);
        return response;
      },
    },
    { method: "GET", pattern: "/servers/:id/reboot", handler: power("reboot") },
    { method: "GET", pattern: "/servers/:id/power/on", handler: power("on") },
    { method: "GET", pattern: "/servers/:id/power/off", handler: power("off") },
    { method: "GET", pattern: "/servers/:id/snapshots", handler: (req) => envelope(200, { data: servers.snapshots(req.params.id) }) },
    confirmedRoute("POST", "/servers/:id/snapshot", (req) => servers.createSnapshot(req.params.id, requestFields(req).name), "Snapshot is currently being created."),
    confirmedRoute("DELETE", "/servers/:id/snapshot/:snapId", (req) => servers.deleteSnapshot(req.params.id, req.params.snapId), "Snapshot has been deleted."),
    { method: "GET", pattern: "/reinstall/distro", handler: () => envelope(200, { data: DISTRIBUTIONS }) },
    {
      method: "GET",
      pattern: "/reinstall/distro/:distId",
      handler: (req) => envelope(200, { data: OPERATING_SYSTEMS.filter((os) => os.dist_id === req.params.distId) }),
    },
    {
      method: "POST",
      pattern: "/servers/:id/reinstall",
      handler: (req) => {
        const password = servers.reinstall(req.params.id, requestFields(req));
        const response = envelope(200, { message: "Server install has been initiated." });
        Object.assign((response.body as { meta: Record<string, unknown> }).meta, { reboot: true, root_passwd: password });
        return response;
      },
    },
    confirmedRoute("PUT", "/servers/:id/reverse", (req) => servers.setReverse(req.params.id, requestFields(req)), "Reverse DNS has been updated."),
    confirmedRoute("POST", "/servers/:id/cancel", (req) => servers.cancel(req.params.id), "Server has been cancelled."),
    { method: "GET", pattern: "/servers/:id/upgrade", handler: (req) => envelope(200, { data: servers.upgradePackages(req.params.id) }) },
    confirmedRoute("POST", "/servers/:id/upgrade", (req) => servers.upgrade(req.params.id, requestFields(req)), "Server upgrade has been initiated."),
    { method: "GET", pattern: "/servers/:id/isos", handler: (req) => envelope(200, { data: servers.isos(req.params.id) }) },
    confirmedRoute("POST", "/servers/:id/isos", (req) => servers.mountIso(req.params.id, requestFields(req)), "ISO has been mounted."),
    { method: "GET", pattern: "/servers/:id/port_bits", handler: (req) => envelope(200, { data: servers.graphs(req.params.id) }) },
    { method: "GET", pattern: "/servers/:id/port_upkts", handler: (req) => envelope(200, { data: servers.graphs(req.params.id) }) },
    { method: "POST", pattern: "/servers/:id/ipmi", handler: (req) => envelope(200, { data: servers.openIpmi(req.params.id) }) },
    confirmedRoute("POST", "/servers/:id/ipv4", (req) => servers.orderIpv4(req.params.id, requestFields(req)), "IP has been ordered."),
    confirmedRoute("PUT", "/servers/:id/ipv4/:ipId", (req) => servers.moveIpv4(req.params.id, req.params.ipId, requestFields(req)), "IP has been moved."),
  ];
}
