import { redact } from "./redact";

/**
 * Progress and warnings. The dynamic-provider process has no connection to
 * the engine's log service, so lines go to stderr, which the Pulumi CLI
 * collects from provider plugins. The provider plugin
 * (pulumi-resource-euro-hosting) has one: it routes the lines to the engine
 * with `routeLogs`, so that they show under the resource in the CLI. Every
 * line is redacted before it goes anywhere.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

export type LogSeverity = "debug" | "info" | "warning";

/** Where the provider's log lines go: one redacted line at a time. */
export type LogSink = (severity: LogSeverity, line: string) => void;

/** Writes a line to stderr, as the provider always has. */
export const stderrSink: LogSink = (severity, line) =>
  process.stderr.write(`[euro-hosting] ${severity === "info" ? "" : `${severity}: `}${line}\n`);

let sink: LogSink = stderrSink;

/** Sends the provider's log lines to `to` from now on; undefined: back to stderr. */
export function routeLogs(to: LogSink | undefined): void {
  sink = to ?? stderrSink;
}

const debugEnabled = () => /^(1|true|debug)$/i.test(process.env.EURO_HOSTING_LOG ?? "");

/** The provider's logger: stderr, or wherever `routeLogs` sends the lines. */
export const stderrLogger: Logger = {
  debug: (message) => {
    if (debugEnabled()) sink("debug", redact(message));
  },
  info: (message) => sink("info", redact(message)),
  warn: (message) => sink("warning", redact(message)),
};

/** A logger that keeps lines in memory, for tests and for callers that batch output. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    debug: (message) => lines.push(`debug: ${redact(message)}`),
    info: (message) => lines.push(`info: ${redact(message)}`),
    warn: (message) => lines.push(`warning: ${redact(message)}`),
  };
}
