/** Polls until `check` passes (it throws until then), every `everyMs`; the last failure if it never does within `timeoutMs`. */
export async function eventually(check: () => Promise<void>, timeoutMs = 60_000, everyMs = 50): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > end) throw err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
