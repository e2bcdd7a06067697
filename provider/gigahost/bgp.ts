import { HttpCore } from "../http";
import { urlPath } from "../urlPath";
import { BgpOverview, SessionBody, acknowledgement, bgpOverview } from "./wire";

/** The `/bgp` endpoints (Gigahost). */
export class BgpApi {
  constructor(private readonly http: HttpCore) {}

  /** ASNs, prefix lists and sessions in one answer. */
  async overview(): Promise<BgpOverview> {
    const { body } = await this.http.request({ method: "GET", path: "/bgp", schema: bgpOverview });
    return body.data;
  }

  /** Submits an ASN for verification; the answer has no id. Never retried here: callers reconcile. */
  async submitAsn(asn: number): Promise<void> {
    await this.http.request({ method: "POST", path: "/bgp/asn", body: { asn: String(asn) }, schema: acknowledgement });
  }

  /** Creates one or more sessions (two per family when redundant); the answer has no ids. */
  async createSessions(asnId: string, body: SessionBody): Promise<void> {
    await this.http.request({ method: "POST", path: urlPath`/bgp/${asnId}/session`, body, schema: acknowledgement });
  }

  /** Marks a session for deletion; it disappears from `/bgp` later. */
  /** False when the session was already gone (404). */
  async deleteSession(sessionId: string): Promise<boolean> {
    return (await this.http.deleteOptional(urlPath`/bgp/${sessionId}/session`, acknowledgement)) !== undefined;
  }
}
