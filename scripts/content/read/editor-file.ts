// Every file an editor writes (articles, pages, site data) is read as bytes and judged here
// before anything parses it: text that is not UTF-8 would otherwise be published as mojibake,
// and control characters would reach the HTML. Line endings of every kind become LF, one
// break for one break, so line numbers stay those the editor's program shows.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Problems } from "../problems.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Reads `file` (relative to root) as text; undefined if it does not exist, null if it cannot be used (problems say why). */
export function readEditorText(root: string, file: string, problems: Problems): string | null | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, file));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === "ENOENT") return undefined;
    problems.error(file, `cannot be read (${e.code ?? e.message}).`, { hint: "Check that it is a file and that it may be read." });
    return null;
  }
  return decodeEditorText(file, bytes, problems);
}

/** UTF-8 text without BOM and with LF line endings, or null (with an error) when the bytes are not UTF-8. */
export function decodeEditorText(file: string, bytes: Uint8Array, problems: Problems): string | null {
  let text: string;
  try {
    // The decoder drops a UTF-8 BOM itself.
    text = utf8.decode(bytes);
  } catch {
    reportEncoding(file, bytes, problems);
    return null;
  }
  text = normalizeLineEndings(text);
  reportControlCharacters(file, text, problems);
  return text;
}

/** CRLF and lone CR (old Mac editors) as LF: each is one line break, so lines keep their numbers. */
export function normalizeLineEndings(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

// C0 and C1 controls other than tab and LF (CR is gone by now), and DEL.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const CONTROL_NAMES: Record<number, string> = { 0: "NUL", 7: "BEL", 8: "backspace", 0x0b: "vertical tab", 0x0c: "form feed", 0x1b: "ESC", 0x7f: "DEL" };

export function controlName(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  return CONTROL_NAMES[cp] ? `${hex} (${CONTROL_NAMES[cp]})` : hex;
}

/** One error for each line holding a control character: invisible in editors, harmful in pages. */
function reportControlCharacters(file: string, text: string, problems: Problems): void {
  reportBidiControls(file, text, problems);
  CONTROL.lastIndex = 0;
  if (!CONTROL.test(text)) return;
  const lines = text.split("\n");
  let reported = 0;
  for (let i = 0; i < lines.length; i++) {
    const m = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.exec(lines[i]);
    if (!m) continue;
    if (++reported > 20) break; // a binary file would give thousands
    problems.error(file, `contains the control character ${controlName(m[0].codePointAt(0)!)} at column ${m.index + 1}, which no page may hold.`, {
      line: i + 1,
      hint: "Delete it: most editors do not show it (in VS Code, search with the regular expression [\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]).",
    });
  }
}

// Bidirectional embeddings, overrides and isolates make a browser show characters in another
// order than the file holds them (U+202E before 场赌线在 shows 在线赌场): what a reader sees is
// then not what the file, or any check of it, says. Marks (U+200E, U+200F) stay allowed.
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

function reportBidiControls(file: string, text: string, problems: Problems): void {
  if (!BIDI.test(text)) return;
  const lines = text.split("\n");
  let reported = 0;
  for (let i = 0; i < lines.length && reported < 20; i++) {
    const m = BIDI.exec(lines[i]);
    if (!m) continue;
    reported++;
    problems.error(file, `contains the bidirectional control ${controlName(m[0].codePointAt(0)!)} at column ${m.index + 1}, which makes browsers show the text in another order than it is written.`, {
      line: i + 1,
      hint: "Delete it (most editors do not show it; in VS Code search with the regular expression [\\u202A-\\u202E\\u2066-\\u2069]). For a right-to-left name, U+200F (RLM) is enough.",
    });
  }
}

/** Offset of the first byte that breaks UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** 1-based line of a byte offset, counting LF, CRLF and lone CR as one break each. */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) line++;
    else if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a) line++;
  }
  return line;
}

interface Guess {
  /** As an editor's program names it. */
  name: string;
  /** iconv's name for it. */
  iconv: string;
  why: string;
}

