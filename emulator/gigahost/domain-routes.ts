// Gigahost's domain endpoints (docs/vendor-documents.md, "Gigahost: DNS"):
// ordering servers' neighbours in the document — .no availability and
// registration, the company lookup, settings of registered zones, redirects and
// PTR zones. Gigahost only.
import type { Route } from "../core";
import type { GigahostDomainSettings } from "./domain-settings-state";
import type { GigahostDomainRegistry } from "./domain-state";
import { confirmedRoute, envelope, requestFields } from "./envelope";
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
  return [
    { method: "GET", pattern: "/dns/zones/:zoneId/registrant", handler: (req) => envelope(200, { data: settings.registrant(req.params.zoneId) }) },
    confirmedRoute("PUT", "/dns/zones/:zoneId/registrant", (req) => settings.changeRegistrant(req.params.zoneId, requestFields(req)), "Registrant changed successfully."),
    confirmedRoute("PUT", "/dns/zones/:zoneId/registrant-email", (req) => settings.setRegistrantEmail(req.params.zoneId, requestFields(req)), "Registrant email updated successfully."),
    confirmedRoute("PUT", "/dns/zones/:zoneId/auto-renew", (req) => settings.setAutoRenew(req.params.zoneId, requestFields(req)), "Auto-renewal updated successfully."),
    confirmedRoute("PUT", "/dns/zones/:zoneId/nameservers", (req) => settings.setNameservers(req.params.zoneId, requestFields(req)), "Nameservers updated successfully."),
    confirmedRoute("PUT", "/dns/zones/:zoneId/dnssec", (req) => settings.setDnssec(req.params.zoneId, requestFields(req)), "DNSSEC updated successfully."),
    { method: "GET", pattern: "/dns/zones/:zoneId/ds-records", handler: (req) => envelope(200, { data: settings.dsRecords(req.params.zoneId) }) },
    { method: "GET", pattern: "/dns/zones/:zoneId/ds-records/external", handler: (req) => envelope(200, { data: settings.externalDs(req.params.zoneId) }) },
    confirmedRoute("POST", "/dns/zones/:zoneId/ds-records/external", (req) => settings.replaceExternalDs(req.params.zoneId, requestFields(req)), "DS records updated successfully."),
  ];
}

/** Redirects and PTR zones. */
export function redirectRoutes(redirects: GigahostRedirects): Route[] {
  return [
    { method: "GET", pattern: "/dns/zones/:zoneId/redirect", handler: (req) => envelope(200, { data: redirects.list(req.params.zoneId) }) },
    confirmedRoute("POST", "/dns/zones/:zoneId/redirect", (req) => redirects.create(req.params.zoneId, requestFields(req)), "Redirect created successfully.", 201),
    confirmedRoute("PUT", "/dns/zones/:zoneId/redirect", (req) => redirects.update(req.params.zoneId, requestFields(req)), "Redirect updated successfully."),
    confirmedRoute("DELETE", "/dns/zones/:zoneId/redirect", (req) => redirects.remove(req.params.zoneId, req.query.source), "Redirect deleted successfully."),
    {
      method: "POST",
      pattern: "/dns/zones/ptr",
      handler: (req) => envelope(201, { message: "PTR zone created successfully.", data: { zone_id: redirects.createPtrZone(requestFields(req)) } }),
    },
  ];
}
