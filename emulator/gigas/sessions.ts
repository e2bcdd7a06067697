// Gigas credentials: API keys, and session tokens from POST /token with a
// refresh token beside them (docs/vendor-documents.md, "Gigas: quickstart",
// "Gigas: authentication"). Every other route needs one of them as a Bearer
// credential.
import { randomBytes } from "node:crypto";
import { totpCode } from "../../provider/totp";
import { EmulatorError, type EmulatorClock, type EmulatorResponse, badRequest } from "../core";
import { FIELDS } from "./fields";
import { ok, optionalBoolean, strictBody } from "./requests";

export interface GigasUser {
  login: string;
  password: string;
  /** When set, POST /token needs this `totp` code (the fake does not rotate it). */
  totp?: string;
  /**
   * Base32 TOTP secret of a 2FA account: POST /token needs `totp`, the RFC 6238
   * code of the current 30 s step or the one before or after (docs/gigas.md, guesses).
   */
  totpSecret?: string;
}

/** A session as snapshots store it. */
export interface Session {
  token: string;
  expires: number;
  refreshToken: string;
  refreshExpires: number;
}

export interface SessionOptions {
  apiKeys: string[];
  users: GigasUser[];
  tokenLifetimeSeconds: number;
  refreshExtraSeconds: number;
}

export class GigasSessions {
  list: Session[] = [];

  constructor(
    private readonly clock: EmulatorClock,
    private readonly options: SessionOptions,
  ) {}

  /** Session tokens stop working at once; with `refreshTokens`, refresh tokens too. API keys are unaffected. */
  expire(options: { refreshTokens?: boolean } = {}): void {
    const past = Math.floor(this.clock.now() / 1000) - 1;
    for (const session of this.list) {
      session.expires = past;
      if (options.refreshTokens) session.refreshExpires = past;
    }
  }

  /** POST /token {login, password, readonly, totp?} (quickstart). */
  login(body: unknown): EmulatorResponse {
    const fields = strictBody(body ?? {}, FIELDS.token);
    const login = typeof fields.login === "string" ? fields.login : "";
    const password = typeof fields.password === "string" ? fields.password : "";
    if (!login || !password) throw badRequest("login and password are required", login ? { password: ["is required"] } : { login: ["is required"] });
    optionalBoolean(fields, "readonly");
    const user = this.options.users.find((u) => u.login.toLowerCase() === login.toLowerCase() && u.password === password);
    if (!user) throw new EmulatorError(401, "Invalid login or password");
    const code = String(fields.totp ?? "");
    if ((user.totp !== undefined && code !== user.totp) || (user.totpSecret !== undefined && !isCurrentTotp(user.totpSecret, code, this.clock.now()))) {
      throw new EmulatorError(401, "Two-factor authentication is enabled: a valid totp code is required");
    }
    return ok(this.newSession());
  }

  /** Guess (docs/vendor-documents.md, "Gigas: authentication": no page shows the refresh endpoint): POST /token/refresh {refresh_token}. */
  refresh(body: unknown): EmulatorResponse {
    const refreshToken = strictBody(body ?? {}, FIELDS.tokenRefresh).refresh_token;
    const now = Math.floor(this.clock.now() / 1000);
    const session = this.list.find((s) => s.refreshToken === refreshToken);
    if (!session || session.refreshExpires <= now) throw new EmulatorError(401, "Invalid or expired refresh token");
    this.list = this.list.filter((s) => s !== session);
    return ok(this.newSession());
  }

  private newSession(): Record<string, unknown> {
    const now = Math.floor(this.clock.now() / 1000);
    const session: Session = {
      token: "eyJ" + randomBytes(24).toString("base64url"),
      expires: now + this.options.tokenLifetimeSeconds,
      refreshToken: "eyJ" + randomBytes(24).toString("base64url"),
      refreshExpires: now + this.options.tokenLifetimeSeconds + this.options.refreshExtraSeconds,
    };
    this.list.push(session);
    return { token: session.token, expires: session.expires, refresh_token: session.refreshToken, refresh_expires: session.refreshExpires };
  }

  requireAuthorization(header: string | undefined): void {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
    const credential = match?.[1];
    if (credential && this.options.apiKeys.includes(credential)) return;
    const now = Math.floor(this.clock.now() / 1000);
    if (credential && this.list.some((s) => s.token === credential && s.expires > now)) return;
    throw new EmulatorError(401, "Unauthorized");
  }
}

/** RFC 6238 §5.2: a code of the step before or after is accepted too, for clock drift and transmission delay. */
function isCurrentTotp(secret: string, code: string, nowMs: number): boolean {
  return [-1, 0, 1].some((step) => totpCode(secret, nowMs + step * 30_000) === code);
}
