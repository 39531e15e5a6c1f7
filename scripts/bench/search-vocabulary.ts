// OpenCC's Simplified → Traditional phrase list, as a wide vocabulary for the synthetic corpus.
import { configs } from "opencc-js/preset";

const s2t = (configs as Record<string, { conversionChain: readonly (readonly unknown[])[] }>).s2t;
/** "简 繁|简 繁…": the first dictionary of the s2t chain holds the phrases. */
export const STPhrases: string = String(s2t.conversionChain[0][0]);
