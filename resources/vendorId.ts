import { z } from "zod";

/**
 * An id a vendor hands out as digits (Gigahost, Terrahost and Gigas ids),
 * accepted as a string or a number and kept as a string. `what` is the noun
 * phrase the error says it must be: "the zone id", "a Gigas template id".
 */
export function vendorId(what: string, example?: string) {
  const expected = `must be ${what} (digits)${example ? `, e.g. ${example}` : ""}`;
  return z
    .union([z.string(), z.number()], { error: expected })
    .transform((value) => String(value).trim())
    .pipe(z.string().regex(/^\d+$/, expected));
}
