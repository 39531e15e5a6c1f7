// npm run cms [-- --port 8081] [--lang zh-Hant] [--root <site folder>]
//   The web editor against this repository: open the printed address; saving writes into content/.
// npm run cms -- --github owner/name [--branch main] [--auth-url https://…] [--host 0.0.0.0]
//   The same editor for a newsroom: editors sign in with GitHub and saving commits to the repository.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readCommandLine, runCli, siteRoot, UsageError, wholeNumber, type CommandLine, type FlagValues } from "../cli/args.ts";
import type { CmsBackend } from "./cms-config.ts";
import { startCmsServer } from "./server.ts";

const USAGE =
  "Usage: npm run cms -- [--port <port>] [--lang zh-Hans|zh-Hant] [--root <site folder>] [--github <owner/name> [--branch <branch>] [--auth-url <OAuth provider>] [--auth-endpoint <path>] [--host <address>]]";
const FLAGS = {
  github: { type: "string", value: "owner/name" },
  branch: { type: "string", value: "branch" },
  "auth-url": { type: "string", value: "OAuth provider" },
  "auth-endpoint": { type: "string", value: "path" },
  host: { type: "string", value: "address" },
  port: { type: "string", value: "port" },
  lang: { type: "string", value: "script of the editor" },
  root: { type: "string", value: "site folder" },
} as const;
const COMMAND: CommandLine<typeof FLAGS> = { command: "npm run cms", usage: USAGE, flags: FLAGS };

function cmsBackend(values: FlagValues<typeof FLAGS>): CmsBackend {
  const github = values.github;
  if (github === undefined) {
    for (const flag of ["branch", "auth-url", "auth-endpoint", "host"] as const) if (values[flag] !== undefined) throw new UsageError(`--${flag} is for --github only: the local editor saves into this folder.`, USAGE);
    return { kind: "local" };
  }
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(github)) throw new UsageError(`--github "${github}" is not owner/name (e.g. --github newsroom/site).`, USAGE);
  const authUrl = values["auth-url"];
  if (authUrl !== undefined && !/^https:\/\/[^/\s]+/.test(authUrl)) throw new UsageError(`--auth-url "${authUrl}" must be an https:// address (the OAuth provider).`, USAGE);
  return { kind: "github", repo: github, branch: values.branch ?? "main", baseUrl: authUrl, authEndpoint: values["auth-endpoint"] };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runCli(async () => {
    const { values } = readCommandLine(process.argv.slice(2), COMMAND);
    const port = values.port === undefined ? 8081 : wholeNumber(values.port, "port", 0, 65535, "a port");
    const backend = cmsBackend(values);
    const server = await startCmsServer({ root: siteRoot(values.root), port, lang: values.lang, backend, host: values.host });
    const saving = backend.kind === "github" ? `commits to ${backend.repo} (${backend.branch})` : `writes into ${siteRoot(values.root)}/content/`;
    console.log(`Web editor: ${server.url}\nSaving ${saving} (Ctrl-C to stop).`);
    const stop = () => void server.close().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return new Promise<number>(() => {});
  });
}
