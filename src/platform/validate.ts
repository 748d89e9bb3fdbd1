// Request validation with zod: one place turns bad input into a 400 with a reason.
import type { Context } from "hono";
import { z } from "zod";
import { HttpError } from "./errors.ts";

function reasonOf(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid input";
  const path = issue.path.join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}

export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new HttpError(400, "bad_request", reasonOf(r.error));
  return r.data;
}

export async function body<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let input: unknown;
  try {
    input = await c.req.json();
  } catch {
    throw new HttpError(400, "bad_request", "the body must be JSON");
  }
  return parse(schema, input);
}

/** Integer ids in paths and queries: digits with an optional minus sign, nothing else. */
export const intId = z
  .string()
  .regex(/^-?\d{1,15}$/, "must be an integer")
  .transform(Number);

export const positiveId = intId.refine((n) => n > 0, "must be a positive integer");
