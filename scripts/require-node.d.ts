export function unsupportedNodeSentence(version: string, range: string): string | null;
