// Personal data never reaches a log line: emails, phone numbers and card numbers are
// masked wherever they appear, query strings included.

const PII_PARAMS = new Set([
  'email',
  'email_list',
  'phone',
  'card_number',
  'card_number_list',
  'secondary_card_number',
  'first_name',
  'last_name',
  'birthdate',
  'code',
  'password',
  'bearer_token',
  'login',
]);

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// A run of 6+ digits (spaces, dashes, a leading + allowed) not glued to letters: phones and card numbers.
const DIGIT_RUN = /(?<![A-Za-z0-9])\+?\d(?:[ -]?\d){5,}(?![A-Za-z0-9])/g;

export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** Keeps the last four digits: enough for support to match a receipt, not enough to use. */
export function maskDigits(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

export function maskValue(value: string): string {
  if (value.includes('@')) return maskEmail(value);
  if (/\d/.test(value)) return maskDigits(value);
  return value.length <= 1 ? '*' : `${value[0]}***`;
}

// Cheap test first: most paths carry neither an @ nor six digits in a row.
const MAYBE_PII = /@|\d[ -]?\d[ -]?\d[ -]?\d[ -]?\d[ -]?\d/;

/** Masks emails and long digit runs anywhere in free text. */
export function maskText(text: string): string {
  if (!MAYBE_PII.test(text)) return text;
  return text.replace(EMAIL, maskEmail).replace(DIGIT_RUN, maskDigits);
}

// The Customer API names its device token in the path (`/tokens/{token_id}/actions/...`): a credential.
const TOKEN_SEGMENT = /(\/tokens\/)[^/?]+/g;

/** The path with a Customer API token in it replaced by asterisks: for error messages. */
export function maskTokenSegment(path: string): string {
  return path.includes('/tokens/') ? path.replace(TOKEN_SEGMENT, '$1***') : path;
}

function maskSegments(path: string): string {
  return maskText(maskTokenSegment(path));
}

// A query of plain `name=value` pairs, nothing encoded, no parameter named as personal data.
const PLAIN_QUERY = /^[A-Za-z0-9_[\]]+=[^&=%+]*(?:&[A-Za-z0-9_[\]]+=[^&=%+]*)*$/;
const PII_PARAM = new RegExp(`(?:^|&)(?:${[...PII_PARAMS].join('|')})(?:\\[\\])?=`);

/** A request path with its query string: PII parameters masked by name, the rest by pattern. */
export function maskPath(pathWithQuery: string): string {
  const q = pathWithQuery.indexOf('?');
  if (q < 0) return maskSegments(pathWithQuery);
  // Most calls (every one a lookup makes per customer) ask nothing personal: no parsing for them.
  const query = pathWithQuery.slice(q + 1);
  if (PLAIN_QUERY.test(query) && !PII_PARAM.test(query) && !MAYBE_PII.test(query))
    return `${maskSegments(pathWithQuery.slice(0, q))}?${query}`;
  const params = new URLSearchParams(pathWithQuery.slice(q + 1));
  const parts: string[] = [];
  for (const [key, value] of params) {
    const bare = key.endsWith('[]') ? key.slice(0, -2) : key;
    const masked = PII_PARAMS.has(bare) ? maskValue(value) : maskText(value);
    parts.push(`${key}=${masked}`);
  }
  return `${maskSegments(pathWithQuery.slice(0, q))}?${parts.join('&')}`;
}
