/**
 * The tiny query interface the PostgreSQL store is written against, so that the same SQL runs on
 * a server through a `pg` pool and in-process on PGlite.
 */

/** Runs statements on one connection, or on any connection of a pool. */
export interface SqlRunner {
  /**
   * One statement with `$1`-style parameters; returns its rows. A `name` prepares the statement
   * once per connection (on a server), so that it is not planned again at each call; one name
   * must always go with the same text.
   */
  query<R>(text: string, params?: ReadonlyArray<unknown>, name?: string): Promise<ReadonlyArray<R>>;
  /** Several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

/** A held connection, for what lives as long as a session: advisory locks, LISTEN. */
export interface SqlSession extends SqlRunner {
  /** Calls `onNotify` with each payload sent on `channel` (a plain lowercase identifier). */
  listen(channel: string, onNotify: (payload: string) => void): Promise<void>;
  /** Called once if the connection is lost. */
  onLost(handler: (error: Error) => void): void;
  release(): Promise<void>;
}

export interface SqlDatabase extends SqlRunner {
  /** Runs `work` in a transaction (READ COMMITTED): committed if it resolves, rolled back if it throws. */
  transaction<A>(work: (tx: SqlRunner) => Promise<A>): Promise<A>;
  /** A connection held until released. */
  session(): Promise<SqlSession>;
  /** Whether several sessions really are several connections (false for PGlite, a single one). */
  readonly concurrent: boolean;
  /** Where the database is, for messages (never a password). */
  readonly description: string;
  close(): Promise<void>;
}
