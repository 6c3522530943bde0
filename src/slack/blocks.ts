// Block Kit helpers that keep within Slack's published limits.
import type {
  Button,
  InputBlock,
  InputBlockElement,
  KnownBlock,
  ModalView,
  Overflow,
  PlainTextElement,
  PlainTextOption,
  View,
} from '@slack/types';

export const LIMITS = {
  modalTitle: 24,
  modalButton: 24,
  blocksPerModal: 100,
  blocksPerMessage: 50,
  blocksPerHome: 100,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  optionText: 75,
  optionsPerSelect: 100,
  contextElements: 10,
  actionId: 255,
  value: 2000,
  privateMetadata: 3000,
  messageText: 40000,
  inputLabel: 2000,
  inputHint: 2000,
} as const;

/** Cuts text to `max` characters, ending with an ellipsis when something was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

export function plain(text: string, max: number = LIMITS.sectionText): PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max), emoji: true };
}

export function header(text: string): KnownBlock {
  return { type: 'header', text: plain(text, LIMITS.headerText) };
}

export function section(mrkdwn: string, accessory?: Button | Overflow): KnownBlock {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(mrkdwn, LIMITS.sectionText) },
    ...(accessory ? { accessory } : {}),
  };
}

export function context(mrkdwn: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(mrkdwn, LIMITS.sectionText) }] };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

export function button(text: string, actionId: string, value?: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    text: plain(text, LIMITS.buttonText),
    action_id: actionId,
    ...(value !== undefined ? { value: truncate(value, LIMITS.value) } : {}),
    ...(style ? { style } : {}),
  };
}

/** A "⋯" menu: actions kept out of sight (and each one still checked on the server). */
export function overflow(actionId: string, options: { text: string; value: string }[]): Overflow {
  return { type: 'overflow', action_id: actionId, options: options.slice(0, 5).map((o) => option(o.text, o.value)) };
}

export function actions(blockId: string, elements: (Button | Overflow)[]): KnownBlock {
  return { type: 'actions', block_id: blockId, elements: elements.slice(0, 25) };
}

export function option(text: string, value: string): PlainTextOption {
  return { text: plain(text, LIMITS.optionText), value: truncate(value, 150) };
}

/**
 * Lines packed into as few sections as Slack's 3,000 characters a section allow, at most
 * `maxSections` of them; `left` is how many lines did not fit (for an "… and N more").
 */
export function linesInSections(lines: readonly string[], maxSections: number): { blocks: KnownBlock[]; left: number } {
  const blocks: KnownBlock[] = [];
  let current: string[] = [];
  let size = 0;
  let shown = 0;
  for (const whole of lines) {
    const line = truncate(whole, LIMITS.sectionText);
    if (current.length > 0 && size + 1 + line.length > LIMITS.sectionText) {
      if (blocks.length + 1 === maxSections) break;
      blocks.push(section(current.join('\n')));
      current = [];
      size = 0;
    }
    current.push(line);
    size += (current.length > 1 ? 1 : 0) + line.length;
    shown++;
  }
  if (current.length > 0) blocks.push(section(current.join('\n')));
  return { blocks, left: lines.length - shown };
}

/**
 * Keeps a list of blocks within `max`, replacing the overflow with one closing block
 * (e.g. "… and 12 more") built from the number of items left out.
 */
export function capBlocks(items: KnownBlock[][], max: number, more: (count: number) => KnownBlock): KnownBlock[] {
  const out: KnownBlock[] = [];
  for (let i = 0; i < items.length; i++) {
    const group = items[i] ?? [];
    const left = items.length - i;
    const roomNeeded = left > 1 ? group.length + 1 : group.length;
    if (out.length + roomNeeded > max) {
      out.push(more(left));
      return out;
    }
    out.push(...group);
  }
  return out;
}

export function modal(params: {
  title: string;
  callbackId: string;
  blocks: KnownBlock[];
  submit?: string;
  close: string;
  privateMetadata?: string;
}): ModalView {
  return {
    type: 'modal',
    callback_id: params.callbackId,
    title: plain(params.title, LIMITS.modalTitle),
    close: plain(params.close, LIMITS.modalButton),
    ...(params.submit ? { submit: plain(params.submit, LIMITS.modalButton) } : {}),
    ...(params.privateMetadata !== undefined ? { private_metadata: truncate(params.privateMetadata, LIMITS.privateMetadata) } : {}),
    blocks: params.blocks.slice(0, LIMITS.blocksPerModal),
  };
}

/** Where a modal input lives: its block and the action id of its element. */
export interface FieldRef {
  block: string;
  action: string;
}

/**
 * A modal input, typed by its element (a text, a select, a date…): the element gets the
 * field's action id, the label and hint stay within Slack's limits.
 */
export function input(
  field: FieldRef,
  label: string,
  element: InputBlockElement,
  options: { optional?: boolean; hint?: string; dispatch?: boolean } = {},
): InputBlock {
  return {
    type: 'input',
    block_id: field.block,
    // A choice that changes the form (what it reveals) reaches the app at once.
    ...(options.dispatch ? { dispatch_action: true } : {}),
    label: { type: 'plain_text', text: truncate(label, LIMITS.inputLabel) },
    ...(options.optional ? { optional: true } : {}),
    ...(options.hint ? { hint: { type: 'plain_text', text: truncate(options.hint, LIMITS.inputHint) } } : {}),
    element: { ...element, action_id: field.action },
  };
}

/** The JSON of blocks built once and shown many times, written once (see `viewJson`). */
const reusableJson = new WeakMap<object, string>();

/**
 * Marks a block as built once and shared by many views (a form's empty field, the same on
 * every form in one language): it is frozen, and serialised once for all the views it is in.
 */
export function reusable<T extends KnownBlock>(block: T): T {
  reusableJson.set(block, JSON.stringify(block));
  return Object.freeze(block);
}

/** A view as JSON, its reusable blocks written once: what `views.open` sends on the hot path. */
export function viewJson(view: View): string {
  const { blocks, ...rest } = view;
  const head = JSON.stringify(rest);
  const body = blocks.map((b) => reusableJson.get(b) ?? JSON.stringify(b)).join(',');
  return `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"blocks":[${body}]}`;
}
