import { closeSync, ftruncateSync, openSync, readFileSync } from "node:fs";

export type ScanResult = {
  /** Ids of the complete records already in the file. */
  ids: Set<string>;
  /** Whether the file already starts with the CSV header. */
  hasHeader: boolean;
  /** Bytes of a half-written last record that were cut off. */
  truncatedBytes: number;
};

/**
 * Positions just past each complete record. RFC 4180: a CR/LF inside a quoted field does not end the
 * record. The structural characters are ASCII, so scanning the bytes as latin1 keeps offsets = bytes.
 */
function csvRecordEnds(text: string): { ends: number[]; firstFields: string[] } {
  const ends: number[] = [];
  const firstFields: string[] = [];
  let inQuotes = false;
  let field = "";
  let fieldIndex = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          if (fieldIndex === 0) field += '"';
          i++;
        } else inQuotes = false;
      } else if (fieldIndex === 0) field += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === ",") fieldIndex++;
    else if (ch === "\n") {
      ends.push(i + 1);
      firstFields.push(field.replace(/\r$/, ""));
      field = "";
      fieldIndex = 0;
    } else if (fieldIndex === 0) field += ch;
  }
  return { ends, firstFields };
}

/**
 * Reads what an interrupted export already wrote, so a resumed export never writes a notice twice, and
 * cuts off a half-written last record (the process may have died mid-write). The output file itself is
 * the record of what was written: it cannot disagree with a separate list of ids.
 */
export function scanExistingOutput(path: string, format: "ndjson" | "csv"): ScanResult {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch {
    return { ids: new Set(), hasHeader: false, truncatedBytes: 0 };
  }
  const text = buf.toString("latin1");
  const ids = new Set<string>();
  let keep = 0;
  let hasHeader = false;
  if (format === "ndjson") {
    let start = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
      const line = buf.subarray(start, nl).toString("utf8").trim();
      if (line) {
        const rec = JSON.parse(line) as { id?: unknown };
        if (typeof rec.id === "string") ids.add(rec.id);
      }
      start = nl + 1;
      keep = start;
    }
  } else {
    const { ends, firstFields } = csvRecordEnds(text);
    firstFields.forEach((f, i) => {
      if (i === 0 && f === "id") hasHeader = true;
      else if (f) ids.add(f);
    });
    keep = ends.at(-1) ?? 0;
  }
  const truncatedBytes = buf.length - keep;
  if (truncatedBytes > 0) {
    const fd = openSync(path, "r+");
    try {
      ftruncateSync(fd, keep);
    } finally {
      closeSync(fd);
    }
  }
  return { ids, hasHeader, truncatedBytes };
}
