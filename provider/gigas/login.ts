import type { HttpCore } from "../http";
import type { SessionToken } from "../session";
import { PATHS } from "./paths";
import { TokenWire, tokenResponse } from "./wire";

/**
 * Gigas's token calls, as provider/session.ts's `bearerAuth` asks for them:
 * `POST /token` {login, password, readonly, totp?} (quickstart; 2FA accounts
 * add `totp`), and the refresh. `http` is read at call time: the HTTP core
 * is built with the auth hook that calls these.
 */
export function gigasTokenCalls(http: () => HttpCore) {
  const tokenRequest = async (path: string, body: Record<string, unknown>): Promise<SessionToken> => {
    const { body: answer } = await http().request({
      method: "POST",
      path,
      body,
      schema: tokenResponse,
      authenticated: false,
      // Asking for a token twice is harmless.
      retry: true,
    });
    return sessionFrom(answer);
  };
  return {
    login(credentials: { username: string; password: string; code?: string }): Promise<SessionToken> {
      const body: Record<string, unknown> = { login: credentials.username, password: credentials.password, readonly: false };
      if (credentials.code !== undefined) body.totp = credentials.code;
      return tokenRequest(PATHS.token, body);
    },
    refresh(refreshToken: string): Promise<SessionToken> {
      return tokenRequest(PATHS.tokenRefresh, { refresh_token: refreshToken });
    },
  };
}

function sessionFrom(answer: TokenWire): SessionToken {
  return {
    token: answer.token,
    expiresAt: answer.expires * 1000,
    refreshToken: answer.refresh_token ?? undefined,
    refreshExpiresAt: answer.refresh_expires === null ? undefined : answer.refresh_expires * 1000,
  };
}
