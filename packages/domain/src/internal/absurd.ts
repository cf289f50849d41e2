/** Exhaustiveness: the compiler proves this is never reached; a value that reaches it is a bug. */
export const absurd = (value: never): never => {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
};
