// Decap's local backend: decap-server, in its file-system mode, writing into the project's
// own folder. It runs as a child process on a port of its own on 127.0.0.1; the editor's
// server (server.ts) is the only one that talks to it.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { freePort } from "../cli/free-port.ts";

export interface LocalBackend {
  port: number;
  stop(): Promise<void>;
}


/** Starts decap-server for `root`; `origin` is the only page allowed to call it from a browser. */
export async function startLocalBackend(root: string, origin: string, log: (line: string) => void): Promise<LocalBackend> {
  const entry = createRequire(import.meta.url).resolve("decap-server/dist/index.js");
  const port = await freePort();
  // decap-server starts when its script is loaded; the pipe on its stdin ends when this process
  // does, however it ends (kill -9 too), and then so does decap-server.
  const guard = `process.stdin.resume();process.stdin.on("end",()=>process.exit(0));require(${JSON.stringify(entry)});`;
  const child: ChildProcess = spawn(process.execPath, ["-e", guard], {
    env: { ...process.env, PORT: String(port), BIND_HOST: "127.0.0.1", GIT_REPO_DIRECTORY: root, MODE: "fs", ORIGIN: origin, LOG_LEVEL: "info" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const output: string[] = [];
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`decap-server did not start within 20 s:\n${output.join("")}`)), 20_000);
    const watch = (chunk: Buffer) => {
      const text = chunk.toString();
      output.push(text);
      if (/listening on/i.test(text)) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout!.on("data", watch);
    child.stderr!.on("data", watch);
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`decap-server stopped (exit ${code}) before it listened:\n${output.join("")}`));
    });
  });
  child.stdout!.on("data", (chunk: Buffer) => log(chunk.toString().trimEnd()));
  child.stderr!.on("data", (chunk: Buffer) => log(chunk.toString().trimEnd()));
  return {
    port,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
  };
}
