import { EXIT } from "./errors";
import { run } from "./program";

/**
 * The `doffin` binary. The first Ctrl-C / SIGTERM asks long-running commands (export, changes --follow)
 * to stop at the next safe point (state saved); a second one exits at once. Both exit with 130.
 */
const stopSignal = { stopped: false };
const onSignal = () => {
  if (stopSignal.stopped) process.exit(EXIT.interrupted);
  stopSignal.stopped = true;
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);
// `doffin export | head` closes the pipe early: that is a normal end, not an error.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(EXIT.ok);
  throw err;
});

const code = await run(process.argv.slice(2), undefined, stopSignal);
// Exit explicitly (idle keep-alive sockets must not hold the process), after stdout has drained.
process.stdout.write("", () => process.exit(code));
