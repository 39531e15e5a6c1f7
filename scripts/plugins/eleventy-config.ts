// The subset of Eleventy's configuration API our plugins use, typed.
export interface EleventyConfig {
  addGlobalData(name: string, value: unknown): void;
  addFilter(name: string, fn: (...args: any[]) => unknown): void;
  addShortcode(name: string, fn: (...args: any[]) => unknown): void;
  addWatchTarget(path: string): void;
  addPassthroughCopy(spec: string | Record<string, string>, copyOptions?: { filter?: string[] }): void;
  addPlugin<T>(plugin: (config: EleventyConfig, options: T) => void, options?: T): void;
  on(
    event: "eleventy.before" | "eleventy.after",
    fn: (arg: { directories: { output: string; input: string }; runMode?: string; results?: { outputPath: string | false; content: unknown }[] }) => unknown,
  ): void;
  setServerOptions(options: Record<string, unknown>): void;
  setChokidarConfig(options: Record<string, unknown>): void;
  setQuietMode(quiet: boolean): void;
  ignores: { add(glob: string): void };
  /** Set by Eleventy once the directories are known (before any data is computed). */
  directories: { output: string; input: string };
  watchIgnores: { add(glob: string): void };
}
