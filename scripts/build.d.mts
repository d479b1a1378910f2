// Types of scripts/build.mjs, for the TypeScript that imports it (benches, tests).
export declare const ROOT: string;
export declare const TARGETS: Record<'api' | 'worker', Record<string, string>>;
export declare function distOf(workspace: 'api' | 'worker'): string;
export declare function staleReason(workspace: 'api' | 'worker'): string | null;
export declare function ensureBuilt(workspace: 'api' | 'worker', options?: { force?: boolean; log?: (line: string) => void; timeoutMs?: number }): Promise<boolean>;
