// The web addresses the settings take, checked without the settings schema so the
// screens can say what is wrong as the manager types, without loading zod.
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

// Parsed by hand: URL is not part of the language, and shared/ runs without DOM or Node types.
const PROJECT_URL = /^(https?):\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?(\/[^\s?#]*)?$/;

/** CareCloud is HTTPS only; plain HTTP is allowed for the sandbox on this machine. */
export function projectUrlProblem(text: string, example = 'https://shop.crmcarecloud.com'): string | null {
  const match = PROJECT_URL.exec(text);
  if (!match) return `is not a web address such as ${example}`;
  if (match[1] === 'https') return null;
  if (LOOPBACK_HOSTS.has(match[2]!.toLowerCase())) return null;
  return 'must start with https:// (plain http only for 127.0.0.1 or localhost)';
}
