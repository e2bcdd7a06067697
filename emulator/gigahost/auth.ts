// Gigahost authentication (docs/vendor-documents.md,
// "Gigahost: authentication"): session tokens from POST /authenticate, personal
// API keys, and HTTP Basic — all three are accepted on every endpoint as
// `Authorization: Bearer|Basic ...`.
import { randomBytes } from "node:crypto";
import { totpCode as providerTotpCode } from "../../provider/totp";
import { EmulatorError, type EmulatorClock, type EmulatorResponse } from "../core";
import { authenticationFailed, envelope } from "./envelope";

export interface GigahostUser {
  username: string;
  password: string;
  /** Base32 (RFC 4648) TOTP secret; when set, POST /authenticate needs `code`. */
  totpSecret?: string;
}

export interface SessionSnapshot {
  token: string;
  /** Unix seconds. */
  expires: number;
}

export class GigahostAuth {
  private readonly sessions = new Map<string, number>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly apiKeys: readonly string[],
    private readonly users: readonly GigahostUser[],
    private readonly tokenLifetimeSeconds: number,
    private readonly customerId: string,
  ) {}

  /** POST /authenticate {username, password, code?}. */
  authenticate(body: unknown): EmulatorResponse {
    const fields = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
    const username = typeof fields.username === "string" ? fields.username : "";
    const password = typeof fields.password === "string" ? fields.password : "";
    if (username === "" || password === "") throw new EmulatorError(400, "Username and password are required.");
    const user = this.findUser(username, password);
    if (!user) throw authenticationFailed("Invalid username or password.");
    if (user.totpSecret !== undefined && !this.isCurrentTotp(user.totpSecret, fields.code)) {
      throw authenticationFailed("Invalid two-factor authentication code.");
    }

    const token = randomBytes(24).toString("hex");
    const expires = Math.floor(this.clock.now() / 1000) + this.tokenLifetimeSeconds;
    this.sessions.set(token, expires);
    // The docs show token_expire as a string ("unixtimestamp"), customer_id as a string, and a top-level
    // `"success": true` before the envelope (the only answer of the platform that has one).
    const answer = envelope(200, { data: { token, token_expire: String(expires), customer_id: this.customerId } });
    return { ...answer, body: { success: true, ...(answer.body as Record<string, unknown>) } };
  }

  /** Throws 401 unless the Authorization header carries a valid key, live session token or Basic credentials. */
  requireAuthorization(header: string | undefined): void {
    if (!this.isAuthorized(header)) throw authenticationFailed();
  }

  expireAllTokens(): void {
    this.sessions.clear();
  }

  snapshot(): SessionSnapshot[] {
    return [...this.sessions].map(([token, expires]) => ({ token, expires }));
  }

  restore(sessions: SessionSnapshot[]): void {
    this.sessions.clear();
    for (const { token, expires } of sessions) this.sessions.set(token, expires);
  }

  private isAuthorized(header: string | undefined): boolean {
    const match = /^(Bearer|Basic)\s+(\S+)\s*$/i.exec(header ?? "");
    if (!match) return false;
    const credential = match[2];
    if (match[1].toLowerCase() === "basic") {
      const decoded = Buffer.from(credential, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      // Basic carries no TOTP code, so 2FA users are let in on password alone (the docs say Basic works everywhere).
      return colon > 0 && this.findUser(decoded.slice(0, colon), decoded.slice(colon + 1)) !== undefined;
    }
    if (this.apiKeys.includes(credential)) return true;
    const expires = this.sessions.get(credential);
    return expires !== undefined && this.clock.now() < expires * 1000;
  }

  private findUser(username: string, password: string): GigahostUser | undefined {
    return this.users.find((u) => u.username.toLowerCase() === username.toLowerCase() && u.password === password);
  }

  /**
   * The code is documented as numeric, so a client may send 012345 as the number
   * 12345: compare zero-padded. The previous 30 s step is accepted too (RFC 6238
   * §5.2 allows a step of transmission delay), so a code computed just before a
   * step boundary still works.
   */
  private isCurrentTotp(secret: string, code: unknown): boolean {
    if (typeof code !== "string" && typeof code !== "number") return false;
    const given = String(code).trim().padStart(6, "0");
    const now = this.clock.now();
    return given === totpCode(secret, now) || given === totpCode(secret, now - TOTP_STEP_MS);
  }
}

const TOTP_STEP_MS = 30_000;

/** RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits): the package's one implementation, tested against the RFC's vectors. */
export function totpCode(base32Secret: string, timeMs: number): string {
  return providerTotpCode(base32Secret, timeMs);
}
