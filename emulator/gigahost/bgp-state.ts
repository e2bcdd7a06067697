// Gigahost BGP (docs/vendor-documents.md, "Gigahost: BGP"): ASNs that need
// verification (moved to active or rejected by the admin API, as support
// would), sessions on a server's IPs, and deletion that completes
// asynchronously: a job on the job clock removes the session at its stored
// `goneAt`.
import { EmulatorError, type JobClock } from "../core";
import type { GigahostServerState } from "./server-state";

export type AsnStatus = "pending" | "active" | "rejected";

interface StoredAsn {
  id: string;
  asn: number;
  status: AsnStatus;
  rejectedReason: string;
}

interface StoredSession {
  id: string;
  asnId: string;
  srvId: string;
  ipId: string;
  ipType: "ipv4" | "ipv6";
  ipAddress: string;
  routerId: string;
  defaultRoute: boolean;
  status: "active" | "deleting";
  /** Unix ms when a session marked for deletion disappears. */
  goneAt: number;
}

export interface BgpSnapshot {
  nextId: number;
  asns: StoredAsn[];
  sessions: StoredSession[];
  routers?: Record<string, string[]>;
}

const MAX_ASNS = 3;
const ROUTER_ASN = "39029";
/** "Sessions are created on available routers in the server's datacenter" (docs/vendor-documents.md, "Gigahost: BGP"). */
const DEFAULT_ROUTERS: Record<string, string[]> = { DC1: ["1", "2"], DC2: ["1", "2"] };

export class GigahostBgpState {
  private nextId = 1;
  private asns: StoredAsn[] = [];
  private sessions: StoredSession[] = [];
  /** Router ids of each datacenter (`srv_location`) that take new sessions. */
  private routers: Record<string, string[]> = structuredClone(DEFAULT_ROUTERS);

  constructor(
    private readonly jobs: JobClock,
    private readonly servers: GigahostServerState,
    private readonly customerId: string,
    private readonly sessionDeletionMs: number,
  ) {}

  /** GET /bgp. */
  view(): Record<string, unknown> {
    return {
      asn: this.asns.map((asn) => ({
        id: asn.id,
        asn: String(asn.asn),
        asn_name: `Example Network ${asn.asn}`,
        asn_country: "NO",
        irr_v4: `AS-EX${asn.asn}`,
        irr_v6: `AS-EX${asn.asn}`,
        irr_updated: String(Math.floor(this.jobs.clock.now() / 1000)),
        status: asn.status,
        rejected_reason: asn.rejectedReason,
      })),
      prefix_lists: [],
      sessions: this.sessions.map((session) => ({
        id: session.id,
        asn_id: session.asnId,
        cust_id: this.customerId,
        router_id: session.routerId,
        srv_id: session.srvId,
        ip_id: session.ipId,
        ip_type: session.ipType,
        defaultroute: session.defaultRoute ? "1" : "0",
        status: session.status,
        neighbor_ipv4: `185.125.168.${session.routerId}`,
        neighbor_ipv6: `2a03:94e0::${session.routerId}`,
        multihop: "0",
        router_asn: ROUTER_ASN,
        your_asn: String(this.asns.find((asn) => asn.id === session.asnId)?.asn ?? ""),
        asn_country: "NO",
        ip_address: session.ipAddress,
      })),
    };
  }

  /** POST /bgp/asn {asn: "212345" | "AS212345" | 212345}. */
  submitAsn(value: unknown): void {
    const match = /^(?:AS)?(\d{1,10})$/i.exec(String(value ?? "").trim());
    const asn = match ? Number(match[1]) : NaN;
    if (!match || asn < 1 || asn > 4_294_967_295 || asn === 23456) throw new EmulatorError(400, "ASN is not valid");
    if (this.asns.some((stored) => stored.asn === asn)) throw new EmulatorError(400, "The ASN already exists in the database.");
    if (this.asns.length >= MAX_ASNS) {
      throw new EmulatorError(400, "Only three ASNs can be configured at a time. Contact support to remove an ASN first.");
    }
    this.asns.push({ id: String(this.nextId++), asn, status: "pending", rejectedReason: "" });
  }

  /** What support does after verification (admin API and tests). */
  setAsnStatus(asnId: string, status: AsnStatus, rejectedReason = ""): void {
    const asn = this.asns.find((stored) => stored.id === asnId);
    if (!asn) throw new EmulatorError(404, "ASN not found.");
    asn.status = status;
    asn.rejectedReason = status === "rejected" ? rejectedReason : "";
  }

