// Gigahost's domain endpoints (gigahost-api.md, "DNS"): ordering servers'
// neighbours in the document — .no availability and registration, the company
// lookup, settings of registered zones, redirects and PTR zones. Gigahost only.
import type { Route } from "../core";
import type { GigahostDomainSettings } from "./domain-settings-state";
import type { GigahostDomainRegistry } from "./domain-state";
import { envelope, requestFields } from "./envelope";
import type { GigahostRedirects } from "./redirect-state";

/** .no availability, registration and the company lookup. */
export function domainRoutes(domains: GigahostDomainRegistry): Route[] {
  return [
    {
      method: "GET",
      pattern: "/dns/domains/check/:domain",
      handler: (req) => envelope(200, { message: "Domain availability checked", data: domains.check(decodeURIComponent(req.params.domain)) }),
    },
    {
      method: "POST",
      pattern: "/dns/domains/register",
      handler: (req) => {
        const data = domains.register(requestFields(req));
        return envelope(200, { message: "Domain registered successfully! You will receive a confirmation email shortly.", data });
      },
    },
    {
      method: "GET",
      pattern: "/dns/lookup/organization/:orgNumber",
      handler: (req) => envelope(200, { message: "Company lookup successful", data: domains.organization(req.params.orgNumber) }),
    },
  ];
}

/** Settings of registered zones. */
export function domainSettingsRoutes(settings: GigahostDomainSettings): Route[] {
  const write = (pattern: string, apply: (zoneId: string, body: Record<string, unknown>) => void, message: string, method: "PUT" | "POST" = "PUT"): Route => ({
    method,
    pattern,
    handler: (req) => {
      apply(req.params.zoneId, requestFields(req));
      return envelope(200, { message });
    },
  });
  return [
    { method: "GET", pattern: "/dns/zones/:zoneId/registrant", handler: (req) => envelope(200, { data: settings.registrant(req.params.zoneId) }) },
    write("/dns/zones/:zoneId/registrant-email", (zoneId, b) => settings.setRegistrantEmail(zoneId, b), "Registrant email updated successfully."),
    write("/dns/zones/:zoneId/auto-renew", (zoneId, b) => settings.setAutoRenew(zoneId, b), "Auto-renewal updated successfully."),
    write("/dns/zones/:zoneId/nameservers", (zoneId, b) => settings.setNameservers(zoneId, b), "Nameservers updated successfully."),
    write("/dns/zones/:zoneId/dnssec", (zoneId, b) => settings.setDnssec(zoneId, b), "DNSSEC updated successfully."),
    { method: "GET", pattern: "/dns/zones/:zoneId/ds-records", handler: (req) => envelope(200, { data: settings.dsRecords(req.params.zoneId) }) },
    { method: "GET", pattern: "/dns/zones/:zoneId/ds-records/external", handler: (req) => envelope(200, { data: settings.externalDs(req.params.zoneId) }) },
    write("/dns/zones/:zoneId/ds-records/external", (zoneId, b) => settings.replaceExternalDs(zoneId, b), "DS records updated successfully.", "POST"),
  ];
}

/** Redirects and PTR zones. */
export function redirectRoutes(redirects: GigahostRedirects): Route[] {
  return [
    { method: "GET", pattern: "/dns/zones/:zoneId/redirect", handler: (req) => envelope(200, { data: redirects.list(req.params.zoneId) }) },
    {
      method: "POST",
      pattern: "/dns/zones/:zoneId/redirect",
      handler: (req) => {
        redirects.create(req.params.zoneId, requestFields(req));
        return envelope(201, { message: "Redirect created successfully." });
      },
    },
    {
      method: "PUT",
      pattern: "/dns/zones/:zoneId/redirect",
      handler: (req) => {
        redirects.update(req.params.zoneId, requestFields(req));
        return envelope(200, { message: "Redirect updated successfully." });
      },
    },
    {
      method: "DELETE",
      pattern: "/dns/zones/:zoneId/redirect",
      handler: (req) => {
        redirects.remove(req.params.zoneId, req.query.source);
        return envelope(200, { message: "Redirect deleted successfully." });
      },
    },
    {
      method: "POST",
      pattern: "/dns/zones/ptr",
      handler: (req) => envelope(201, { message: "PTR zone created successfully.", data: { zone_id: redirects.createPtrZone(requestFields(req)) } }),
    },
  ];
}
