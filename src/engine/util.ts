/** Two tiny helpers shared by the engine and the app (no TF.js, no DOM). */

/** The text to show for anything thrown: an Error's message, or the thrown value itself. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Resolves in a later task: the work before and after it are separate (shorter) tasks. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
