// ZoneID admin routes (/_admin/zoneid/…): seeding and out-of-band changes,
// as made in the Zone.eu web UI, for tests and the demo.
import { EmulatorError, type Route, adminOk, clockAdvanceRoute } from "../core";
import { type RecordType, asObject, isRecordType } from "./dns-state";
import type { ZoneidEmulator } from "./emulator";

export function zoneidAdminRoutes(emulator: ZoneidEmulator): Route[] {
  const { dns, cloud, domains } = emulator;
  return [
    { method: "GET", pattern: "/zones", handler: () => ({ status: 200, body: dns.zoneNames().map((name) => dns.zone(name)) }) },
    {
      method: "POST",
      pattern: "/zones",
      handler: (req) => {
        const body = asObject(req.body);
        return { status: 201, body: emulator.addZone(String(body.name ?? ""), body as { active?: boolean; ipv6?: boolean; systemRecords?: boolean }) };
      },
    },
    { method: "PUT", pattern: "/zones/:zone", handler: (req) => ({ status: 200, body: dns.updateZone(req.params.zone, asObject(req.body)) }) },
    { method: "GET", pattern: "/zones/:zone/records", handler: (req) => ({ status: 200, body: emulator.records(req.params.zone) }) },
    {
      method: "POST",
      pattern: "/zones/:zone/records/:type",
      handler: (req) => ({ status: 201, body: emulator.addRecord(req.params.zone, recordType(req.params.type), asObject(req.body)) }),
    },
    {
      method: "PUT",
      pattern: "/zones/:zone/records/:type/:id",
      handler: (req) => ({ status: 200, body: emulator.changeRecord(req.params.zone, recordType(req.params.type), req.params.id, asObject(req.body)) }),
    },
    {
      method: "DELETE",
      pattern: "/zones/:zone/records/:type/:id",
      handler: (req) => (emulator.removeRecord(req.params.zone, recordType(req.params.type), req.params.id), adminOk()),
    },
    { method: "POST", pattern: "/hosting", handler: (req) => (emulator.addWebHosting(String(asObject(req.body).name ?? "")), adminOk(201)) },
    { method: "GET", pattern: "/hosting/:service", handler: (req) => ({ status: 200, body: emulator.hostingItems(req.params.service, req.query.path ?? "") }) },
    {
      method: "PUT",
      pattern: "/hosting/:service/item",
      handler: (req) => ({ status: 200, body: emulator.changeHostingItem(req.params.service, req.query.path ?? "", req.query.id ?? "", asObject(req.body)) }),
    },
    {
      method: "DELETE",
      pattern: "/hosting/:service/item",
      handler: (req) => (emulator.removeHostingItem(req.params.service, req.query.path ?? "", req.query.id ?? ""), adminOk()),
    },
    { method: "GET", pattern: "/cloud/:name", handler: (req) => ({ status: 200, body: cloud.stored(req.params.name) ?? null }) },
    { method: "PUT", pattern: "/cloud/:name", handler: (req) => ({ status: 200, body: cloud.change(req.params.name, asObject(req.body)) }) },
    { method: "DELETE", pattern: "/cloud/:name", handler: (req) => (cloud.remove(req.params.name), adminOk()) },
    {
      method: "POST",
      pattern: "/domains",
      handler: (req) => {
        const body = asObject(req.body);
        return { status: 201, body: domains.addDomain(String(body.name ?? ""), body) };
      },
    },
    { method: "PUT", pattern: "/domains/:name", handler: (req) => ({ status: 200, body: domains.update(req.params.name, req.body, { force: true }) }) },
    {
      method: "POST",
      pattern: "/refuse",
      handler: (req) => {
        const body = asObject(req.body);
        emulator.refuseNext(body.kind === "409" ? "409" : "locked", Number(body.count ?? 1));
        return adminOk();
      },
    },
    clockAdvanceRoute(emulator.clock),
  ];
}

function recordType(value: string): RecordType {
  if (!isRecordType(value)) throw new EmulatorError(400, `unknown record type ${value}`);
  return value;
}
