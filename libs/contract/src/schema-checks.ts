/** Type-level equality, used to prove a schema's static type is the domain type it mirrors. */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only when `T` is `true`. */
export type Assert<T extends true> = T;
