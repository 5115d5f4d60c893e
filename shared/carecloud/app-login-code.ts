// What the customer's mobile app shows as a QR code for a password-less login on the
// kiosk: the authentication token CareCloud gave the app and the id of the request that
// made it, as `<token_request_id>:<authentication_token>`. A code of the token alone is
// sent as both, which CareCloud accepts when it does not check the two separately.

export interface AppLoginCode {
  token: string;
  tokenRequestId: string;
}

const PART = /^[A-Za-z0-9_-]{1,200}$/;

export function formatAppLoginCode(code: AppLoginCode): string {
  return `${code.tokenRequestId}:${code.token}`;
}

/** The token and request id a scanned code carries, or null when it is not such a code. */
export function readAppLoginCode(text: string): AppLoginCode | null {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  if (colon < 0) return PART.test(trimmed) ? { token: trimmed, tokenRequestId: trimmed } : null;
  const tokenRequestId = trimmed.slice(0, colon);
  const token = trimmed.slice(colon + 1);
  return PART.test(tokenRequestId) && PART.test(token) ? { token, tokenRequestId } : null;
}
