// Reading modal inputs (view.state.values) through one validated shape.
import { z } from 'zod';

const optionSchema = z.object({ value: z.string(), text: z.object({ text: z.string() }).optional() });

const inputValueSchema = z
  .object({
    type: z.string(),
    value: z.string().nullish(),
    selected_option: optionSchema.nullish(),
    selected_options: z.array(optionSchema).nullish(),
    selected_conversation: z.string().nullish(),
    selected_channel: z.string().nullish(),
    selected_users: z.array(z.string()).nullish(),
    selected_user: z.string().nullish(),
    selected_date: z.string().nullish(),
    selected_time: z.string().nullish(),
    selected_date_time: z.number().nullish(),
  })
  .loose();

const stateSchema = z.record(z.string(), z.record(z.string(), inputValueSchema));

export type ViewStateValues = z.infer<typeof stateSchema>;

export interface FieldRef {
  block: string;
  action: string;
}

/**
 * Removes the control characters a person cannot mean to type (NUL, bell, escape, DEL…): they
 * would be refused by PostgreSQL (NUL) and stored by SQLite, so both databases now store the
 * same text. Line breaks and tabs stay.
 */
export function withoutControlCharacters(text: string): string {
  let clean = true;
  for (let i = 0; i < text.length && clean; i++) clean = !isControl(text.charCodeAt(i));
  if (clean) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) if (!isControl(text.charCodeAt(i))) out += text[i];
  return out;
}

function isControl(code: number): boolean {
  return (code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127;
}

/** A Slack user id as a user picker sends it (not a mention, a channel or a number). */
export function isUserId(value: string): boolean {
  return /^[UW][A-Z0-9]{1,20}$/.test(value);
}

/** A channel id as a conversation picker sends it. */
export function isChannelId(value: string): boolean {
  return /^[CGD][A-Z0-9]{1,20}$/.test(value);
}

export class ViewState {
  readonly #values: ViewStateValues;

  constructor(values: unknown) {
    const parsed = stateSchema.safeParse(values ?? {});
    this.#values = parsed.success ? parsed.data : {};
  }

  #input(ref: FieldRef): z.infer<typeof inputValueSchema> | undefined {
    return this.#values[ref.block]?.[ref.action];
  }

  /** Whether the modal had this input at all. */
  has(ref: FieldRef): boolean {
    return this.#input(ref) !== undefined;
  }

  /** What was typed, without control characters. */
  text(ref: FieldRef): string {
    return withoutControlCharacters(this.#input(ref)?.value ?? '');
  }

  selected(ref: FieldRef): string | undefined {
    return this.#input(ref)?.selected_option?.value ?? undefined;
  }

  selectedMany(ref: FieldRef): string[] {
    return (this.#input(ref)?.selected_options ?? []).map((o) => o.value);
  }

  /** The chosen options with the labels the menu showed (an external select's are not ours to look up). */
  chosen(ref: FieldRef): { value: string; label: string }[] {
    return (this.#input(ref)?.selected_options ?? []).map((o) => ({ value: o.value, label: o.text?.text ?? o.value }));
  }

  conversation(ref: FieldRef): string | undefined {
    const input = this.#input(ref);
    return input?.selected_conversation ?? input?.selected_channel ?? undefined;
  }

  /** users_select: one user. */
  user(ref: FieldRef): string | undefined {
    return this.#input(ref)?.selected_user ?? undefined;
  }

  users(ref: FieldRef): string[] {
    return this.#input(ref)?.selected_users ?? [];
  }

  /** datepicker: "YYYY-MM-DD". */
  date(ref: FieldRef): string | undefined {
    return this.#input(ref)?.selected_date ?? undefined;
  }

  /** timepicker: "HH:mm". */
  time(ref: FieldRef): string | undefined {
    return this.#input(ref)?.selected_time ?? undefined;
  }

  checked(ref: FieldRef, value: string): boolean {
    return this.selectedMany(ref).includes(value);
  }
}

/** private_metadata is JSON we wrote ourselves; still, it comes back through the client. */
export function readMetadata<T>(schema: z.ZodType<T>, raw: string | undefined): T | undefined {
  if (!raw) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const viewBlocksSchema = z.array(
  z
    .object({
      type: z.string(),
      block_id: z.string().optional(),
      element: z.object({ type: z.string(), action_id: z.string().optional() }).loose().optional(),
    })
    .loose(),
);

/**
 * What a submitted modal's state holds that its own view did not ask for: a value under a block
 * or action id the view does not have, or of another type than the input there (a number where
 * a user picker was). Empty when the state matches the view, as Slack's client always sends it.
 */
export function unexpectedInputs(blocks: unknown, values: unknown): string[] {
  const parsedBlocks = viewBlocksSchema.safeParse(blocks ?? []);
  const parsedValues = stateSchema.safeParse(values ?? {});
  if (!parsedBlocks.success || !parsedValues.success) return ['the form could not be read'];
  const inputs = new Map<string, { action: string | undefined; type: string }>();
  for (const b of parsedBlocks.data) {
    if (b.type === 'input' && b.block_id && b.element) inputs.set(b.block_id, { action: b.element.action_id, type: b.element.type });
  }
  const unexpected: string[] = [];
  for (const [block, actions] of Object.entries(parsedValues.data)) {
    for (const [action, value] of Object.entries(actions)) {
      const asked = inputs.get(block);
      if (!asked || asked.action !== action || asked.type !== value.type) unexpected.push(`${block}/${action} (${value.type})`);
    }
  }
  return unexpected;
}