  /** Support removing an ASN (there is no API for it). */
  removeAsn(asnId: string): void {
    this.asns = this.asns.filter((asn) => asn.id !== asnId);
  }

  /** Which routers of a datacenter take new sessions (support's side; tests). An empty list: none available. */
  setAvailableRouters(location: string, routerIds: string[]): void {
    this.routers[location] = [...routerIds];
  }

  asnByNumber(asn: number): StoredAsn | undefined {
    return this.asns.find((stored) => stored.asn === asn);
  }

  /** POST /bgp/{asn_id}/session. */
  createSessions(asnId: string, body: Record<string, unknown>): void {
    const asn = this.asns.find((stored) => stored.id === asnId);
    if (!asn) throw new EmulatorError(404, "ASN not found.");
    if (asn.status !== "active") throw new EmulatorError(400, "ASN must be active before sessions can be created.");
    const v4 = body.ip_id_v4 === undefined || body.ip_id_v4 === null ? undefined : String(body.ip_id_v4);
    const v6 = body.ip_id_v6 === undefined || body.ip_id_v6 === null ? undefined : String(body.ip_id_v6);
    if (v4 === undefined && v6 === undefined) throw new EmulatorError(400, "At least one of ip_id_v4 or ip_id_v6 must be provided.");
    const redundant = String(body.redundant) === "1" || body.redundant === true;
    const defaultRoute = String(body.defaultroute) === "1" || body.defaultroute === true;
    const planned: StoredSession[] = [];
    for (const [ipId, family] of [[v4, "ipv4"], [v6, "ipv6"]] as const) {
      if (ipId === undefined) continue;
      const owner = this.servers.ipOwner(ipId, family);
      if (!owner) throw new EmulatorError(400, `${family === "ipv4" ? "IPv4" : "IPv6"} address not found.`);
      if (this.sessions.some((session) => session.ipId === ipId)) {
        throw new EmulatorError(400, `${family === "ipv4" ? "IPv4" : "IPv6"} session exists already.`);
      }
      // The document's refusal when the datacenter has no router to spare (a redundant set needs two).
      const available = this.routers[this.servers.server(owner.serverId).location] ?? [];
      if (available.length < (redundant ? 2 : 1)) throw new EmulatorError(400, "Unable to find available BGP routers.");
      for (const routerId of available.slice(0, redundant ? 2 : 1)) {
        planned.push({
          id: "",
          asnId,
          srvId: owner.serverId,
          ipId,
          ipType: family,
          ipAddress: owner.address,
          routerId,
          defaultRoute,
          status: "active",
          goneAt: 0,
        });
      }
    }
    for (const session of planned) this.sessions.push({ ...session, id: String(this.nextId++) });
  }

  /** DELETE /bgp/{session_id}/session: marks the session; it disappears after the deletion delay. */
  deleteSession(sessionId: string): void {
    const session = this.sessions.find((stored) => stored.id === sessionId);
    if (!session) throw new EmulatorError(404, "Session not found.");
    if (session.status !== "active") throw new EmulatorError(400, "Session must be active to be deleted.");
    session.status = "deleting";
    session.goneAt = this.jobs.clock.now() + this.sessionDeletionMs;
    this.scheduleRemoval(session);
  }

  /** Removes a session at once (support, or out-of-band tests). */
  removeSession(sessionId: string): void {
    this.sessions = this.sessions.filter((session) => session.id !== sessionId);
  }

  /** In-process (tests): apply due deletions first, as a request would. */
  sessionsOf(asnId: string): StoredSession[] {
    this.jobs.runDue();
    return structuredClone(this.sessions.filter((session) => session.asnId === asnId));
  }

  snapshot(): BgpSnapshot {
    return structuredClone({ nextId: this.nextId, asns: this.asns, sessions: this.sessions, routers: this.routers });
  }

  restore(snapshot: BgpSnapshot): void {
    this.nextId = snapshot.nextId;
    this.asns = structuredClone(snapshot.asns);
    this.sessions = structuredClone(snapshot.sessions);
    this.routers = structuredClone(snapshot.routers ?? DEFAULT_ROUTERS);
    for (const session of this.sessions) if (session.status === "deleting") this.scheduleRemoval(session);
  }

  /** A deleting session disappears at its `goneAt` (restore expects the job clock cleared first). */
  private scheduleRemoval(session: StoredSession): void {
    this.jobs.at(session.goneAt, () => this.removeSession(session.id), `bgp-session:${session.id}`);
  }
}
