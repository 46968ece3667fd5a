/** Injected time, so tests can pin "now" and the core never reads the machine clock directly. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
