// The one error type of the file readers: a message that names the problem and the 1-based line
// (or, for XML formats, the element) where it was found, so a UI can show "line 12: …".

export class DumpError extends Error {
  /** 1-based line number in the (decompressed) text; 0 when the problem has no line. */
  readonly line: number;
  /** The message without the "line N: " prefix. */
  readonly reason: string;
  constructor(reason: string, line: number) {
    super(line > 0 ? `line ${line}: ${reason}` : reason);
    this.name = 'DumpError';
    this.line = line;
    this.reason = reason;
  }
}
