// .no domain availability and the Norwegian company lookup
// (docs/vendor-documents.md, "Gigahost: DNS": `/dns/domains/check`,
// `/dns/lookup/organization`). A domain is taken when some zone of this account
// has its name or a test marked it registered elsewhere.
import { EmulatorError } from "../core";
import type { GigahostDnsState } from "./dns-state";
import type { GigahostDomainSettings } from "./domain-settings-state";

export interface Organization {
  orgNumber: string;
  companyName: string;
  address: string;
  zipCode: string;
  city: string;
}

export interface DomainSnapshot {
  taken: string[];
  organizations: Organization[];
}

const NO_DOMAIN = /^(?=.{1,253}$)([a-z0-9æøåäöüéèêóòôáàâ]([a-z0-9æøåäöüéèêóòôáàâ-]{0,61}[a-z0-9æøåäöüéèêóòôáàâ])?\.)+no$/;

/** Seeded: a company the lookup knows (model choice; the register is Brønnøysund's). */
export const DEFAULT_ORGANIZATIONS: Organization[] = [
  { orgNumber: "923609016", companyName: "Example AS", address: "Exampleveien 1", zipCode: "0123", city: "Oslo" },
];

export class GigahostDomainRegistry {
  private taken = new Set<string>();
  private organizations = new Map(DEFAULT_ORGANIZATIONS.map((org) => [org.orgNumber, org]));

  constructor(
    private readonly dns: GigahostDnsState,
    private readonly settings: GigahostDomainSettings,
  ) {}

  /** Marks a domain as registered by someone else. */
  markTaken(domain: string): void {
    this.taken.add(domain.toLowerCase());
  }

  addOrganization(organization: Organization): void {
    this.organizations.set(organization.orgNumber, organization);
  }

  check(domain: string): { domain: string; available: boolean; reason: string } {
    const name = domain.trim().toLowerCase();
    if (!NO_DOMAIN.test(name)) throw new EmulatorError(400, "Invalid domain name. Only .no domains can be checked.");
    if (name.split(".").length !== 2) return { domain: name, available: false, reason: "Only second-level .no domains can be registered." };
    if (this.taken.has(name) || this.dns.zoneByName(name)) return { domain: name, available: false, reason: "Domain is already registered." };
    return { domain: name, available: true, reason: "" };
  }

  organization(orgNumber: string): { company_name: string; address: string; zip_code: string; city: string } {
    if (!/^\d{9}$/.test(orgNumber)) throw new EmulatorError(400, "Organization number must be 9 digits.");
    const org = this.organizations.get(orgNumber);
    if (!org) throw new EmulatorError(404, "Organization not found.");
    return { company_name: org.companyName, address: org.address, zip_code: org.zipCode, city: org.city };
  }

  /** POST /dns/domains/register (its required and optional parameters: docs/vendor-documents.md, "Gigahost: DNS"). */
  register(body: Record<string, unknown>): Record<string, unknown> {
    const text = (field: string, max = 255): string => {
      const value = body[field];
      if (typeof value !== "string" || value.trim() === "") throw new EmulatorError(400, `Missing parameter: ${field}`);
      if (value.length > max) throw new EmulatorError(400, `${field} is too long.`);
      return value.trim();
    };
    const domain = text("domain_name").toLowerCase();
    const type = text("registrant_type");
    if (type !== "organization" && type !== "person") throw new EmulatorError(400, 'registrant_type must be "organization" or "person".');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text("email"))) throw new EmulatorError(400, "Invalid email address.");
    text("applicant_name");
    text("zip_code");
    text("city");
    if (type === "organization") {
      if (!/^\d{9}$/.test(text("org_number"))) throw new EmulatorError(400, "Organization number must be 9 digits.");
      text("company_name");
    } else {
      if (!/^N\.PRI\.\d+$/.test(text("pid"))) throw new EmulatorError(400, "Invalid person identifier (format: N.PRI.12345678).");
      text("first_name");
      text("last_name");
    }
    // Documented: "use_gigahost_ns (boolean - default: true)"; other values are refused with the request's fields (documented.ts).
    const useGigahostNs = body.use_gigahost_ns !== false;
    if (!useGigahostNs && (!Array.isArray(body.nameservers) || body.nameservers.length < 2)) {
      throw new EmulatorError(400, "At least 2 nameservers are required when not using Gigahost nameservers.");
    }
    const availability = this.check(domain);
    if (!availability.available) throw new EmulatorError(400, `Domain is not available: ${availability.reason}`);
    const zone = this.dns.addZone({ name: domain, registered: true, protected: true, autoRenew: true });
    if (!useGigahostNs) this.settings.setNameservers(zone.zone_id, { nameservers: body.nameservers });
    this.settings.settings(zone.zone_id).email = text("email");
    this.settings.setHolder(
      zone.zone_id,
      type === "organization"
        ? { type, identity: text("org_number"), name: text("company_name") }
        : { type, identity: text("pid"), name: `${text("first_name")} ${text("last_name")}` },
      { zipCode: text("zip_code"), city: text("city") },
    );
    return { zone_id: zone.zone_id, domain_name: domain, expires_at: (zone.domain_expiry_date ?? "").slice(0, 10), status: "active" };
  }

  snapshot(): DomainSnapshot {
    return { taken: [...this.taken], organizations: [...this.organizations.values()] };
  }

  restore(snapshot: DomainSnapshot): void {
    this.taken = new Set(snapshot.taken);
    this.organizations = new Map(snapshot.organizations.map((org) => [org.orgNumber, org]));
  }
}
