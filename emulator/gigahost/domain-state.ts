// .no domain availability and the Norwegian company lookup (gigahost-api-v0.txt,
// "dns/domains/check", "dns/lookup/organization"). A domain is taken when some
// zone of this account has its name or a test marked it registered elsewhere.
import { GigahostApiError } from "./envelope";
import type { GigahostDnsState } from "./dns-state";

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

  constructor(private readonly dns: GigahostDnsState) {}

  /** Marks a domain as registered by someone else. */
  markTaken(domain: string): void {
    this.taken.add(domain.toLowerCase());
  }

  addOrganization(organization: Organization): void {
    this.organizations.set(organization.orgNumber, organization);
  }

  check(domain: string): { domain: string; available: boolean; reason: string } {
    const name = domain.trim().toLowerCase();
    if (!NO_DOMAIN.test(name)) throw new GigahostApiError(400, "Invalid domain name. Only .no domains can be checked.");
    if (name.split(".").length !== 2) return { domain: name, available: false, reason: "Only second-level .no domains can be registered." };
    if (this.taken.has(name) || this.dns.zoneByName(name)) return { domain: name, available: false, reason: "Domain is already registered." };
    return { domain: name, available: true, reason: "" };
  }

  organization(orgNumber: string): { company_name: string; address: string; zip_code: string; city: string } {
    if (!/^\d{9}$/.test(orgNumber)) throw new GigahostApiError(400, "Organization number must be 9 digits.");
    const org = this.organizations.get(orgNumber);
    if (!org) throw new GigahostApiError(404, "Organization not found.");
    return { company_name: org.companyName, address: org.address, zip_code: org.zipCode, city: org.city };
  }

  snapshot(): DomainSnapshot {
    return { taken: [...this.taken], organizations: [...this.organizations.values()] };
  }

  restore(snapshot: DomainSnapshot): void {
    this.taken = new Set(snapshot.taken);
    this.organizations = new Map(snapshot.organizations.map((org) => [org.orgNumber, org]));
  }
}