function decodes(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

// The most frequent characters of Chinese news text, in both scripts: a legacy decoding that
// is right gives many of them, a wrong one (GBK bytes read as Big5 or the reverse) almost none.
const FREQUENT = new Set(
  Array.from(
    "的一是在不了有和人这這中大为為上个個国國我以要他时時来來用们們生到作地于於出就分对對成会會可主发發年动動同工也能下过過子说說产產种種面而方后後多定行学學法所民得经經十三之进進着著等部度家电電力里裡如水化高自二理起小物现現实實加量都两兩体體制机機当當使点點从從业業本去把性好应應开開它合还還因由其些然前外天政四日那社义義事平形相全表间間样樣与與关關各重新线線内內数數正心反你明看原又么麼利比或但质質气氣第向道命此变變条條只没沒结結解问問意建月公无無系军軍很情者最立代想已通并並提直题題党黨程展五果料象员員革位入常文总總次品式活设設及管特件长長求老头頭基资資边邊流路级級少图圖山统統接知较較将將组組见見计計别別她手角期根论論运運农農指几幾九区區强強放决決西被干做必战戰先回则則任取据據处處队隊南给給色光门門即保治北造百规規热熱领領七海口东東导導器压壓志世金增争爭济濟阶階油思术術极極交受联聯什认認六共权權收证證改清己美再采转轉更单單风風切打白教速花带帶安场場身车車例真务務具万萬每目至达達走积積示议議声聲报報斗完类類八离離华華名确確才科张張信马馬节節话話米整空元况況今集温溫传傳土许許步群广廣石记記需段研界拉林律叫且究观觀越织織装裝影算低持音众眾书書布复復容儿兒须須际際商非验驗连連断斷深难難近矿礦千周委素技备備半办辦青省列习習响響约約支般史感劳勞便团團往酸历歷市克何除消构構府称稱太准精值号號率族维維划劃选選标標写寫存候毛亲親快效斯院查江型眼王按格养養易置派层層片始却专專状狀育厂廠京识識适適属屬圆圓包火住调調满滿县縣局照参參红紅细細引听聽该該铁鐵价價严嚴龙龍飞飛闻聞",
  ),
);

function frequentShare(text: string): number {
  let han = 0;
  let frequent = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) continue;
    han++;
    if (FREQUENT.has(ch)) frequent++;
  }
  return han ? frequent / han : 0;
}

/** Whether a decoding reads as Chinese text: its non-ASCII characters mostly Han or CJK punctuation, none private-use. */
function looksChinese(text: string | null): text is string {
  if (text === null || /\p{Co}/u.test(text)) return false;
  let other = 0;
  let cjk = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) continue;
    if (/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u.test(ch)) cjk++;
    else other++;
  }
  return cjk > 0 && cjk >= other * 2;
}

function guessEncoding(bytes: Uint8Array): Guess | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { name: "UTF-16 LE", iconv: "UTF-16LE", why: "it starts with the UTF-16 LE byte order mark" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { name: "UTF-16 BE", iconv: "UTF-16BE", why: "it starts with the UTF-16 BE byte order mark" };
  // UTF-16 without a mark: the ASCII of the front matter leaves a NUL in every other byte.
  const sample = bytes.subarray(0, 4096 - (Math.min(bytes.length, 4096) % 2));
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 ? odd++ : even++;
  const half = sample.length / 2;
  if (odd > half / 4 && even < odd / 8 && decodes("utf-16le", sample) !== null) return { name: "UTF-16 LE", iconv: "UTF-16LE", why: "every other byte is NUL" };
  if (even > half / 4 && odd < even / 8 && decodes("utf-16be", sample) !== null) return { name: "UTF-16 BE", iconv: "UTF-16BE", why: "every other byte is NUL" };
  const gbk = decodes("gbk", bytes);
  const big5 = decodes("big5", bytes);
  const gbkScore = looksChinese(gbk) ? frequentShare(gbk) : -1;
  const big5Score = looksChinese(big5) ? frequentShare(big5) : -1;
  const gbkGuess = { name: "GBK (GB18030)", iconv: "GB18030", why: "it reads as Chinese text in GBK, the encoding older Windows programs in mainland China save in" };
  const big5Guess = { name: "Big5", iconv: "BIG5", why: "it reads as Chinese text in Big5, the encoding older Windows programs in Taiwan and Hong Kong save in" };
  if (gbkScore < 0 && big5Score < 0) return null;
  if (big5Score > gbkScore) return big5Guess;
  return gbkGuess;
}

function reportEncoding(file: string, bytes: Uint8Array, problems: Problems): void {
  const guess = guessEncoding(bytes);
  const offset = firstInvalidUtf8(bytes);
  const line = guess?.iconv.startsWith("UTF-16") || offset < 0 ? 1 : lineOfByte(bytes, offset);
  const name = file.split("/").pop() ?? file;
  if (guess) {
    problems.error(file, `is not saved as UTF-8: it looks like ${guess.name} (${guess.why}).`, {
      line,
      hint:
        `Save it as UTF-8: in VS Code, click the encoding in the status bar, "Reopen with Encoding" → ${guess.name.replace(/ \(.*/, "")}, then "Save with Encoding" → UTF-8; ` +
        `or convert it with: iconv -f ${guess.iconv} -t UTF-8 ${name} > ${name}.utf8 && mv ${name}.utf8 ${name}`,
    });
  } else {
    problems.error(file, `is not valid UTF-8 (byte 0x${bytes[offset]?.toString(16).toUpperCase().padStart(2, "0")} at line ${line}), and not GBK, Big5 or UTF-16 either.`, {
      line,
      hint: 'Open it in an editor that shows the encoding and save it as UTF-8 (in VS Code: "Save with Encoding" → UTF-8).',
    });
  }
}
