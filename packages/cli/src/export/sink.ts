import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";

/** Where exported records go: a file (written synchronously, so saved state never runs ahead) or stdout. */
export interface Sink {
  write(chunk: string): Promise<void>;
  close(): Promise<void>;
}

export function fileSink(path: string, append: boolean): Sink {
  const fd = openSync(path, append ? "a" : "w");
  return {
    async write(chunk) {
      writeSync(fd, chunk);
    },
    async close() {
      fsyncSync(fd);
      closeSync(fd);
    },
  };
}

/** Honours back-pressure so a slow consumer (`| gzip > x`) does not make the CLI buffer everything. */
export function stdoutSink(out: NodeJS.WritableStream = process.stdout): Sink {
  return {
    write(chunk) {
      return new Promise((resolve, reject) => {
        const ok = out.write(chunk, (err) => {
          if (err) reject(err);
        });
        if (ok) resolve();
        else out.once("drain", () => resolve());
      });
    },
    async close() {},
  };
}
