/**
 * The single token table of the `show …` dump grammar (apart from `show trace`'s).
 *
 * A state dump is what a terminal log or a collection script holds: prompt lines
 * (`vpp# show ip fib`, `vppctl -s /run/vpp/cli.sock show mode`, `$ sudo vppctl show int`)
 * each followed by the command's output. Like the trace grammar, a token is a whole line:
 * a prompt line, any other text line, or the newline that ends it. The input is normalised
 * first (LF only, a final newline: grammar/normalize.ts).
 */
import { createToken, Lexer } from "chevrotain";

/** A command typed at VPP's CLI prompt or given to vppctl: `vpp# …`, `DBGvpp# …`,
 *  `vppctl [-s SOCKET] …`, optionally behind a shell prompt and whatever runs vppctl
 *  (`sudo`, `kubectl exec … --`, `calicovppctl`). */
export const PromptLine = createToken({
  name: "PromptLine",
  pattern: /(?:[$#][ \t]+)?(?:(?:DBG)?vpp#|(?:[^\n]*?[ \t])?vppctl(?:[ \t]+-\S+(?:[ \t]+[^\s-]\S*)?)*(?=[ \t]))[^\n]*/,
});

/** Anything else on a line: a command's output. */
export const TextLine = createToken({ name: "TextLine", pattern: /[^\n]+/ });

export const Newline = createToken({ name: "Newline", pattern: /\n/, line_breaks: true });

export const showTokens = [PromptLine, TextLine, Newline];

export const showLexer = new Lexer(showTokens, { positionTracking: "onlyOffset", lineTerminatorsPattern: /\n/g, lineTerminatorCharacters: ["\n"] });
