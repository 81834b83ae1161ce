export interface Problem {
  /** Where in the file, e.g. `stacks[0].sink.region`; `(file)` for the file as a whole. */
  readonly path: string;
  /** What was given, what is wrong and what is allowed. */
  readonly message: string;
}
