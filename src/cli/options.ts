/** Option parsers shared by the commands. */

/** `--rule a,b --rule c` → ["a", "b", "c"]. */
export const commaList = (value: string, previous: string[]): string[] => [...previous, ...value.split(",").map((s) => s.trim()).filter(Boolean)];
