// The search page: the form, the address (?q=), the results list and its status, in the
// reader's script. All searching is the query core's (search-query.js); this module only
// talks to the DOM, and starts itself on the page that has a [data-search-index] element.
import { Searcher } from "./search-query.js";

/** Text with ranges wrapped in <mark>, as DOM nodes (never HTML strings). */
function marked(doc, text, ranges) {
  const frag = doc.createDocumentFragment();
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) frag.append(text.slice(at, s));
    const mark = doc.createElement("mark");
    mark.textContent = text.slice(s, e);
    frag.append(mark);
    at = e;
  }
  if (at < text.length) frag.append(text.slice(at));
  return frag;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (all, k) => (k in values ? String(values[k]) : all));
}

/** Runs the search page whose root element carries the index URL, the script and the UI texts. */
function startPage(root) {
  const doc = root.ownerDocument;
  const win = doc.defaultView;
  const ui = root.dataset;
  const form = root.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const status = root.querySelector("[data-search-status]");
  const list = root.querySelector("[data-search-results]");
  const more = root.querySelector("[data-search-more]");
  const fetchBytes = async (url) => {
    const res = await win.fetch(url, url.endsWith(".json") && url === manifest ? { cache: "no-cache" } : {});
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
  const manifest = ui.searchIndex;
  const searcher = new Searcher(manifest, ui.searchVariant, fetchBytes);
  let run = 0;
  let current = null;

  const say = (text) => {
    status.textContent = text;
  };

  function render(results, append) {
    if (!append) list.replaceChildren();
    for (const r of results) {
      const li = doc.createElement("li");
      li.className = "teaser search-result";
      const h = doc.createElement("h2");
      h.className = "teaser-title";
      const a = doc.createElement("a");
      a.href = r.url;
      a.append(marked(doc, r.title, r.titleRanges));
      h.append(a);
      const meta = doc.createElement("p");
      meta.className = "teaser-meta";
      const time = doc.createElement("time");
      time.dateTime = r.dateIso;
      time.textContent = r.date;
      meta.append(time);
      if (r.section) {
        const s = doc.createElement("span");
        s.textContent = r.section;
        meta.append(s);
      }
      const p = doc.createElement("p");
      p.className = "teaser-summary search-snippet";
      if (r.snippet.before) p.append("…");
      p.append(marked(doc, r.snippet.text, r.snippet.ranges));
      if (r.snippet.after) p.append("…");
      li.append(h, meta, p);
      list.append(li);
    }
  }

  async function show(query, append) {
    const mine = ++run;
    const q = query.trim();
    if (!append) {
      more.hidden = true;
      if (!q) {
        current = null;
        list.replaceChildren();
        say(ui.searchPrompt);
        return;
      }
      say(ui.searchLoading);
      root.setAttribute("aria-busy", "true");
    }
    try {
      if (!append) current = { q, result: await searcher.query(q), next: 0, shown: 0 };
      if (mine !== run || !current) return;
      const state = current;
      const { results, next } = await searcher.page(state.result, state.next);
      if (mine !== run) return;
      state.next = next;
      state.shown += results.length;
      render(results, append);
      const done = next >= state.result.hits.length;
      more.hidden = done;
      if (state.shown === 0) say(fill(ui.searchNone, { q }));
      else if (state.result.exact || done) say(fill(ui.searchCount, { n: state.result.exact ? state.result.hits.length : state.shown, q }));
      else say(fill(ui.searchShown, { n: state.shown, q }));
    } catch (err) {
      if (mine !== run) return;
      say(ui.searchError);
      win.console.error(err);
    } finally {
      if (mine === run) root.removeAttribute("aria-busy");
    }
  }

  // The other script's search page keeps the query (the switcher links to it).
  function carryQuery(q) {
    for (const a of doc.querySelectorAll("a[hreflang]")) {
      const url = new URL(a.href, win.location.href);
      if (url.origin !== win.location.origin || !/\/search\/$/.test(url.pathname)) continue;
      url.search = q ? `?q=${encodeURIComponent(q)}` : "";
      a.href = url.pathname + url.search;
    }
  }

  function go(q, push) {
    const url = new URL(win.location.href);
    if (q) url.searchParams.set("q", q);
    else url.searchParams.delete("q");
    if (url.href !== win.location.href) win.history[push ? "pushState" : "replaceState"](null, "", url);
    for (const other of doc.querySelectorAll("input[name=q]")) if (other !== doc.activeElement) other.value = q;
    carryQuery(q);
    show(q, false);
  }

  let timer = 0;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    win.clearTimeout(timer);
    go(input.value.trim(), true);
  });
  input.addEventListener("input", () => {
    win.clearTimeout(timer);
    timer = win.setTimeout(() => go(input.value.trim(), false), 250);
  });
  more.addEventListener("click", () => show(current ? current.q : "", true));
  win.addEventListener("popstate", () => {
    const q = new URL(win.location.href).searchParams.get("q") ?? "";
    input.value = q;
    go(q, false);
  });

  const initial = (new URL(win.location.href).searchParams.get("q") ?? "").trim();
  input.value = initial;
  for (const other of doc.querySelectorAll("input[name=q]")) other.value = initial;
  carryQuery(initial);
  root.classList.add("search-ready");
  searcher.load().catch(() => {});
  show(initial, false);
}

const pageRoot = document.querySelector("[data-search-index]");
if (pageRoot) startPage(pageRoot);
