import { z } from "zod";

/** Interface languages of the code-list labels. */
export const CODE_LANGUAGES = ["nb", "en"] as const;
export const CodeLanguage = z.enum(CODE_LANGUAGES);
export type CodeLanguage = z.infer<typeof CodeLanguage>;

/** One CPV code with its labels and place in the hierarchy (level 1 = division `XX000000` … 7). */
export const CpvCode = z.object({
  code: z.string().regex(/^\d{8}$/),
  nameNb: z.string(),
  nameEn: z.string(),
  level: z.number().int().min(1).max(7),
  parent: z.string().nullable(),
});
export type CpvCode = z.infer<typeof CpvCode>;

/** A CPV node of the nested tree served by `GET /v1/codes/cpv`. */
export const CpvNode = CpvCode.extend({
  get children() {
    return z.array(CpvNode);
  },
});
export type CpvNode = z.infer<typeof CpvNode>;

/** A Norwegian NUTS region (levels 0–3, NUTS 2024 plus legacy NUTS 2021) or a non-NUTS place code. */
export const Location = z.object({
  code: z.string(),
  nameNb: z.string(),
  nameEn: z.string(),
  /** NUTS level 0 (country) … 3 (county); null for `anyw`, `anyw-cou`, `anyw-eea`. */
  level: z.number().int().min(0).max(3).nullable(),
  parent: z.string().nullable(),
  /** A NUTS 2021 code replaced in NUTS 2024; still found on older notices. */
  legacy: z.boolean(),
  /** One of the non-NUTS place codes `anyw`, `anyw-cou`, `anyw-eea`. */
  special: z.boolean(),
  /** For a legacy code: the NUTS 2024 codes that replaced it. */
  successors: z.array(z.string()),
  /** For a NUTS 2024 code: the legacy code(s) it was split from. */
  predecessors: z.array(z.string()),
});
export type Location = z.infer<typeof Location>;

export const LocationTreeNode = Location.extend({
  get children() {
    return z.array(LocationTreeNode);
  },
});
export type LocationTreeNode = z.infer<typeof LocationTreeNode>;

/** A "did you mean" candidate offered when a code or name cannot be resolved. */
export const CodeSuggestion = z.object({
  code: z.string(),
  label: z.string(),
  /** How it was found: shared code prefix, small edit distance, or a label/name match. */
  reason: z.enum(["prefix", "edit_distance", "label"]),
});
export type CodeSuggestion = z.infer<typeof CodeSuggestion>;

/** Why an input could not be turned into codes, with a message that says what would work. */
export const CodeLookupFailure = z.object({
  input: z.string(),
  reason: z.enum(["malformed", "unknown", "too_broad"]),
  message: z.string(),
  suggestions: z.array(CodeSuggestion),
});
export type CodeLookupFailure = z.infer<typeof CodeLookupFailure>;

/** The outcome of resolving user input to upstream codes: the codes, or a failure to report as a 400. */
export type CodeResolution<Extra = object> =
  | ({ ok: true; input: string; codes: string[] } & Extra)
  | { ok: false; failure: CodeLookupFailure };

/** The outcome of resolving several inputs at once: all codes (deduplicated), or every failure. */
export type CodeListResolution = { ok: true; codes: string[] } | { ok: false; failures: CodeLookupFailure[] };

/** Merges single resolutions: union of codes in first-seen order, or the list of all failures. */
export const mergeResolutions = (results: readonly CodeResolution[]): CodeListResolution => {
  const failures: CodeLookupFailure[] = [];
  const codes = new Set<string>();
  for (const result of results) {
    if (result.ok) for (const code of result.codes) codes.add(code);
    else failures.push(result.failure);
  }
  return failures.length > 0 ? { ok: false, failures } : { ok: true, codes: [...codes] };
};
