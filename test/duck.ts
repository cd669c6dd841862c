import { DuckDBInstance } from "@duckdb/node-api";

/** Runs SQL on a DuckDB database (":memory:" for Parquet files), read-only unless in memory; rows as arrays. */
export async function duck(file: string, query: string): Promise<unknown[][]> {
  const inst = await DuckDBInstance.create(
    file,
    file === ":memory:" ? undefined : { access_mode: "READ_ONLY" },
  );
  const c = await inst.connect();
  try {
    return (await c.runAndReadAll(query)).getRowsJS().map((r) => [...r]);
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}
