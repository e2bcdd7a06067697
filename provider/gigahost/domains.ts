import { HttpCore } from "../http";
import { DomainCheckWire, OrganizationWire, domainCheck, organizationLookup } from "./wire";

/** The `.no` domain endpoints (Gigahost): availability, company lookup. */
export class DomainApi {
  constructor(private readonly http: HttpCore) {}

  async checkAvailability(domain: string): Promise<DomainCheckWire> {
    const { body } = await this.http.request({ method: "GET", path: `/dns/domains/check/${encodeURIComponent(domain)}`, schema: domainCheck });
    return body.data;
  }

  /** Norwegian company register lookup by 9-digit organization number. */
  async lookupOrganization(orgNumber: string): Promise<OrganizationWire> {
    const { body } = await this.http.request({
      method: "GET",
      path: `/dns/lookup/organization/${encodeURIComponent(orgNumber)}`,
      schema: organizationLookup,
    });
    return body.data;
  }
}
