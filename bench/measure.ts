import { EmulatorServer } from "../emulator/core";

/** One scenario's figures, as stored in bench/results.json. */
export interface ScenarioResult {
  scenario: string;
  wallMs: number;
  apiCalls: number;
  /** The scenario's lower bound, with how it was derived. */
  lowerBound: { wallMs?: number; apiCalls?: number; note: string };
  ratio: { wallMs?: number; apiCalls?: number };
  extra?: Record<string, number | string>;
}

export async function measure(
  scenario: string,
  server: EmulatorServer,
  lowerBound: ScenarioResult["lowerBound"],
  run: () => Promise<Record<string, number | string> | void>,
): Promise<ScenarioResult> {
  const before = server.requests.length;
  const started = performance.now();
  const extra = (await run()) ?? undefined;
  const wallMs = Math.round(performance.now() - started);
  const apiCalls = server.requests.length - before;
  const ratio = {
    wallMs: lowerBound.wallMs ? round(wallMs / lowerBound.wallMs) : undefined,
    apiCalls: lowerBound.apiCalls ? round(apiCalls / lowerBound.apiCalls) : undefined,
  };
  const result = { scenario, wallMs, apiCalls, lowerBound, ratio, ...(extra ? { extra } : {}) };
  const parts = [`${scenario}: ${wallMs} ms, ${apiCalls} API calls`];
  if (ratio.wallMs !== undefined) parts.push(`time ×${ratio.wallMs} of bound`);
  if (ratio.apiCalls !== undefined) parts.push(`calls ×${ratio.apiCalls} of bound`);
  console.log(parts.join(", "));
  return result;
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export function markdownTable(results: ScenarioResult[]): string {
  const rows = results.map((r) =>
    [
      r.scenario,
      r.wallMs,
      r.apiCalls,
      r.lowerBound.wallMs ?? "—",
      r.lowerBound.apiCalls ?? "—",
      r.ratio.wallMs ?? "—",
      r.ratio.apiCalls ?? "—",
      r.lowerBound.note,
      Object.entries(r.extra ?? {}).map(([key, value]) => `${key} ${value}`).join(", ") || "—",
    ].join(" | "),
  );
  return [
    "| scenario | wall ms | API calls | bound ms | bound calls | × time | × calls | bound | details |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows.map((row) => `| ${row} |`),
  ].join("\n");
}
