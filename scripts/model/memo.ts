// The dev server builds the model again on every save. Most pages come out the same as last
// time; handing back last time's object for them (not an equal copy) lets everything made
// from a page (its render key, feed entry, sitemap row) be looked up instead of made again.
//
// A value is made by a builder from one inputs object, and what it depends on is read off
// that object, never listed by hand: a builder that reads something outside its inputs
// could be handed back stale. So builders are module-level functions of their inputs alone
// (one given as an inline closure is a new function every build and is never reused).

/**
 * An input that stands for a function fixed by a key: a script converter, whose output is
 * fixed by its dictionaries and glossary (its version). It is compared by that key.
 */
export interface Keyed {
  readonly memoKey: string;
}

interface Made {
  build: (inputs: never) => unknown;
  inputs: object;
  value: unknown;
}

/** What one build of the model made, for the next build: pass it back to buildModel. */
export interface ModelMemory {
  /** The site data the build was of, as JSON, and the object it was read as. */
  readonly siteKey: string;
  readonly site: object;
  readonly made: ReadonlyMap<string, Made>;
}

function isKeyed(value: unknown): value is Keyed {
  return typeof value === "object" && value !== null && typeof (value as Partial<Keyed>).memoKey === "string";
}

/** Two input values are the same: one object (or equal primitives), arrays item by item, Keyed inputs by key. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  return isKeyed(a) && isKeyed(b) && a.memoKey === b.memoKey;
}

/** Whether two inputs objects hold the same values under the same names: what the deps of a builder are. */
export function sameInputs(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const key in y) if (!same(x[key], y[key])) return false;
  for (const key in x) if (!(key in y)) return false;
  return true;
}

/** One build's memo: hands back the previous build's values made from the same inputs. */
export class Memo {
  private last: ReadonlyMap<string, Made> | null;
  private readonly made = new Map<string, Made>();

  /** `previous`: the last build's memory, or null (a first build, or a build from scratch). */
  constructor(previous: ModelMemory | null) {
    this.last = previous?.made ?? null;
  }

  /**
   * The value `build(inputs)`, or the last build's value for `key` if the same builder made
   * it from the same inputs (sameInputs). What `build` returns must never be changed afterwards.
   */
  make<I extends object, T>(key: string, inputs: I, build: (inputs: I) => T): T {
    // Asked again in the same build (a teaser shown by several lists): the same object.
    const now = this.made.get(key);
    if (now) {
      if (now.build === build && sameInputs(now.inputs, inputs)) return now.value as T;
      throw new Error(`The model's memo was asked for ${JSON.stringify(key)} twice, from different inputs.`);
    }
    const hit = this.last?.get(key);
    const value = hit && hit.build === build && sameInputs(hit.inputs, inputs) ? (hit.value as T) : build(inputs);
    // This build's inputs are kept, not the last one's (they may hold the last build's converters).
    this.made.set(key, { build, inputs, value });
    return value;
  }

  /** Whether make(key, inputs, build) would hand back the last build's value. */
  knows<I extends object>(key: string, inputs: I, build: (inputs: I) => unknown): boolean {
    const hit = this.last?.get(key);
    return hit !== undefined && hit.build === build && sameInputs(hit.inputs, inputs);
  }

  /** The build is complete: its memory, for the next; the one before is no longer held. */
  done(siteKey: string, site: object): ModelMemory {
    this.last = null;
    return { siteKey, site, made: this.made };
  }
}
