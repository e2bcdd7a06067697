import { ApiError } from "../errors";
import { urlPath } from "../urlPath";
import { HttpCore } from "../http";
import {
  DomainCheckWire,
  DsRecordBody,
  DsRecordWire,
  OrganizationWire,
  RegisterBody,
  RegistrantChangeBody,
  RegistrantWire,
  acknowledgement,
  domainCheck,
  domainRegistered,
  dsRecordList,
  organizationLookup,
  registrantResponse,
} from "./wire";

/** The `.no` domain endpoints (Gigahost): availability, company lookup, settings of registered zones. */
export class DomainApi {
  constructor(private readonly http: HttpCore) {}

  async checkAvailability(domain: string): Promise<DomainCheckWire> {
    const { body } = await this.http.request({ method: "GET", path: urlPath`/dns/domains/check/${domain}`, schema: domainCheck });
    return body.data;
  }

  /** Norwegian company register lookup by 9-digit organization number. */
  async lookupOrganization(orgNumber: string): Promise<OrganizationWire> {
    const { body } = await this.http.request({
      method: "GET",
      path: urlPath`/dns/lookup/organization/${orgNumber}`,
      schema: organizationLookup,
    });
    return body.data;
  }

  /** Registers a .no domain (billed). Never retried here: callers look for the zone before trying again. */
  async register(body: RegisterBody): Promise<{ zoneId: string; expiresAt: string | null; status: string | null }> {
    const { body: answer } = await this.http.request({ method: "POST", path: "/dns/domains/register", body, schema: domainRegistered, retry: false });
    return { zoneId: answer.data.zone_id, expiresAt: answer.data.expires_at, status: answer.data.status };
  }

  // ---- settings of registered (protected) zones; every PUT sets a value, so retrying is safe ----

  async registrantEmail(zoneId: string): Promise<string | null> {
    const { body } = await this.http.request({ method: "GET", path: `${zonePath(zoneId)}/registrant`, schema: registrantResponse });
    return body.data.email;
  }

  /** GET /dns/zones/{id}/registrant: the holder's contact. */
  async registrant(zoneId: string): Promise<RegistrantWire> {
    const { body } = await this.http.request({ method: "GET", path: `${zonePath(zoneId)}/registrant`, schema: registrantResponse });
    return body.data;
  }

  /**
   * PUT /dns/zones/{id}/registrant: "Creates new order and extends domain by
   * 1 year" (billed). Never retried here: callers reconcile from `registrant()`.
   */
  async changeRegistrant(zoneId: string, body: RegistrantChangeBody): Promise<void> {
    await this.http.request({ method: "PUT", path: `${zonePath(zoneId)}/registrant`, body, schema: acknowledgement, retry: false });
  }

  async setRegistrantEmail(zoneId: string, email: string, whoisProtection: boolean | undefined): Promise<void> {
    const body = whoisProtection === undefined ? { email } : { email, enable_protection: whoisProtection };
    await this.http.request({ method: "PUT", path: `${zonePath(zoneId)}/registrant-email`, body, schema: acknowledgement });
  }

  async setAutoRenew(zoneId: string, autoRenew: boolean): Promise<void> {
    await this.http.request({ method: "PUT", path: `${zonePath(zoneId)}/auto-renew`, body: { auto_renew: autoRenew ? 1 : 0 }, schema: acknowledgement });
  }

  /** Gigahost checks that the name servers are authoritative before applying them, and sets `external_dns`. */
  async setNameservers(zoneId: string, nameservers: readonly string[]): Promise<void> {
    await this.http.request({ method: "PUT", path: `${zonePath(zoneId)}/nameservers`, body: { nameservers }, schema: acknowledgement });
  }

  async setDnssec(zoneId: string, enable: boolean): Promise<void> {
    await this.http.request({ method: "PUT", path: `${zonePath(zoneId)}/dnssec`, body: { enable: enable ? 1 : 0 }, schema: acknowledgement });
  }

  /** The zone's DS records, or undefined when DNSSEC is off (the API answers 400 then). */
  async dsRecords(zoneId: string): Promise<DsRecordWire[] | undefined> {
    try {
      const { body } = await this.http.request({ method: "GET", path: `${zonePath(zoneId)}/ds-records`, schema: dsRecordList });
      return body.data;
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) return undefined;
      throw error;
    }
  }

  /** DS records published for external name servers; undefined when the zone uses Gigahost's (400). */
  async externalDsRecords(zoneId: string): Promise<DsRecordWire[] | undefined> {
    try {
      const { body } = await this.http.request({ method: "GET", path: `${zonePath(zoneId)}/ds-records/external`, schema: dsRecordList });
      return body.data;
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) return undefined;
      throw error;
    }
  }

  /** Replaces every external DS record (repeating it is harmless). */
  async replaceExternalDsRecords(zoneId: string, records: readonly DsRecordBody[]): Promise<void> {
    await this.http.request({
      method: "POST",
      path: `${zonePath(zoneId)}/ds-records/external`,
      body: { ds_records: records },
      schema: acknowledgement,
      retry: true,
    });
  }
}

const zonePath = (zoneId: string) => urlPath`/dns/zones/${zoneId}`;
