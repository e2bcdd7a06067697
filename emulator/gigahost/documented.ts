// What the Gigahost and Terrahost documents say a request may carry, in one
// place: the routes each brand documents, and per route the body (or query)
// fields and the enumerated values. The emulator refuses everything else with
// 400 in the vendor's envelope, naming the field, the way a strict API would: a
// client that sends something undocumented fails our tests instead of passing
// against a fake that was built to agree with it.
//
// Sources: Gigahost's API documentation and Terrahost's
// (docs/vendor-documents.md, "Gigahost and Terrahost"), and the requests beyond
// them that are verified live (docs/gigahost.md,
// "Requests beyond the documents").
import { EmulatorError, type EmulatorRequest } from "../core";

/** `"<METHOD> <route pattern>"`, the key the tables below use. */
export type RouteKey = string;

export const routeKey = (method: string, pattern: string): RouteKey => `${method.toUpperCase()} ${pattern}`;

/**
 * The endpoints Terrahost's API documentation (docs/vendor-documents.md,
 * "Terrahost: API v3") documents that the platform emulator
 * implements. Everything else the Gigahost emulator answers (DNS, BGP,
 * deploy, domains, redirects, `/servers/{id}/cancel`) is Gigahost's alone and
 * answers 404 under the Terrahost base path, as does the IPv4 move
 * (`PUT /servers/{id}/ipv4/{ip_id}`, in Gigahost's documentation only).
 */
export const TERRAHOST_DOCUMENTED_ROUTES: readonly RouteKey[] = [
  "POST /authenticate",
  "GET /my/account",
  "GET /my/invoices",
  "GET /servers",
  "GET /servers/:id",
  "PUT /servers/:id/name",
  "GET /servers/:id/powerstate",
  "GET /servers/:id/reboot",
  "GET /servers/:id/power/on",
  "GET /servers/:id/power/off",
  "GET /servers/:id/snapshots",
  "POST /servers/:id/snapshot",
  "DELETE /servers/:id/snapshot/:snapId",
  "GET /reinstall/distro",
  "GET /reinstall/distro/:distId",
  "POST /servers/:id/reinstall",
  "PUT /servers/:id/reverse",
  "GET /servers/:id/upgrade",
  "POST /servers/:id/upgrade",
  "POST /servers/:id/ipmi",
  "GET /servers/:id/port_bits",
  "GET /servers/:id/port_upkts",
  "GET /servers/:id/isos",
  "POST /servers/:id/isos",
  "POST /servers/:id/ipv4",
];

/** One documented request: the fields it may carry and the values an enumerated field may take. */
interface DocumentedRequest {
  /** Where the fields travel. */
  in: "body" | "query";
  fields: readonly string[];
  /** Enumerated fields: the documented values (compared as strings; numbers may arrive as strings). */
  values?: Readonly<Record<string, readonly (string | number | boolean)[]>>;
}

const ZERO_ONE = [0, 1];

