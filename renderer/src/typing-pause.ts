// A field that applies what is typed once the cashier pauses: every key press restarts
// the wait, so only the newest value is applied; Enter or leaving the field applies at once.
export interface TypingPause {
  /** A key press: apply after the pause unless another press comes first. */
  typed(): void;
  /** Enter or leaving the field: apply now. */
  now(): void;
  cancel(): void;
}

export function typingPause(apply: () => void, pauseMs = 400): TypingPause {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return {
    typed() {
      cancel();
      timer = setTimeout(() => {
        timer = undefined;
        apply();
      }, pauseMs);
    },
    now() {
      cancel();
      apply();
    },
    cancel,
  };
}
