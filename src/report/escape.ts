/**
 * Text from a trace shown as text: control characters (C0 but tab, line feed and carriage
 * return; DEL; C1) as `\xNN`, so a BEL, a backspace or an escape sequence in a node name
 * cannot ring, erase or recolour a terminal or a CI log. The colour sequences vpptrace writes
 * itself (SGR, `ESC [ … m`) are kept: the input's own escape sequences were removed when it
 * was read (grammar/normalize.ts), so none of them reaches here.
 */
const CONTROL = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const ANY_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const hex = (c: string): string => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;

export function escapeControl(text: string): string {
  if (!ANY_CONTROL.test(text)) return text;
  return text.replace(CONTROL, (c) => (c.length > 1 ? c : hex(c)));
}

/** ASCII punctuation, each of which Markdown may read as markup (CommonMark §2.4). */
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * Trace text in a Markdown table cell (GitHub's step summary): control characters as
 * `\xNN`, every ASCII punctuation character backslash-escaped — no link, image, emphasis,
 * code span or inline HTML (`<img onerror>`) can form — and a line break as a blank, which
 * would end the row.
 */
export function markdownText(text: string): string {
  return escapeControl(text).replace(/\r\n|[\r\n]/g, " ").replace(PUNCTUATION, (c) => `\\${c}`);
}
