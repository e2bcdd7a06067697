import { Clock } from "../clock";
import { urlPath } from "../urlPath";
import { ApiError, WaitTimeoutError } from "../errors";
import { DeadlineExceededError } from "../deadline";
import { HttpCore } from "../http";
import { Logger } from "../log";
import { waitFor } from "../poll";
import {
  DistributionWire,
  IpmiSessionWire,
  IsoWire,
  Ipv4Type,
  TrafficGraphsWire,
  OperatingSystemWire,
  ReinstallBody,
  ReverseBody,
  ServerWire,
  SnapshotWire,
  UpgradePackageWire,
  acknowledgement,
  distributionList,
  ipmiSession,
  isoList,
  trafficGraphs,
  operatingSystemList,
  powerStateResponse,
  reinstallResponse,
  serverDetail,
  serverList,
  snapshotList,
  upgradePackageList,
} from "./wire";

/**
 * `GET /servers` transiently omits live servers for tens of seconds, and
 * `/servers/{id}` answers 404 meanwhile (docs/gigahost.md, "Vendor quirks
 * handled"). A server is only reported gone after it stayed absent this long.
 */
export const ABSENCE_CONFIRMATION_MS = 90_000;

/** Power on or off; a reboot is `reboot()`, which is never retried. */
export type PowerAction = "on" | "off";

/** Power control the server's type does not offer (live: 405 for on/off on KVM VPS). */
export class PowerNotSupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PowerNotSupportedError";
  }
}

