export declare const PROVIDERS: readonly ['sqlite', 'postgresql'];
export declare function composeSchema(provider: 'sqlite' | 'postgresql'): string;
export declare function writeSchemas(): void;
export declare function generateClients(): void;
