// The search page: the form and its filters, the address (?q=&section=&year=&source=&sort=) and
// history, the results and their status, in the reader's script. All searching is the query
// core's (search-query.js); this module only talks to the DOM, and starts itself on the page
// that has a [data-search-index] element.
import { Searcher } from "./search-query.js";

const FILTERS = ["section", "year", "source", "sort"];

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
  const selects = Object.fromEntries(FILTERS.map((name) => [name, form.querySelector(`select[name=${name}]`)]));
  const status = root.querySelector("[data-search-status]");
  const list = root.querySelector("[data-search-results]");
  const more = root.querySelector("[data-search-more]");
  const manifest = ui.searchIndex;
  const fetchBytes = async (url) => {
    const res = await win.fetch(url, url === manifest ? { cache: "no-cache" } : {});
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
  const searcher = new Searcher(manifest, ui.searchVariant, fetchBytes);
  let run = 0;
  let current = null;

  const say = (...parts) => {
    status.textContent = parts.filter(Boolean).join("");
  };

  /** The search the address asks for: { q, section, year, source, sort }. */
  function fromUrl() {
    const params = new URL(win.location.href).searchParams;
    const state = { q: (params.get("q") ?? "").trim() };
    for (const name of FILTERS) state[name] = params.get(name) ?? "";
    return state;
  }

  /** The form's search; q as typed (a space after the last word says it is finished). */
  function fromForm() {
    const state = { q: input.value };
    for (const name of FILTERS) state[name] = selects[name] ? selects[name].value : "";
    return state;
  }

  /** Puts a search into the form; the box being typed in is left alone unless `all`. */
  function toForm(state, all) {
    for (const other of doc.querySelectorAll("input[name=q]")) if (all || other !== doc.activeElement) other.value = state.q.trim();
    for (const name of FILTERS) {
      const select = selects[name];
      if (!select) continue;
      // A value the list does not offer (an old link) is still searched: add it.
      if (state[name] && ![...select.options].some((o) => o.value === state[name])) select.add(new Option(state[name], state[name]));
      select.value = state[name];
    }
  }

  function search(state) {
    const url = new URL(win.location.href);
    for (const [name, raw] of Object.entries(state)) {
      const value = raw.trim();
      if (value) url.searchParams.set(name, value);
      else url.searchParams.delete(name);
    }
    return url;
  }

  function note(text) {
    const p = doc.createElement("p");
    p.className = "search-tier-note";
    p.textContent = text;
    return p;
  }

  function render(results, append) {
    if (!append) list.replaceChildren();
    let last = list.lastElementChild ? list.lastElementChild.dataset.tier : "match";
    for (const r of results) {
      const li = doc.createElement("li");
      li.className = "teaser search-result";
      li.dataset.tier = r.tier;
      // Where the matches end: a note on the first article of a lower rank.
      if (r.tier !== last && r.tier !== "partial") li.append(note(r.tier === "inside" ? ui.searchInsideNote : ui.searchApartNote));
      last = r.tier;
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
      const span = (content, className) => {
        const s = doc.createElement("span");
        if (className) s.className = className;
        s.append(content);
        meta.append(s);
      };
      if (r.section) span(r.section);
      if (r.source) {
        const s = doc.createDocumentFragment();
        s.append(ui.searchSource, marked(doc, r.source, r.sourceRanges));
        span(s, "search-source");
      }
      if (r.via.length) span(fill(ui.searchVia, { words: r.via.join("、") }), "search-via");
      const p = doc.createElement("p");
      p.className = "teaser-summary search-snippet";
      if (r.snippet.before) p.append("…");
      p.append(marked(doc, r.snippet.text, r.snippet.ranges));
      if (r.snippet.after) p.append("…");
      li.append(h, meta, p);
      list.append(li);
    }
  }

  function sayTotal(state) {
    const { q, result, shown } = state;
    if (shown === 0) return say(fill(ui.searchNone, { q }));
    const total = searcher.total(result);
    const variants = [...new Set(result.variants.map((v) => v.shown))];
    const also = variants.length ? fill(ui.searchVariants, { words: variants.join("、") }) : "";
    if (result.partial) {
      const meant = [...new Set([...result.abbreviations, ...result.near])];
      const words = meant.length ? fill(ui.searchAlso, { words: meant.join("、") }) : "";
      return say(fill(ui.searchPartial, { q }), words);
    }
    const count = total.n === 0 ? fill(ui.searchPartial, { q }) : total.exact ? fill(ui.searchCount, { n: total.n }) : fill(ui.searchAbout, { n: total.n, checked: result.checked.seen });
    say(count, total.inside ? fill(ui.searchInside, { n: total.inside }) : "", also);
  }

  async function show(state, append) {
    const mine = ++run;
    if (!append) {
      more.hidden = true;
      if (!state.q.trim() && !state.section && !state.year && !state.source) {
        current = null;
        list.replaceChildren();
        say(ui.searchPrompt);
        return;
      }
      say(ui.searchLoading);
      root.setAttribute("aria-busy", "true");
    }
    try {
      if (!append) {
        const result = await searcher.query(state.q, state);
        current = { q: state.q.trim(), result, next: 0, shown: 0 };
      }
      if (mine !== run || !current) return;
      const page = current;
      const { results, next, done } = await searcher.page(page.result, page.next);
      if (mine !== run) return;
      page.next = next;
      page.shown += results.length;
      render(results, append);
      more.hidden = done;
      sayTotal(page);
    } catch (err) {
      if (mine !== run) return;
      say(ui.searchError);
      win.console.error(err);
    } finally {
      if (mine === run) root.removeAttribute("aria-busy");
    }
  }

  // The other script's search page keeps the search (the switcher links to it).
  function carry(state) {
    for (const a of doc.querySelectorAll("a[hreflang]")) {
      const url = new URL(a.href, win.location.href);
      if (url.origin !== win.location.origin || !/\/search\/$/.test(url.pathname)) continue;
      const there = search(state);
      a.href = url.pathname + there.search;
    }
  }

  /**
   * Shows a search and records it in the history: a search being typed replaces its own entry;
   * the first keystroke after a finished search, a submit or a filter adds one (Back returns to
   * the search before).
   */
  function go(state, how) {
    const url = search(state);
    const typing = win.history.state && win.history.state.typing;
    if (how === "type") {
      if (url.href !== win.location.href) win.history[typing ? "replaceState" : "pushState"]({ typing: true }, "", url);
    } else if (url.href !== win.location.href) {
      win.history[typing ? "replaceState" : "pushState"]({ typing: false }, "", url);
    } else if (typing) win.history.replaceState({ typing: false }, "", url);
    toForm(state);
    carry(state);
    show(state, false);
  }

  let timer = 0;
  let composing = false;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    win.clearTimeout(timer);
    go(fromForm(), "submit");
  });
  // No search while an input method is composing (pinyin letters are not the query).
  input.addEventListener("compositionstart", () => {
    composing = true;
    win.clearTimeout(timer);
  });
  input.addEventListener("compositionend", () => {
    composing = false;
    win.clearTimeout(timer);
    timer = win.setTimeout(() => go(fromForm(), "type"), 250);
  });
  input.addEventListener("input", (e) => {
    win.clearTimeout(timer);
    if (composing || e.isComposing) return;
    timer = win.setTimeout(() => go(fromForm(), "type"), 250);
  });
  for (const select of Object.values(selects)) if (select) select.addEventListener("change", () => {
    win.clearTimeout(timer);
    go(fromForm(), "filter");
  });
  more.addEventListener("click", () => current && show(current, true));
  win.addEventListener("popstate", () => {
    win.clearTimeout(timer);
    const state = fromUrl();
    toForm(state, true);
    carry(state);
    show(state, false);
  });

  const initial = fromUrl();
  toForm(initial, true);
  carry(initial);
  root.classList.add("search-ready");
  searcher.load().catch(() => {});
  show(initial, false);
}

const pageRoot = document.querySelector("[data-search-index]");
if (pageRoot) startPage(pageRoot);
