// Actions on what a web hosting service runs (zoneid-openapi.json tags
// "PM2", "Redis", "Port forward", "Dedicated IP"): start/stop/restart,
// Redis activation and auth key, dedicated IP orders, port forward access
// lists. Listing, reading, saving and deleting the items is the generic
// collection routes' (hosting-routes.ts); these come before them.
import type { Route } from "../core";
import { noContent, ok } from "./answers";
import type { ZoneidHostingState } from "./hosting-state";
import { activateRedis, addAclEntry, applyAction, orderDedicatedIp, regenerateRedisAuth, removeAclEntry } from "./runtime-state";

export function runtimeRoutes(hosting: ZoneidHostingState): Route[] {
  const routes: Route[] = [];
  for (const action of ["start", "stop", "restart"] as const) {
    for (const path of ["process/pm2", "database/redis"] as const) {
      routes.push({
        method: "POST",
        pattern: `/vserver/:service/${path}/:id/${action}`,
        handler: (req) => ok(200, [applyAction(hosting, req.params.service, path, req.params.id, action)], `Process ${action === "stop" ? "stopped" : `${action}ed`}`),
      });
    }
  }
  routes.push(
    { method: "POST", pattern: "/vserver/:service/database/redis", handler: (req) => ok(200, [activateRedis(hosting, req.params.service)], "Redis activated") },
    {
      method: "POST",
      pattern: "/vserver/:service/database/redis/:id/regenerateauth",
      handler: (req) => ok(201, [regenerateRedisAuth(hosting, req.params.service, req.params.id)], "Auth key regenerated"),
    },
    { method: "POST", pattern: "/vserver/:service/dedicatedip", handler: (req) => ok(201, [orderDedicatedIp(hosting, req.params.service)], "Dedicated IP created") },
    { method: "POST", pattern: "/vserver/:service/portforward/:id/acl", handler: (req) => ok(200, [addAclEntry(hosting, req.params.service, req.params.id, req.body)], "IP added") },
    {
      method: "DELETE",
      pattern: "/vserver/:service/portforward/:id/acl/:aclId",
      handler: (req) => {
        removeAclEntry(hosting, req.params.service, req.params.id, req.params.aclId);
        return noContent("IP removed");
      },
    },
  );
  return routes;
}
