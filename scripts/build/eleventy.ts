// An Eleventy working for a build session. The session is handed to the configuration
// (.eleventy.ts) through Eleventy's programmatic `config` callback, which runs on the same
// configuration object just before the config file: the config file asks `sessionOf` and
// passes the session to each plugin as an option.
import { join } from "node:path";
import Eleventy from "@11ty/eleventy";
import type { BuildSession } from "./build.ts";

const sessions = new WeakMap<object, BuildSession>();

/** The build session of an Eleventy configuration (the object plugins receive). */
export function sessionOf(eleventyConfig: object): BuildSession {
  const session = sessions.get(eleventyConfig);
  if (!session) {
    throw new Error("This Eleventy was not started by the newsroom's build: use npm run build or npm start (scripts/build/eleventy.ts), not Eleventy's own command line.");
  }
  return session;
}

/** The part of Eleventy's programmatic API the build and the dev server use. */
export interface EleventyRun {
  write(): Promise<unknown>;
  init(): Promise<void>;
  watch(): Promise<(path: string) => Promise<void>>;
  serve(port: number): Promise<unknown>;
  stopWatch(): Promise<unknown>;
  watcher?: { on(event: string, fn: (path: string) => void): void };
}

/**
 * An Eleventy rendering the project's templates into `into` for `session`. `into` is where
 * this Eleventy writes: the build command's fresh folder, the dev server's own, or (a render
 * helper) the same fresh folder as the main thread.
 */
export function eleventyFor(session: BuildSession, into: string, extra: (eleventyConfig: EleventyConfigLike) => void = () => {}): EleventyRun {
  const build = session.current;
  const project = build.settings.project;
  const runMode = build.mode === "serve" ? "serve" : "build";
  // `config` is Eleventy's documented programmatic option; its bundled types do not list it.
  const options = {
    configPath: join(project, ".eleventy.ts"),
    quietMode: true,
    runMode,
    config(eleventyConfig: EleventyConfigLike) {
      sessions.set(eleventyConfig, session);
      extra(eleventyConfig);
    },
  } as ConstructorParameters<typeof Eleventy>[2];
  return new Eleventy(join(project, "content"), into, options) as unknown as EleventyRun;
}

/** What the callback may use before the config file runs. */
export interface EleventyConfigLike {
  on(event: string, fn: (...args: unknown[]) => unknown): void;
}
