// A loyalty card's number as receipts show it, on screen and on paper alike.

/** Only the last four digits of a loyalty card are shown. */
export function maskedCard(number: string): string {
  const digits = number.trim();
  return digits.length <= 4 ? digits : `****${digits.slice(-4)}`;
}
