// A deliberately small multipart/form-data parser (RFC 7578): enough for the
// vendor endpoints that take a file upload, e.g. Gigahost's BIND zone import.
// Every part, field or file, becomes a utf-8 string keyed by its name.

export class MultipartError extends Error {}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

export function parseMultipart(rawBody: Buffer, contentType: string): Record<string, string> {
  const boundaryMatch = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundaryMatch) throw new MultipartError("multipart body without a boundary");
  const delimiter = Buffer.from(`--${boundaryMatch[1] ?? boundaryMatch[2]}`);
  // Every delimiter after the first is preceded by CRLF, which belongs to it, not to the part.
  const innerDelimiter = Buffer.concat([CRLF, delimiter]);

  const fields: Record<string, string> = {};
  let position = rawBody.indexOf(delimiter);
  if (position < 0) throw new MultipartError("multipart body without its boundary");
  position += delimiter.length;

  for (;;) {
    if (rawBody.subarray(position, position + 2).toString() === "--") return fields;
    if (!rawBody.subarray(position, position + 2).equals(CRLF)) throw new MultipartError("malformed boundary line");
    const partStart = position + 2;
    const partEnd = rawBody.indexOf(innerDelimiter, partStart);
    if (partEnd < 0) throw new MultipartError("unterminated multipart part");
    const part = rawBody.subarray(partStart, partEnd);
    const headerEnd = part.indexOf(HEADER_END);
    if (headerEnd < 0) throw new MultipartError("multipart part without headers");
    const name = partName(part.subarray(0, headerEnd).toString("utf8"));
    fields[name] = part.subarray(headerEnd + HEADER_END.length).toString("utf8");
    position = partEnd + innerDelimiter.length;
  }
}

function partName(headerBlock: string): string {
  for (const line of headerBlock.split("\r\n")) {
    const [header, ...rest] = line.split(":");
    if (header.trim().toLowerCase() !== "content-disposition") continue;
    const name = /(?:^|;)\s*name="([^"]*)"/i.exec(rest.join(":"));
    if (name) return name[1];
  }
  throw new MultipartError("multipart part without a content-disposition name");
}
