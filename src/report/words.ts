/** Counted nouns, for every text a reporter writes: `1 packet`, `2 packets`. */
export const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;
