// Billing (additional packages), option lists, domain orders, server facts,
// turbos and ZoneCloud accounts (zoneid-openapi.json); the state is extras-state.ts.
import type { Route } from "../core";
import { type Pager, noContent, ok } from "./answers";
import type { ZoneidExtrasState } from "./extras-state";

export function extrasRoutes(extras: ZoneidExtrasState, page: Pager): Route[] {
  const billing = "/vserver/:service/billing/resources";
  return [
    { method: "GET", pattern: billing, handler: (req) => page(req, extras.listPackages(req.params.service)) },
    { method: "POST", pattern: billing, handler: (req) => ok(201, [extras.addPackage(req.params.service, req.query.package, req.body)], "Created") },
    { method: "OPTIONS", pattern: billing, handler: (req) => ok(200, extras.billingOptions(req.params.service), "OK") },
    { method: "GET", pattern: `${billing}/:id`, handler: (req) => ok(200, [extras.getPackage(req.params.service, req.params.id)], "OK") },
    { method: "PUT", pattern: `${billing}/:id`, handler: (req) => ok(200, [extras.setQuantity(req.params.service, req.params.id, req.body)], "Updated") },
    {
      method: "DELETE",
      pattern: `${billing}/:id`,
      handler: (req) => {
        extras.removePackage(req.params.service, req.params.id);
        return noContent("Deleted");
      },
    },
    { method: "OPTIONS", pattern: "/vserver/:service/crontab", handler: (req) => ok(200, extras.crontabOptions(req.params.service), "OK") },
    { method: "OPTIONS", pattern: "/vserver/:service/ftp/user", handler: (req) => ok(200, extras.ftpCountries(req.params.service), "OK") },
    { method: "OPTIONS", pattern: "/vserver/:service/database/mysql", handler: (req) => ok(200, extras.mysqlOptions(req.params.service), "OK") },
    {
      method: "OPTIONS",
      pattern: "/vserver/:service/database/mysql/account/:username/permission",
      handler: (req) => ok(200, extras.mysqlPermissionOptions(req.params.service), "OK"),
    },
    { method: "OPTIONS", pattern: "/domain/:name", handler: (req) => ok(200, extras.domainOptions(req.params.name), "OK") },
    { method: "GET", pattern: "/vserver/:service/serverinfo", handler: (req) => ok(200, [extras.serverInfo(req.params.service)], "OK") },
    { method: "GET", pattern: "/vserver/:service/turbo/:id", handler: (req) => page(req, extras.listTurbos(req.params.service, req.params.id)) },
    { method: "GET", pattern: "/vserver/:service/zonecloud", handler: (req) => page(req, extras.listZoneCloud(req.params.service)) },
    { method: "GET", pattern: "/vserver/:service/zonecloud/:id", handler: (req) => ok(200, [extras.getZoneCloud(req.params.service, req.params.id)], "OK") },
    { method: "OPTIONS", pattern: "/vserver/:service/zonecloud/:id", handler: (req) => ok(200, extras.zoneCloudOptions(req.params.service, req.params.id), "OK") },
    { method: "GET", pattern: "/order/domain", handler: (req) => page(req, extras.listDomainOrders()) },
    { method: "POST", pattern: "/order/domain/renew", handler: (req) => ok(201, extras.renew(req.body), "Created") },
    { method: "GET", pattern: "/order/domain/:id", handler: (req) => ok(200, [extras.getDomainOrder(req.params.id)], "OK") },
    {
      method: "DELETE",
      pattern: "/order/domain/:id",
      handler: (req) => {
        extras.cancelDomainOrder(req.params.id);
        return noContent("Order cancelled");
      },
    },
  ];
}
