// Money is a JSON number at the wire and integer minor units inside.
export function toMinor(amount: number): number {
  return Math.round(amount * 100);
}

export function toMajor(minor: number): number {
  return minor / 100;
}
