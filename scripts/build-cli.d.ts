export const cliBundle: string;
export function buildCli(): Promise<void>;
export function buildCliIfStale(): Promise<boolean>;
