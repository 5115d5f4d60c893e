// Attachments that put focus where the cashier's next action is.
import type { Attachment } from 'svelte/attachments';

/** Focuses the element when it appears. */
export const focusOnMount: Attachment<HTMLElement> = (element) => {
  element.focus();
};
