// DNS zones and records (emulator/zoneid/zoneid-openapi.json, tag "DNS"):
// /dns/{zone}[/{type}[/{id}]].
import { EmulatorError, type EmulatorRequest, type EmulatorResponse, type Route, bodyFields } from "../core";
import { noContent, ok } from "./answers";
import { type RecordType, type RecordView, type ZoneidDnsState, isRecordType } from "./dns-state";

export function dnsRoutes(dns: ZoneidDnsState): Route[] {
  return [
    { method: "GET", pattern: "/dns/:zone", handler: (req) => ok(200, [dns.zone(req.params.zone)], "Zone found") },
    { method: "PUT", pattern: "/dns/:zone", handler: (req) => ok(200, [dns.updateZone(req.params.zone, bodyFields(req.body))], "Zone updated") },
    // No pager parameters on the record lists (zoneid-openapi.json): every record, always, whatever `paging` says.
    { method: "GET", pattern: "/dns/:zone/:type", handler: typed((req, type) => ok(200, dns.records(req.params.zone, type).map(wireRecord), "OK")) },
    {
      method: "POST",
      pattern: "/dns/:zone/:type",
      handler: typed((req, type) => ok(201, [wireRecord(dns.createRecord(req.params.zone, type, req.body))], "Record created")),
    },
    {
      method: "GET",
      pattern: "/dns/:zone/:type/:id",
      handler: typed((req, type) => ok(200, [wireRecord(dns.record(req.params.zone, type, req.params.id))], "Record found")),
    },
    {
      method: "PUT",
      pattern: "/dns/:zone/:type/:id",
      handler: typed((req, type) => ok(200, [wireRecord(dns.updateRecord(req.params.zone, type, req.params.id, req.body))], "Record updated")),
    },
    {
      method: "DELETE",
      pattern: "/dns/:zone/:type/:id",
      handler: typed((req, type) => {
        dns.deleteRecord(req.params.zone, type, req.params.id);
        return noContent("Record deleted");
      }),
    },
  ];
}

/** A handler of one record type's path: an unknown type is an unknown endpoint. */
function typed(handler: (req: EmulatorRequest, type: RecordType) => EmulatorResponse) {
  return (req: EmulatorRequest) => {
    const type = req.params.type;
    if (!isRecordType(type)) throw new EmulatorError(404, "Endpoint not found");
    return handler(req, type);
  };
}

/** A record as the API lists it: the record type is in the path, not the body. */
function wireRecord(record: RecordView): Record<string, unknown> {
  const { recordType, ...rest } = record;
  return { ...rest, resource_url: `/dns/${record.name}/${recordType}/${record.id}` };
}
