// npm run cms [-- --port 8081] [--lang zh-Hant] [--root <site folder>]
// The web editor against this repository: open the printed address; saving writes into content/.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readCommandLine, runCli, siteRoot, wholeNumber, type CommandLine } from "../cli/args.ts";
import { startCmsServer } from "./server.ts";

const USAGE = "Usage: npm run cms -- [--port <port>] [--lang zh-Hans|zh-Hant] [--root <site folder>]";
const FLAGS = {
  port: { type: "string", value: "port" },
  lang: { type: "string", value: "script of the editor" },
  root: { type: "string", value: "site folder" },
} as const;
const COMMAND: CommandLine<typeof FLAGS> = { command: "npm run cms", usage: USAGE, flags: FLAGS };

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runCli(async () => {
    const { values } = readCommandLine(process.argv.slice(2), COMMAND);
    const port = values.port === undefined ? 8081 : wholeNumber(values.port, "port", 0, 65535, "a port");
    const server = await startCmsServer({ root: siteRoot(values.root), port, lang: values.lang });
    console.log(`Web editor: ${server.url}\nSaving writes into ${siteRoot(values.root)}/content/ (Ctrl-C to stop).`);
    const stop = () => void server.close().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return new Promise<number>(() => {});
  });
}
