/**
 * The baseline every figure of the benchmark is a ratio to: the least a reader of `show trace`
 * text does — read the file in 4 MB chunks, split it into lines, test each line with one
 * regular expression (a record header). Prints the number of record headers.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";

const header = /^\d\d:\d\d:\d\d:\d{6}: \S+$/;
const fd = openSync(process.argv[2], "r");
const buffer = Buffer.alloc(4 << 20);
const decoder = new StringDecoder("utf8");
let rest = "";
let records = 0;
for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
  const lines = (rest + decoder.write(buffer.subarray(0, n))).split("\n");
  rest = lines.pop()!;
  for (const line of lines) if (header.test(line)) records++;
}
closeSync(fd);
if (header.test(rest + decoder.end())) records++;
process.stdout.write(`${records}\n`);
