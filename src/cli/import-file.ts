// What every one-file `safer import <what> <file>` command does around its importer: read the one
// file named, and turn a refused file's problem lines into output plus a one-line failure.
import fs from 'node:fs';
import path from 'node:path';

/** The one file the command was given, read whole; a clear error when there is not one or it cannot be read. */
export function readImportFile(args: readonly string[], what: string): { name: string; content: Buffer } {
  if (args.length !== 1) throw new Error(`import ${what} takes one file`);
  const file = args[0] as string;
  try {
    return { name: path.basename(file), content: fs.readFileSync(file) };
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

/** Prints every problem after the first and throws with the first (the command's one-line reason). */
export function refuseWithProblems(lines: readonly string[], out: (line: string) => void): never {
  for (const line of lines.slice(1)) out(line);
  throw new Error(`${lines[0] ?? 'the file could not be imported'}${lines.length > 1 ? ` (and ${lines.length - 1} more problems, listed above); nothing was stored` : '; nothing was stored'}`);
}
