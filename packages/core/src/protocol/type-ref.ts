/**
 * A TypeScript type carried by plain data: the table names a type as text
 * (for the generated documents) and the type checker reads the same entry.
 *
 * @module
 */

declare const CARRIED: unique symbol;

/** Plain data naming the type `T`: `type` is its text for documents; `T` lives only for the type checker. */
export interface TypeRef<T> {
  /** The type as TypeScript writes it, e.g. `RoomMessage[]`. */
  readonly type: string;
  /** Never set: it only carries `T`. */
  readonly [CARRIED]?: T;
}

/**
 * Names a type in the protocol table.
 *
 * @param type - the type as TypeScript writes it
 * @returns `{ type }`, typed as carrying `T`
 */
export function typeRef<T>(type: string): TypeRef<T> {
  return { type };
}

/** The type a {@link TypeRef} carries. */
export type TypeOf<R> = R extends TypeRef<infer T> ? T : never;