/** Requests whose fields the documents list. Routes not listed take no body the documents describe. */
export const DOCUMENTED_REQUESTS: Readonly<Record<RouteKey, DocumentedRequest>> = {
  "POST /authenticate": { in: "body", fields: ["username", "password", "code"] },
  // Servers (both brands).
  "PUT /servers/:id/name": { in: "body", fields: ["name"] },
  "POST /servers/:id/snapshot": { in: "body", fields: ["name"] },
  "POST /servers/:id/reinstall": { in: "body", fields: ["os_id", "language", "keyboard", "timezone", "hostname"] },
  // IPv4: {ip_id, dns}; IPv6 subnet NS delegation: {sub_id, dns}.
  "PUT /servers/:id/reverse": { in: "body", fields: ["ip_id", "sub_id", "dns"] },
  "POST /servers/:id/upgrade": { in: "body", fields: ["pkg_id"] },
  "POST /servers/:id/isos": { in: "body", fields: ["iso_id"] },
  "POST /servers/:id/ipv4": { in: "body", fields: ["ip_type"], values: { ip_type: ["l2", "l3"] } },
  // Gigahost's current documentation only (docs/vendor-documents.md, "Gigahost: servers").
  "PUT /servers/:id/ipv4/:ipId": { in: "body", fields: ["target_srv_id"] },
  // BGP.
  "POST /bgp/asn": { in: "body", fields: ["asn"] },
  "POST /bgp/:asnId/session": {
    in: "body",
    fields: ["redundant", "defaultroute", "ip_id_v4", "ip_id_v6"],
    values: { redundant: ZERO_ONE, defaultroute: ZERO_ONE },
  },
  // DNS. `use_existing_ns` is listed in Gigahost's current documentation (docs/vendor-documents.md, "Gigahost: DNS"); `zone_file` is the multipart form's file field.
  "POST /dns/zones": {
    in: "body",
    fields: ["zone_name", "zone_type", "create_default_records", "transfer_domain", "auth_code", "use_existing_ns", "zone_file"],
    values: { zone_type: ["NATIVE", "MASTER", "SLAVE"] },
  },
  "POST /dns/zones/ptr": { in: "body", fields: ["prefix", "ip_version", "zone_name"], values: { ip_version: ["ipv4", "ipv6"] } },
  "POST /dns/zones/:zoneId/records": { in: "body", fields: ["record_value", "record_name", "record_type", "record_ttl", "record_priority"] },
  "PUT /dns/zones/:zoneId/records/:recordId": { in: "body", fields: ["record_value", "record_name", "record_type", "record_ttl", "record_priority"] },
  // `value` is not in the document: verified live (docs/gigahost-dns.md, "DNS quirks handled"), the only way to delete one record of a set.
  "DELETE /dns/zones/:zoneId/records/:recordId": { in: "query", fields: ["name", "type", "value"] },
  "POST /dns/domains/register": {
    in: "body",
    fields: [
      "domain_name",
      "registrant_type",
      "email",
      "applicant_name",
      "zip_code",
      "city",
      "org_number",
      "company_name",
      "pid",
      "first_name",
      "last_name",
      "use_gigahost_ns",
      "nameservers",
    ],
    values: { registrant_type: ["organization", "person"], use_gigahost_ns: [true, false] },
  },
  "PUT /dns/zones/:zoneId/registrant": {
    in: "body",
    fields: ["registrant_type", "email", "applicant_name", "zip_code", "city", "agree_to_terms", "org_number", "company_name", "pid"],
    values: { registrant_type: ["organization", "person"], agree_to_terms: [true] },
  },
  "PUT /dns/zones/:zoneId/registrant-email": { in: "body", fields: ["email", "enable_protection"] },
  "PUT /dns/zones/:zoneId/auto-renew": { in: "body", fields: ["auto_renew"], values: { auto_renew: ZERO_ONE } },
  "PUT /dns/zones/:zoneId/nameservers": { in: "body", fields: ["nameservers"] },
  "PUT /dns/zones/:zoneId/dnssec": { in: "body", fields: ["enable"], values: { enable: ZERO_ONE } },
  // The document gives the item fields only; the `ds_records` wrapper is our guess (docs/gigahost.md, "Behaviour guessed").
  "POST /dns/zones/:zoneId/ds-records/external": { in: "body", fields: ["ds_records", "keyTag", "alg", "digestType", "digest"] },
  "POST /dns/zones/:zoneId/redirect": { in: "body", fields: ["source", "target_url"] },
  "PUT /dns/zones/:zoneId/redirect": { in: "body", fields: ["source", "target_url"] },
  "DELETE /dns/zones/:zoneId/redirect": { in: "query", fields: ["source"] },
  // Deploy (docs/vendor-documents.md, "Gigahost: deploying new servers").
  "POST /deploy/servers": {
    in: "body",
    fields: [
      "pid",
      "hash",
      "price_id",
      "region_id",
      "os_id",
      "iso_id",
      "rescue",
      "billing_period",
      "quantity",
      "hostnames",
      "ssh_keys",
      "backups",
      "waitlist",
    ],
    values: { billing_period: ["hourly", "monthly", "quarterly", "annual"] },
  },
  "GET /deploy/status": { in: "query", fields: ["ids"] },
  // Account and waitlist: the document names the routes only; these fields are guesses (docs/gigahost.md, "Behaviour guessed").
  "POST /account/sshkey": { in: "body", fields: ["name", "key"] },
  "DELETE /deploy/waitlist": { in: "query", fields: ["id"] },
  "GET /dns/dyndns": { in: "query", fields: ["hostname", "myip", "myipv6"] },
};

/**
 * Refuses a request carrying a field its document does not list, or an
 * enumerated field with a value outside the documented ones: 400 with
 * `meta.message` naming the field.
 */
export function requireDocumentedFields(key: RouteKey, req: EmulatorRequest): void {
  const documented = DOCUMENTED_REQUESTS[key];
  const given = documented?.in === "query" ? req.query : req.body;
  if (typeof given !== "object" || given === null || Array.isArray(given)) return;
  const allowed = documented?.fields ?? [];
  for (const [field, value] of Object.entries(given as Record<string, unknown>)) {
    if (!allowed.includes(field)) throw new EmulatorError(400, `Unknown parameter: ${field}`);
    const values = documented?.values?.[field];
    if (values && value !== undefined && value !== null && !values.some((candidate) => sameValue(candidate, value))) {
      throw new EmulatorError(400, `Invalid value for ${field}: must be one of ${values.map((candidate) => JSON.stringify(candidate)).join(", ")}.`);
    }
  }
}

/** Numbers may arrive as strings (docs/gigahost.md, "Vendor quirks handled"); booleans must be booleans. */
function sameValue(documented: string | number | boolean, value: unknown): boolean {
  if (typeof documented === "boolean") return value === documented;
  if (typeof documented === "number") return (typeof value === "number" || typeof value === "string") && String(value).trim() === String(documented);
  return value === documented;
}
