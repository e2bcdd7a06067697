import { Clock } from "../clock";
import { urlPath } from "../urlPath";
import { ApiError, WaitTimeoutError } from "../errors";
import { DeadlineExceededError } from "../deadline";
import { HttpCore } from "../http";
import { Logger } from "../log";
import { waitFor } from "../poll";
import {
  DistributionWire,
  OperatingSystemWire,
  ReinstallBody,
  ReverseBody,
  ServerWire,
  SnapshotWire,
  UpgradePackageWire,
  acknowledgement,
  distributionList,
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

export type PowerAction = "on" | "off" | "reboot";

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

  /** Powers on, off, or reboots. Throws PowerNotSupportedError on a 405 or "not supported" answer. */
  async power(serverId: string, action: PowerAction): Promise<void> {
    const path = action === "reboot" ? `${this.path(serverId)}/reboot` : `${this.path(serverId)}/power/${action}`;
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

  private path(serverId: string): string {
    return urlPath`/servers/${serverId}`;
  }
}

/** 405, or a 400 whose text says the operation is not supported. */
function isUnsupported(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.status === 405 || (error.status === 400 && /not supported|unsupported/i.test(error.vendorMessage ?? ""));
}
