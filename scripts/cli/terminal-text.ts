// Text from outside (CSV cells, a host's answers) printed on the editor's terminal.

/**
 * Text safe to print on a terminal: control characters (C0, DEL, C1 — ESC and CSI start
 * escape sequences that can rewrite the screen or the window title) and bidi controls
 * shown as \xNN / \uNNNN.
 */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
