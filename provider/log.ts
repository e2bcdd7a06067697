import { redact } from "./redact";

/**
 * Progress and warnings. The dynamic-provider process has no connection to
 * the engine's log service, so lines go to stderr, which the Pulumi CLI
 * collects from provider plugins. Every line is redacted.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

const debugEnabled = () => /^(1|true|debug)$/i.test(process.env.EURO_HOSTING_LOG ?? "");

export const stderrLogger: Logger = {
  debug: (message) => {
    if (debugEnabled()) process.stderr.write(`[euro-hosting] debug: ${redact(message)}\n`);
  },
  info: (message) => process.stderr.write(`[euro-hosting] ${redact(message)}\n`),
  warn: (message) => process.stderr.write(`[euro-hosting] warning: ${redact(message)}\n`),
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
