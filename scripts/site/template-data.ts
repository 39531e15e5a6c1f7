// How the model is handed to Eleventy. Eleventy deep-copies plain-object template data once
// per paginated template, and wraps it in proxies, level by level, on every access in every
// page (Pagination: DeepCopy and ProxyWrap). For a model of 20,000 pages that costs more than
// the layouts themselves. Both leave class instances alone: the model travels as one.

/** The global data `news`: the site model, passed by reference. */
export class TemplateModel {}

export function asTemplateData<T extends object>(model: T): T {
  return Object.assign(new TemplateModel(), model);
}
