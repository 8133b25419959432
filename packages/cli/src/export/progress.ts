export type ProgressMode = "bar" | "lines" | "quiet";

export type Progress = {
  update(done: number): void;
  /** Clears the bar so a following message starts on a clean line. */
  finish(): void;
};

const fmtDuration = (s: number): string => {
  if (!Number.isFinite(s) || s < 0) return "--";
  if (s < 60) return `${Math.round(s)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
};

/**
 * Export progress on stderr: a redrawn bar on a TTY, a plain line every `lineEveryMs` otherwise (logs and
 * CI stay readable), nothing with --quiet. Totals come from the first count query.
 */
export function createProgress(opts: {
  mode: ProgressMode;
  total: number;
  /** Already written before this run (resume). */
  start: number;
  write: (s: string) => void;
  columns?: number;
  now?: () => number;
  lineEveryMs?: number;
}): Progress {
  const now = opts.now ?? (() => Date.now());
  const t0 = now();
  let lastDraw = 0;
  let drawn = false;
  let lastLineDone = -1;
  const lineEvery = opts.lineEveryMs ?? 5000;
  const render = (done: number): string => {
    const total = Math.max(opts.total, done);
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    const elapsed = (now() - t0) / 1000;
    const rate = elapsed > 0 ? (done - opts.start) / elapsed : 0;
    const eta = rate > 0 ? (total - done) / rate : Number.NaN;
    return `${done}/${total} ${pct}% ${rate.toFixed(1)}/s ETA ${fmtDuration(eta)}`;
  };
  return {
    update(done) {
      if (opts.mode === "quiet") return;
      const t = now();
      if (opts.mode === "lines") {
        if (done === lastLineDone || (t - lastDraw < lineEvery && done < opts.total)) return;
        lastDraw = t;
        lastLineDone = done;
        opts.write(`doffin: exported ${render(done)}\n`);
        return;
      }
      if (t - lastDraw < 100 && done < opts.total) return;
      lastDraw = t;
      const text = render(done);
      const barWidth = Math.max(10, Math.min(40, (opts.columns ?? 80) - text.length - 4));
      const filled =
        opts.total === 0 ? barWidth : Math.min(barWidth, Math.round((done / opts.total) * barWidth));
      opts.write(`\r[${"#".repeat(filled)}${"-".repeat(barWidth - filled)}] ${text}\x1b[K`);
      drawn = true;
    },
    finish() {
      if (drawn) opts.write("\n");
      drawn = false;
    },
  };
}
