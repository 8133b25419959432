/** Programmatic entry: run the CLI in-process (`run(["search", "--json"])`) and its building blocks. */

export { EXIT } from "./errors";
export { CSV_COLUMNS, csvColumns, csvRecord, guardFormula, quoteCsv } from "./output/csv";
export { buildProgram, CLI_VERSION, run } from "./program";
export type { Transport } from "./transport/types";
