// The web editor: Decap CMS started with the configuration made from site data
// (scripts/cms/cms-config.ts), a date field in the site's time zone, and a preview of the
// article in every script of the site, read and converted by the site itself (POST preview).
/* global CMS, createClass, h */
(async function start() {
  const answer = await fetch("config.json", { headers: { Accept: "application/json" } });
  const { config, text, timeZone } = await answer.json();
  if (config.local_backend) {
    // decap-server sits behind this page's own server (same origin: the policy's connect-src 'self').
    config.local_backend = { url: new URL("/api/v1", location.href).href, allowed_hosts: [location.hostname] };
  }

  /** A moment in the site's time zone, as the site reads dates: 2024-10-16 09:57. */
  function inSiteZone(moment) {
    const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(moment);
    const part = (type) => parts.find((p) => p.type === type).value;
    return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
  }
  const nowInSiteZone = () => inSiteZone(new Date());

  /** What the input shows for a value: a day alone at 00:00; a time with an offset (2024-10-16T09:57:00+08:00) in the site's zone. */
  function inputValue(value) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00`;
    if (/T.*(?:Z|[+-]\d\d:?\d\d)$/.test(value)) {
      const moment = new Date(value);
      return Number.isNaN(moment.getTime()) ? "" : inSiteZone(moment).replace(" ", "T");
    }
    return value.replace(" ", "T").slice(0, 16);
  }

  // A date as the site reads it: the time written is the site's (timeZone), not the computer's.
  // The value is the text dates.ts reads, left as it was until the editor changes it.
  const SiteDateControl = createClass({
    componentDidMount() {
      if (!this.props.value && this.props.field.get("default_now")) this.props.onChange(nowInSiteZone());
    },
    render() {
      const value = typeof this.props.value === "string" ? this.props.value : "";
      const local = inputValue(value);
      return h(
        "div",
        { className: this.props.classNameWrapper },
        h("input", {
          type: "datetime-local",
          id: this.props.forID,
          value: local,
          step: 60,
          "aria-describedby": `${this.props.forID}-zone`,
          onChange: (event) => this.props.onChange(event.target.value ? event.target.value.replace("T", " ") : ""),
          onFocus: this.props.setActiveStyle,
          onBlur: this.props.setInactiveStyle,
        }),
        h("span", { id: `${this.props.forID}-zone`, className: "site-date-zone" }, ` ${timeZone}`),
      );
    },
  });
  const SiteDatePreview = createClass({
    render() {
      return h("span", null, this.props.value || "");
    },
  });

  // The slug names a new article's folder (the collection's path): required for a new article. An
  // article written before the editor may have none (its file name is its slug) and keeps it so.
  const SlugControl = createClass({
    isValid() {
      const entry = this.props.entry;
      // Absent is the file name; written but empty (slug: "") the site refuses, as it refuses a new article without one.
      if (this.props.value === "" || (!this.props.value && entry && entry.get("newRecord"))) return { error: { message: text.slugRequired } };
      return true;
    },
    render() {
      return h("input", {
        type: "text",
        id: this.props.forID,
        className: this.props.classNameWrapper,
        value: typeof this.props.value === "string" ? this.props.value : "",
        autoComplete: "off",
        spellCheck: false,
        onChange: (event) => this.props.onChange(event.target.value),
        onFocus: this.props.setActiveStyle,
        onBlur: this.props.setInactiveStyle,
      });
    },
  });
  const SlugPreview = createClass({
    render() {
      return h("span", null, this.props.value || "");
    },
  });

  // Tags as one line, separated as the site separates them (tagsRule): commas of either width or
  // 、, so that 算力，數字經濟 is two tags as an editor means it; saved as a list.
  const SEPARATORS = /\s*[,，、]\s*/;
  const listOf = (value) => (value && typeof value.toJS === "function" ? value.toJS() : Array.isArray(value) ? value : []);
  const TagsControl = createClass({
    getInitialState() {
      return { text: listOf(this.props.value).join("，") };
    },
    render() {
      return h("input", {
        type: "text",
        id: this.props.forID,
        className: this.props.classNameWrapper,
        value: this.state.text,
        onChange: (event) => {
          const text = event.target.value;
          this.setState({ text });
          this.props.onChange(text.split(SEPARATORS).map((t) => t.trim()).filter(Boolean));
        },
        onFocus: this.props.setActiveStyle,
        onBlur: this.props.setInactiveStyle,
      });
    },
  });
  const TagsPreview = createClass({
    render() {
      return h("span", null, listOf(this.props.value).join("、"));
    },
  });

  /** The body's photos shown from where they are: saved ones from the repository, new ones from the browser. */
  function withPhotos(html, photos, getAsset) {
    const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
    for (const source of doc.querySelectorAll("picture source")) source.remove();
    for (const img of doc.querySelectorAll("img")) {
      const src = img.getAttribute("src") || "";
      img.removeAttribute("srcset");
      img.removeAttribute("sizes");
      img.setAttribute("src", photos[src] ? `file/${photos[src].split("/").map(encodeURIComponent).join("/")}` : String(getAsset(src)));
    }
    return doc.body.innerHTML;
  }

  const ArticlePreview = createClass({
    getInitialState() {
      return { result: null, error: null };
    },
    componentDidMount() {
      this.schedule();
    },
    componentDidUpdate(previous) {
      if (previous.entry !== this.props.entry) this.schedule();
    },
    componentWillUnmount() {
      clearTimeout(this.timer);
      this.gone = true;
    },
    schedule() {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.load(), 250);
    },
    async load() {
      const entry = this.props.entry;
      const media = entry.get("mediaFiles");
      const pending = (media ? media.toJS() : []).filter((f) => f.draft).flatMap((f) => [f.name, `./${f.name}`]);
      const request = { collection: entry.get("collection"), path: entry.get("newRecord") ? undefined : entry.get("path"), data: entry.get("data").toJS(), pending };
      const serial = (this.serial = (this.serial || 0) + 1);
      try {
        const res = await fetch("preview", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request) });
        const result = await res.json();
        if (!res.ok) throw new Error(result.error || res.statusText);
        if (!this.gone && serial === this.serial) this.setState({ result, error: null });
      } catch (error) {
        if (!this.gone && serial === this.serial) this.setState({ error: String(error && error.message ? error.message : error) });
      }
    },
    render() {
      const { result, error } = this.state;
      if (error) return h("p", { className: "preview-failed", role: "alert" }, text.previewFailed.replace("{error}", error));
      if (!result) return h("p", { className: "preview-loading" }, text.previewLoading);
      const problems = h(
        "section",
        { className: "preview-problems", "aria-label": text.problems },
        h("h2", null, text.problems),
        result.problems.length
          ? h(
              "ul",
              null,
              result.problems.map((p, i) =>
                h("li", { key: i, className: `problem-${p.severity}` }, `${p.severity === "error" ? text.error : text.warning}: ${p.field ? `${p.field}: ` : ""}${p.line ? `(${p.line}) ` : ""}${p.message}${p.hint ? ` ${p.hint}` : ""}`),
              ),
            )
          : h("p", { className: "no-problems" }, text.noProblems),
      );
      const variants = result.variants.map((v) =>
        h(
          "article",
          { key: v.lang, lang: v.lang, className: "preview-variant", "data-lang": v.lang },
          h("p", { className: "preview-script" }, `${v.label} · ${v.url}`),
          h("h1", null, v.title),
          h("p", { className: "preview-meta" }, [v.date, v.source ? `${v.labels.source}：${v.source}` : "", `${v.labels.editor}：${v.editor}`].filter(Boolean).join("　")),
          v.summary ? h("p", { className: "preview-summary" }, v.summary) : null,
          h("div", { className: "preview-body", dangerouslySetInnerHTML: { __html: withPhotos(v.html, result.photos, this.props.getAsset) } }),
          v.tags.length ? h("p", { className: "preview-tags" }, `${v.labels.tags}：${v.tags.join("、")}`) : null,
        ),
      );
      return h("div", { className: "preview" }, problems, h("div", { className: "preview-variants" }, variants));
    },
  });

  // In place of Decap's own date widget (the computer's time zone, moment formats): Decap still
  // finds the field named date by this widget's name, for the entry's folder ({{year}}).
  CMS.registerWidget("datetime", SiteDateControl, SiteDatePreview);
  CMS.registerWidget("site-slug", SlugControl, SlugPreview);
  CMS.registerWidget("site-tags", TagsControl, TagsPreview);
  for (const collection of config.collections) CMS.registerPreviewTemplate(collection.name, ArticlePreview);
  CMS.registerPreviewStyle("preview.css");
  CMS.init({ config });
})();