/** The `/servers` and `/reinstall` endpoints, shared by Gigahost and Terrahost. */
export class ServerApi {
  constructor(
    private readonly http: HttpCore,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async list(): Promise<ServerWire[]> {
    const { body } = await this.http.request({ method: "GET", path: "/servers", schema: serverList });
    return body.data;
  }

  /** One read of `/servers/{id}`; undefined on 404 (which may be transient: see `find`). */
  async get(serverId: string): Promise<ServerWire | undefined> {
    const body = await this.http.getOptional(this.path(serverId), serverDetail);
    // Documented as a one-element array.
    return body && (Array.isArray(body.data) ? body.data[0] : body.data);
  }

  /**
   * The server, or undefined once it has been absent for
   * ABSENCE_CONFIRMATION_MS: a single 404 is not proof (docs/gigahost.md, "Vendor quirks handled").
   */
  async find(serverId: string, confirmationMs = ABSENCE_CONFIRMATION_MS): Promise<ServerWire | undefined> {
    const first = await this.get(serverId);
    if (first) return first;
    try {
      return await waitFor(() => this.get(serverId), (server) => server !== undefined, {
        description: `server ${serverId} to be listed again (the API omits servers transiently)`,
        timeoutMs: confirmationMs,
        initialDelayMs: 5_000,
        maxDelayMs: 15_000,
        clock: this.clock,
        logger: this.logger,
      });
    } catch (error) {
      // The operation's deadline running out proves nothing about the server: only the confirmation window does.
      if (error instanceof WaitTimeoutError && !(error instanceof DeadlineExceededError)) {
        this.logger.info(`${this.http.vendor}: server ${serverId} stayed absent for ${confirmationMs / 1000}s; treating it as gone`);
        return undefined;
      }
      throw error;
    }
  }

  async rename(serverId: string, name: string): Promise<void> {
    await this.http.request({ method: "PUT", path: `${this.path(serverId)}/name`, body: { name }, schema: acknowledgement });
  }

  /** True when powered on; undefined when the server's type does not report it. */
  async powerState(serverId: string): Promise<boolean | undefined> {
    try {
      const { body } = await this.http.request({ method: "GET", path: `${this.path(serverId)}/powerstate`, schema: powerStateResponse });
      return body.meta.powerstate ?? undefined;
    } catch (error) {
      if (isUnsupported(error)) return undefined;
      throw error;
    }
  }

  /** Powers on or off. Throws PowerNotSupportedError on a 405 or "not supported" answer. */
  async power(serverId: string, action: PowerAction): Promise<void> {
    const path = `${this.path(serverId)}/power/${action}`;
    try {
      await this.http.request({ method: "GET", path, schema: acknowledgement });
    } catch (error) {
      if (isUnsupported(error)) {
        throw new PowerNotSupportedError(
          `${this.http.vendor} does not support power ${action} for server ${serverId} ` +
            `(${(error as ApiError).vendorMessage ?? `HTTP ${(error as ApiError).status}`}); KVM VPS servers only offer reboot. ` +
            "Remove `powerState` from the program for this server.",
        );
      }
      throw error;
    }
  }

  async snapshots(serverId: string): Promise<SnapshotWire[]> {
    const { body } = await this.http.request({ method: "GET", path: `${this.path(serverId)}/snapshots`, schema: snapshotList });
    return body.data;
  }

  /** Starts a snapshot. The answer carries no id: find it by display name. Never retried here. */
  async createSnapshot(serverId: string, name: string): Promise<void> {
    await this.http.request({ method: "POST", path: `${this.path(serverId)}/snapshot`, body: { name }, schema: acknowledgement });
  }

  /** False when the snapshot (or server) was already gone. */
  async deleteSnapshot(serverId: string, snapshotId: string): Promise<boolean> {
    return (await this.http.deleteOptional(urlPath`/servers/${serverId}/snapshot/${snapshotId}`, acknowledgement)) !== undefined;
  }

  async distributions(): Promise<DistributionWire[]> {
    const { body } = await this.http.request({ method: "GET", path: "/reinstall/distro", schema: distributionList });
    return body.data;
  }

  async operatingSystems(distributionId: string): Promise<OperatingSystemWire[]> {
    const { body } = await this.http.request({
      method: "GET",
      path: urlPath`/reinstall/distro/${distributionId}`,
      schema: operatingSystemList,
    });
    return body.data;
  }

  /** Destructive. Returns the new root password (registered for redaction by the caller). Never retried. */
  async reinstall(serverId: string, body: ReinstallBody): Promise<string> {
    const { body: answer } = await this.http.request({
      method: "POST",
      path: `${this.path(serverId)}/reinstall`,
      body,
      schema: reinstallResponse,
      retry: false,
    });
    return answer.meta.root_passwd;
  }

  async setReverse(serverId: string, body: ReverseBody): Promise<void> {
    await this.http.request({ method: "PUT", path: `${this.path(serverId)}/reverse`, body, schema: acknowledgement });
  }

  async upgradePackages(serverId: string): Promise<UpgradePackageWire[]> {
    const { body } = await this.http.request({ method: "GET", path: `${this.path(serverId)}/upgrade`, schema: upgradePackageList });
    return body.data;
  }

  /**
   * Moves the server to another package (`POST /servers/{id}/upgrade {pkg_id}`). The documents give no
   * answer and say nothing of how long it takes: callers read the server back. Never retried.
   */
  async upgrade(serverId: string, packageId: string): Promise<void> {
    await this.http.request({
      method: "POST",
      path: `${this.path(serverId)}/upgrade`,
      body: { pkg_id: Number(packageId) },
      schema: acknowledgement,
      retry: false,
    });
  }

  /** Reboots once (`GET /servers/{id}/reboot`). A GET, but not repeatable: never retried. */
  async reboot(serverId: string): Promise<void> {
    await this.http.request({ method: "GET", path: `${this.path(serverId)}/reboot`, schema: acknowledgement, retry: false });
  }

  /** The ISOs uploaded to the account, with which is mounted on this server (`GET /servers/{id}/isos`). */
  async isos(serverId: string): Promise<IsoWire[]> {
    const { body } = await this.http.request({ method: "GET", path: `${this.path(serverId)}/isos`, schema: isoList });
    return body.data;
  }

  /** Mounts an uploaded ISO (`POST /servers/{id}/isos {iso_id}`). */
  async mountIso(serverId: string, isoId: string): Promise<void> {
    await this.http.request({ method: "POST", path: `${this.path(serverId)}/isos`, body: { iso_id: isoId }, schema: acknowledgement });
  }

  /** The bandwidth (`port_bits`) or packet (`port_upkts`) graphs, base64 images. */
  async trafficGraphs(serverId: string, counter: "port_bits" | "port_upkts"): Promise<TrafficGraphsWire> {
    const { body } = await this.http.request({ method: "GET", path: `${this.path(serverId)}/${counter}`, schema: trafficGraphs });
    return body.data;
  }

  /** Opens a KVM/IPMI session (valid 3 h); the password is registered for redaction by the caller. Never retried. */
  async openIpmiSession(serverId: string): Promise<IpmiSessionWire> {
    const { body } = await this.http.request({ method: "POST", path: `${this.path(serverId)}/ipmi`, schema: ipmiSession, retry: false });
    return body.data;
  }

  /**
   * Orders one more IPv4 address (`POST /servers/{id}/ipv4 {ip_type}`); billed. The documents give
   * no answer: the caller finds the address in the server's `ips`. Never retried here.
   */
  async orderIpv4(serverId: string, type: Ipv4Type): Promise<void> {
    await this.http.request({ method: "POST", path: `${this.path(serverId)}/ipv4`, body: { ip_type: type }, schema: acknowledgement, retry: false });
  }

  /** Moves a routed (L3) address to another server (`PUT /servers/{id}/ipv4/{ip_id} {target_srv_id}`; Gigahost's documentation only). */
  async moveIpv4(serverId: string, ipId: string, targetServerId: string): Promise<void> {
    await this.http.request({
      method: "PUT",
      path: urlPath`/servers/${serverId}/ipv4/${ipId}`,
      body: { target_srv_id: Number(targetServerId) },
      schema: acknowledgement,
    });
  }

  private path(serverId: string): string {
    return urlPath`/servers/${serverId}`;
  }
}

/** 405, or a 400 whose text says the operation is not supported. */
function isUnsupported(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.status === 405 || (error.status === 400 && /not supported|unsupported/i.test(error.vendorMessage ?? ""));
}
