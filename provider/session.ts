import { Clock } from "./clock";
import { ApiError, ConfigurationError } from "./errors";
import type { AuthHook } from "./http";
import { SingleFlight } from "./limit";
import { Logger } from "./log";
import { registerSecret } from "./redact";
import { VendorSettings } from "./settings";
import { decodeBase32, totpCode } from "./totp";

/**
 * The one way a vendor client authenticates: an API key sent as a bearer
 * token, or a login (username + password, plus a TOTP code for two-factor
 * accounts) that yields a bearer session. Sessions are renewed shortly before
 * they expire, by one request however many callers need one, through the
 * vendor's refresh token where it has one, else by logging in again; a 401
 * makes the HTTP core ask once for a new session (`AuthHook`'s `renew`).
 *
 * What differs per vendor comes in as hooks: how to log in and how to refresh.
 */

/**
 * The credential settings a client reads, under their settings keys. The
 * client reads them itself (`settings.get("apiKey")`), so that its list of
 * settings stays visible where it is declared. `totp` is a one-time code typed
 * in by hand (Gigas's original setting); `totpSecret` is the base32 secret
 * behind it, from which a fresh code is computed at every login.
 */
export interface CredentialSettings {
  apiKey?: string;
  username?: string;
  password?: string;
  totpSecret?: string;
  totp?: string;
}

export interface LoginCredentials {
  username: string;
  password: string;
  totpSecret?: string;
  /** A one-time code: good for one login only. */
  staticCode?: string;
}

export type Credentials = { kind: "apiKey"; apiKey: string } | ({ kind: "login" } & LoginCredentials);

/** A bearer session as the vendor's login or refresh answer describes it (times in epoch ms). */
export interface SessionToken {
  token: string;
  expiresAt: number;
  refreshToken?: string;
  /** Undefined: the refresh token's lifetime is unknown, so it is not used. */
  refreshExpiresAt?: number;
}

export interface LoginHooks {
  /** Logs in; `code` is the TOTP code for this login, when the account has two-factor login. */
  login(credentials: { username: string; password: string; code?: string }): Promise<SessionToken>;
  /** Exchanges a refresh token for a new session, for vendors that have one. */
  refresh?(refreshToken: string): Promise<SessionToken>;
}

export interface SessionOptions {
  /** "Gigas", "Terrahost": for log lines and errors. */
  vendor: string;
  settings: VendorSettings;
  clock: Clock;
  logger: Logger;
  /** Renew this long before the vendor says the session expires; default 60 s. */
  marginMs?: number;
}

/** Renew a session this long before the vendor says it expires. */
export const SESSION_MARGIN_MS = 60_000;

/**
 * Which credentials the settings hold: an API key wins over a login. Missing
 * or malformed credentials are a ConfigurationError naming the settings.
 */
export function credentialsFrom(settings: VendorSettings, values: CredentialSettings, vendor: string): Credentials {
  // Settings register what they read; these are registered here too, whatever the source.
  for (const secret of [values.apiKey, values.password, values.totpSecret, values.totp]) registerSecret(secret);
  if (values.apiKey) return { kind: "apiKey", apiKey: values.apiKey };
  const { username, password, totpSecret, totp } = values;
  if (username && password) {
    if (totpSecret !== undefined) checkTotpSecret(settings, totpSecret);
    return { kind: "login", username, password, totpSecret, staticCode: totpSecret === undefined ? totp : undefined };
  }
  const s = settings;
  const twoFactor =
    "totpSecret" in values
      ? ` (plus ${s.describe("totpSecret")} for 2FA accounts` + ("totp" in values ? `, or a one-time code in ${s.describe("totp")}` : "") + ")"
      : "";
  throw new ConfigurationError(
    `${vendor} credentials are missing. Set an API key with ${s.describe("apiKey")}, ` +
      `or log in with ${s.describe("username")} and ${s.describe("password")}${twoFactor}` +
      (username && !password ? " (the username is set but the password is not)" : "") +
      `. In a stack: pulumi config set --secret ${s.vendor}:apiKey <key>`,
  );
}

