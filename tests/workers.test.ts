// The worker helper (scripts/workers/pool.ts) behind reading, conversion, rendering and the
// search index: results come back typed and in order; however a worker dies, the answer is
// one WorkerFailed naming the job and the worker; and no thread outlives its job.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runInWorker, startWorkers, workerModule, WorkerFailed, type FailureReason } from "../scripts/workers/pool.ts";
import type double from "./fixtures/workers/echo.ts";
import type refuse from "./fixtures/workers/throws.ts";
import type leave from "./fixtures/workers/exits.ts";
import type never from "./fixtures/workers/import-crash.ts";
import type later from "./fixtures/workers/uncaught.ts";
import type forget from "./fixtures/workers/forgets.ts";
import type greet from "./fixtures/workers/waits.ts";
import type oneFails from "./fixtures/workers/one-fails.ts";
import { convertAll, PARALLEL_THRESHOLD, type Job } from "../scripts/convert/conversion-pool.ts";
import { ConversionCache } from "../scripts/convert/conversion-cache.ts";
import { Converters } from "../scripts/convert/converters.ts";
import type { IndexJob } from "../scripts/search/documents.ts";
import { indexInWorker } from "../scripts/search/index-in-worker.ts";
import { writeIndexJob } from "../scripts/search/write-index.ts";

const fixture = (name: string) => new URL(`./fixtures/workers/${name}`, import.meta.url);

async function failure(promise: Promise<unknown>, job: string, worker: number, reason: FailureReason, message: RegExp): Promise<WorkerFailed> {
  const err = await promise.then(
    () => assert.fail("the job should have failed"),
    (e: unknown) => e,
  );
  assert.ok(err instanceof WorkerFailed, `a WorkerFailed, not ${String(err)}`);
  assert.equal(err.job, job);
  assert.equal(err.worker, worker);
  assert.equal(err.reason, reason);
  assert.match(err.message, message);
  return err;
}

test("results come back typed, in the jobs' order, and follow-ups reach the handler", async () => {
  const results = await startWorkers(workerModule<typeof double>("Doubling", fixture("echo.ts")), [{ n: 1 }, { n: 2 }, { n: 3 }]).results;
  assert.deepEqual(
    results.map((r) => r.doubled),
    [2, 4, 6],
  );
  assert.deepEqual(await startWorkers(workerModule<typeof double>("Doubling", fixture("echo.ts")), []).results, []);
  const greeting = startWorkers(workerModule<typeof greet>("Greeting", fixture("waits.ts")), ["你好", "再見"]);
  greeting.send(1, "世界");
  greeting.send(0, "朋友");
  assert.deepEqual(await greeting.results, ["你好 朋友", "再見 世界"]);
});

test("a handler that throws: its error with the worker's stack and its cause", async () => {
  const err = await failure(runInWorker(workerModule<typeof refuse>("Throwing", fixture("throws.ts")), "it"), "Throwing", 1, "threw", /^Throwing: worker 1 of 1 failed: TypeError: cannot do it$/);
  const cause = err.cause as Error;
  assert.equal(cause.name, "TypeError");
  assert.match(cause.stack ?? "", /fixtures\/workers\/throws\.ts/);
  assert.equal((cause.cause as Error).message, "the inner reason");
  assert.match(err.stack ?? "", /^WorkerFailed: Throwing: worker 1 of 1 failed[^]*in the worker: TypeError: cannot do it\n\s+at [^]*throws\.ts/);
});

test("a worker that exits: its exit code", async () => {
  const err = await failure(runInWorker(workerModule<typeof leave>("Exiting", fixture("exits.ts")), 3), "Exiting", 1, "exited", /^Exiting: worker 1 of 1 exited with code 3 before answering$/);
  assert.equal(err.exitCode, 3);
});

test("a module that crashes at import, or has no handler: the module named", async () => {
  const err = await failure(runInWorker(workerModule<typeof never>("Loading", fixture("import-crash.ts")), null), "Loading", 1, "load", /^Loading: worker 1 of 1 could not load tests\/fixtures\/workers\/import-crash\.ts: SyntaxError: broken at import$/);
  assert.match((err.cause as Error).stack ?? "", /import-crash\.ts/);
  await failure(runInWorker(workerModule<typeof never>("Loading", fixture("no-handler.ts")), null), "Loading", 1, "load", /could not load tests\/fixtures\/workers\/no-handler\.ts: TypeError: .* has no default export/);
});

test("an uncaught error in the worker: it crashed, with the error", async () => {
  const err = await failure(runInWorker(workerModule<typeof later>("Crashing", fixture("uncaught.ts")), null), "Crashing", 1, "crashed", /^Crashing: worker 1 of 1 crashed: RangeError: thrown in a timer$/);
  assert.match((err.cause as Error).stack ?? "", /uncaught\.ts/);
});

test("an answer that never comes: the thread ends by itself and says so, or the timeout says so", async () => {
  // Nothing keeps the worker alive: it ends, and the pool reports it ended without an answer.
  await failure(runInWorker(workerModule<typeof forget>("Forgetting", fixture("forgets.ts")), null), "Forgetting", 1, "exited", /^Forgetting: worker 1 of 1 exited with code 0 before answering$/);
  // Waiting for a follow-up keeps it alive: only a timeout ends it.
  const started = Date.now();
  await failure(runInWorker(workerModule<typeof greet>("Waiting", fixture("waits.ts")), "hello", { timeoutMs: 300 }), "Waiting", 1, "timeout", /^Waiting: worker 1 of 1 gave no answer in 0\.3 s$/);
  assert.ok(Date.now() - started < 5000);
});

