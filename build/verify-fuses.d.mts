/** Types of build/verify-fuses.mjs (the electron-builder hook), for the tests. */
export declare const FUSE_POSITIONS: Record<string, number>;
export declare function fuseMismatches(binary: string, expected: Record<string, unknown>): Promise<string[]>;
export declare function findPackagedBinaries(outDir: string): Promise<string[]>;
export declare function afterAllArtifactBuild(buildResult: { outDir: string; configuration: { electronFuses?: Record<string, unknown> | null } }): Promise<string[]>;
export default afterAllArtifactBuild;
