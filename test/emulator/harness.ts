// Shared set-up for the emulator tests: an in-process server on a free port
// and a tiny fetch wrapper that speaks Gigahost's JSON.
import { type EmulatorServer, type EmulatorServerOptions, startEmulatorServer } from "../../emulator/core";
import { DEFAULT_GIGAHOST_API_KEY, GigahostEmulator, type GigahostEmulatorOptions } from "../../emulator/gigahost";

export interface GigahostHarness {
  emulator: GigahostEmulator;
  server: EmulatorServer;
  base: string;
  /** A request with the default API key unless `auth` says otherwise (null: no Authorization header). */
  call(method: string, path: string, body?: unknown, auth?: string | null): Promise<ApiAnswer>;
}

export interface ApiAnswer {
  status: number;
  body: any;
  headers: Headers;
}

export async function startGigahost(
  options: GigahostEmulatorOptions = {},
  serverOptions: EmulatorServerOptions = {},
): Promise<GigahostHarness> {
  const emulator = new GigahostEmulator({ zoneWriteMs: 5, ...options });
  const server = await startEmulatorServer([emulator], serverOptions);
  const base = server.urlFor("gigahost");
  return {
    emulator,
    server,
    base,
    call: (method, path, body, auth = `Bearer ${DEFAULT_GIGAHOST_API_KEY}`) => callJson(base + path, method, body, auth),
  };
}

/**
 * A fresh emulator for every test of the enclosing block: started before each
 * test and closed after it. What it returns stands for the current one (each
 * property is read from it when used), so it is only usable inside tests and hooks.
 */
export function gigahostForEachTest(options: GigahostEmulatorOptions = {}): GigahostHarness {
  let current: GigahostHarness | undefined;
  beforeEach(async () => {
    current = await startGigahost(options);
  });
  afterEach(() => current?.server.close());
  return new Proxy({} as GigahostHarness, {
    get(_target, property) {
      if (!current) throw new Error(`the emulator is used before beforeEach started it (reading ${String(property)})`);
      return Reflect.get(current, property, current);
    },
  });
}

export async function callJson(url: string, method: string, body?: unknown, auth: string | null = null): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  if (auth !== null) headers.authorization = auth;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    // plain-text answers (502/503 faults) stay text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}
