/**
 * A problem with what the user configured. The message names the input, the line when
 * there is one, the offending text and what was expected, so it can be fixed without
 * reading the code.
 */
export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly detail: string,
    readonly line?: { number: number; text: string },
  ) {
    // A long line is not quoted whole: the detail already quotes the part that is wrong.
    const where = line
      ? ` line ${line.number}${line.text.length > MAX_QUOTED ? '' : ` (${quote(line.text)})`}`
      : '';
    super(`Input "${input}"${where}: ${detail}`);
    this.name = 'InputError';
  }

  /** The problem found in an input's text, named by the input: the one way input errors are made of problems. */
  static of(input: string, problem: SyntaxProblem): InputError {
    return new InputError(input, problem.message, problem.line);
  }
}

/**
 * Several inputs refused at once: each told in the one message (an annotation is one line),
 * in the order the inputs are read. `input` and `detail` are the first one's.
 */
export class InputErrors extends InputError {
  constructor(readonly errors: readonly InputError[]) {
    super(errors[0].input, errors[0].detail, errors[0].line);
    this.message = `${errors.length} inputs are refused: ${errors.map((e, i) => `(${i + 1}) ${e.message}`).join('; ')}`;
    this.name = 'InputErrors';
  }
}

/**
 * A fault in a piece of text, as the core finds it (with the line, when the text has lines),
 * before it is known which input the text came from.
 */
export class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly line?: { number: number; text: string },
  ) {
    super(message);
    this.name = 'SyntaxProblem';
  }
}

/** Longest excerpt of a user's text an error quotes: an input can be 128 KiB. */
const MAX_QUOTED = 120;

/** Quote a user's text for an error message, a bounded excerpt of a long one. */
export function quote(text: string): string {
  if (text.length <= MAX_QUOTED) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, MAX_QUOTED))}… (${text.length} characters in all)`;
}

/** The message of anything thrown: an Error's own, or the value in words. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