test("a job that cannot be sent (a function in it): the job named, nothing left running", async () => {
  const group = startWorkers(workerModule<typeof greet>("Sending", fixture("waits.ts")), ["a", "b"]);
  group.send(1, (() => "not data") as unknown as string);
  await failure(group.results, "Sending", 2, "unsent", /^Sending: worker 2 of 2 could not be sent its message: DataCloneError: .*could not be cloned/);
});

test("one worker fails: the group's error is that one's, and the others are stopped", async () => {
  const group = startWorkers(workerModule<typeof oneFails>("Mixed", fixture("one-fails.ts")), ["wait", "fail", "wait"]);
  await failure(group.results, "Mixed", 2, "threw", /^Mixed: worker 2 of 3 failed: the failing one$/);
  const stopped = startWorkers(workerModule<typeof greet>("Waiting", fixture("waits.ts")), ["a"]);
  await stopped.stop();
  await failure(stopped.results, "Waiting", 1, "stopped", /^Waiting: worker 1 of 1 was stopped before answering$/);
});

test("after every kind of failure, and after success, the process ends by itself", () => {
  const r = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(fixture("ends.ts"))], { encoding: "utf8", timeout: 60_000 });
  assert.equal(r.signal, null, `the process had to be killed: threads were left running\n${r.stdout}${r.stderr}`);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split("\n"), [
    "threw: Throwing: worker 1 of 1 failed: TypeError: cannot do x",
    "exited: Exiting: worker 1 of 1 exited with code 4 before answering",
    "threw: Mixed: worker 2 of 3 failed: the failing one",
    "stopped: Waiting: worker 1 of 2 was stopped before answering",
    "results: 2,4",
  ]);
});

test("conversion on two workers: the same HTML as on this thread, in the jobs' order", async () => {
  const hans = { lang: "zh-Hans", opencc: "cn" } as const;
  const hant = { lang: "zh-Hant", opencc: "tw" } as const;
  const glossary = [{ "zh-Hans": "软件", "zh-Hant": "軟體" }];
  const jobs: Job[] = Array.from({ length: PARALLEL_THRESHOLD + 1 }, (_, i) =>
    i % 2 ? { from: hans, to: hant, glossary, html: `<p>第${i}条：软件发布会，头发与发展。</p>` } : { from: hant, to: hans, glossary, html: `<p>第${i}則：軟體發布會，頭髮與發展。</p>` },
  );
  const inWorkers = await convertAll(jobs, 2);
  assert.deepEqual(inWorkers, await convertAll(jobs, 1));
  assert.equal(inWorkers[1], "<p>第1條：軟體發布會，頭髮與發展。</p>");
});

test("a cold build's figures: conversions made on the workers are counted as new only, not also as cached; a warm one's as cached", async () => {
  const variants = [
    { lang: "zh-Hans", opencc: "cn" },
    { lang: "zh-Hant", opencc: "tw" },
  ] as const;
  const cache = ConversionCache.open(null);
  const requests = Array.from({ length: PARALLEL_THRESHOLD + 1 }, (_, i) => ({ from: "zh-Hans", to: "zh-Hant", glossary: [], html: `<p>第${i}条：头发与发展。</p>` }));
  const convertEach = (c: Converters) => requests.map((r) => c.html(c.get(r.from, r.to), r.html));
  const cold = new Converters([...variants], [], cache);
  await cold.prefetch(requests);
  const coldHtml = convertEach(cold);
  assert.equal(coldHtml[1], "<p>第1條：頭髮與發展。</p>");
  assert.deepEqual({ hits: cache.hits, misses: cache.misses }, { hits: 0, misses: requests.length });
  cache.hits = cache.misses = 0;
  const warm = new Converters([...variants], [], cache);
  await warm.prefetch(requests);
  assert.deepEqual(convertEach(warm), coldHtml);
  assert.deepEqual({ hits: cache.hits, misses: cache.misses }, { hits: requests.length, misses: 0 });
});

test("the search index written by its worker: the same files as written on this thread", async () => {
  const out = mkdtempSync(join(tmpdir(), "newsroom-workers-"));
  try {
    const job = (dir: string): IndexJob => ({
      articles: Array.from({ length: 3 }, (_, i) => [
        { path: "zh-hans", file: { u: `/zh-hans/news/a${i}/`, t: `第${i}条新闻`, d: "2025年3月1日", i: "2025-03-01", s: "公司" }, html: `<p>发布会第${i}场。</p>` },
        { path: "zh-hant", file: { u: `/zh-hant/news/a${i}/`, t: `第${i}條新聞`, d: "2025年3月1日", i: "2025-03-01", s: "公司" }, html: `<p>發布會第${i}場。</p>` },
      ]),
      dir: join(out, dir),
      variants: ["zh-hans", "zh-hant"],
    });
    const inWorker = await indexInWorker(job("worker"));
    const here = writeIndexJob(job("here"));
    assert.equal(inWorker.docs, 3);
    assert.deepEqual(inWorker.written, here.written);
    for (const [path] of here.written) assert.ok(readFileSync(join(out, "worker", path)).equals(readFileSync(join(out, "here", path))), path);
    assert.deepEqual(readdirSync(join(out, "worker")).sort(), readdirSync(join(out, "here")).sort());
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