function checkTotpSecret(settings: VendorSettings, secret: string): void {
  let bytes: Buffer | undefined;
  try {
    bytes = decodeBase32(secret);
  } catch {
    bytes = undefined;
  }
  if (!bytes || bytes.length === 0) {
    throw new ConfigurationError(
      `${settings.describe("totpSecret")} is not a base32 TOTP secret (letters A-Z and digits 2-7, as shown beside the QR code when two-factor login is set up)`,
    );
  }
}

/**
 * The AuthHook for the credentials: a fixed bearer header for an API key, a
 * renewed session for a login. `hooks` is only called for a login.
 */
export function bearerAuth(credentials: Credentials, hooks: LoginHooks, options: SessionOptions): AuthHook {
  if (credentials.kind === "apiKey") {
    const header = { Authorization: `Bearer ${credentials.apiKey}` };
    return async () => header;
  }
  const session = new LoginSession(credentials, hooks, options);
  return (renew) => session.header(renew);
}

/** A login's bearer session, renewed before it expires and after a 401. */
export class LoginSession {
  private current: SessionToken | undefined;
  private readonly renewals = new SingleFlight();
  private readonly marginMs: number;
  private logins = 0;
  private warnedStaticCode = false;

  constructor(
    private readonly credentials: LoginCredentials,
    private readonly hooks: LoginHooks,
    private readonly options: SessionOptions,
  ) {
    this.marginMs = options.marginMs ?? SESSION_MARGIN_MS;
  }

  /** The Authorization header; `renew` (after a 401) drops the session the caller was given. */
  async header(renew: boolean): Promise<Record<string, string>> {
    let session = this.current;
    if (renew || !this.isFresh(session)) {
      const rejected = renew ? session : undefined;
      session = await this.renewals.run("session", () => this.renew(rejected));
    }
    return { Authorization: `Bearer ${session!.token}` };
  }

  private isFresh(session: SessionToken | undefined): session is SessionToken {
    return session !== undefined && this.options.clock.now() < session.expiresAt - this.marginMs;
  }

  private async renew(rejected: SessionToken | undefined): Promise<SessionToken> {
    // Another caller may have renewed it since this one was refused.
    if (this.isFresh(this.current) && this.current !== rejected) return this.current;
    const next = (await this.refreshed(this.current)) ?? (await this.login());
    registerSecret(next.token);
    registerSecret(next.refreshToken);
    this.current = next;
    return next;
  }

  /** A session from the refresh token while it is valid; undefined when the vendor refuses it (then: log in). */
  private async refreshed(previous: SessionToken | undefined): Promise<SessionToken | undefined> {
    const refresh = this.hooks.refresh;
    const token = previous?.refreshToken;
    if (!refresh || !token || previous!.refreshExpiresAt === undefined) return undefined;
    if (this.options.clock.now() >= previous!.refreshExpiresAt - this.marginMs) return undefined;
    try {
      return await refresh(token);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status === undefined || error.status >= 500) throw error;
      this.options.logger.debug(`${this.options.vendor}: refreshing the session failed (${error.status}); logging in again`);
      return undefined;
    }
  }

  private async login(): Promise<SessionToken> {
    const { username, password, totpSecret, staticCode } = this.credentials;
    const code = totpSecret !== undefined ? totpCode(totpSecret, this.options.clock.now()) : staticCode;
    if (staticCode !== undefined && this.logins > 0 && !this.warnedStaticCode) {
      this.warnedStaticCode = true;
      const s = this.options.settings;
      this.options.logger.warn(
        `${this.options.vendor}: logging in again with the one-time code from ${s.describe("totp")}, which is likely no longer valid. ` +
          `For unattended runs set ${s.describe("totpSecret")} (the base32 secret) instead: a fresh code is computed at every login`,
      );
    }
    this.logins++;
    return this.hooks.login({ username, password, code });
  }
}
