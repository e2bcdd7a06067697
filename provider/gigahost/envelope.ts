import { z } from "zod";
import { idString, numberish } from "../lenient";

/**
 * Gigahost payloads (docs/gigahost.md, docs/gigahost-dns.md). Every answer is an envelope
 * `{ meta: { status, status_message, message? }, data? }`.
 */

export const meta = z
  .object({
    status: numberish.optional(),
    status_message: z.string().optional(),
    message: z.string().optional(),
  })
  .passthrough();

export function envelope<T extends z.ZodType>(data: T) {
  return z.object({ meta, data });
}

/** An answer whose data we do not use (mutations answer with `meta` only). */
export const acknowledgement = z.object({ meta }).passthrough();

export const authenticateResponse = envelope(
  z.object({
    token: z.string().min(1),
    /** Unix seconds, sent as a string. */
    token_expire: numberish,
    customer_id: idString.optional(),
  }),
);

/** Gigahost's error text: `meta.message`, sometimes `meta.error`. */
export function gigahostMessage(body: unknown): string | undefined {
  const parsed = z
    .object({ meta: z.object({ message: z.string().optional(), error: z.string().optional() }).passthrough() })
    .passthrough()
    .safeParse(body);
  if (parsed.success) return parsed.data.meta.message ?? parsed.data.meta.error;
  if (typeof body === "string" && body.trim()) return body.trim().slice(0, 300);
  return undefined;
}
