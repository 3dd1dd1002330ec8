/** A line quoted in a diagnostic: whole when short, cut with an ellipsis when not, so a
 *  50 MB line makes a one-line message. */
export function quote(text: string, max = 80): string {
  return `'${text.length <= max ? text : `${text.slice(0, max)}…`}'`;
}
