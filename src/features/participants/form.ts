// Reading the participant modals: each answer one of its known values, or none.
import type { ViewState } from '../../slack/view-state.ts';
import { EntryFields, ExitFields } from './ids.ts';
import {
  AGE_BANDS,
  EDUCATION,
  EMPLOYMENT,
  type EntryAnswers,
  EXIT_SITUATIONS,
  type ExitSituation,
  GENDERS,
  YES_NO_REFUSED,
} from './vocabulary.ts';

function pick<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return values.find((v) => v === value);
}

export function readEntry(state: ViewState): EntryAnswers {
  return {
    gender: pick(GENDERS, state.selected(EntryFields.gender)),
    ageBand: pick(AGE_BANDS, state.selected(EntryFields.ageBand)),
    employment: pick(EMPLOYMENT, state.selected(EntryFields.employment)),
    education: pick(EDUCATION, state.selected(EntryFields.education)),
    disability: pick(YES_NO_REFUSED, state.selected(EntryFields.disability)),
    otherDisadvantage: pick(YES_NO_REFUSED, state.selected(EntryFields.otherDisadvantage)),
  };
}

export function readExit(state: ViewState): ExitSituation | undefined {
  return pick(EXIT_SITUATIONS, state.selected(ExitFields.situation));
}
