// Every id of the time sheets' surfaces, in one place.
import { TASK_KINDS, type TaskKind } from './sheet.ts';

export const TimeSheetViews = {
  week: 'timesheet_week',
} as const;

export const TimeSheetActions = {
  /** Opens the sheet's form at its first week (value: the sheet id). */
  edit: 'timesheet_edit',
  /** The animator's signature (value: "id:version", the version they read). */
  sign: 'timesheet_sign',
  /** A coordinator's countersignature (value: "id:version"). */
  countersign: 'timesheet_countersign',
  /** The same, from a reminder listing several sheets: the list stays, the answer is private (value: "id:version"). */
  countersignListed: 'timesheet_countersign_listed',
  /** Back to a draft, signatures voided (value: "id:version"). */
  reopen: 'timesheet_reopen',
  /** The sheet's PDF by direct message (value: the sheet id). */
  pdf: 'timesheet_pdf',
  /** A sheet's ⋯ menu on the App Home: "edit:<id>", "pdf:<id>", "countersign:<id>:<version>". */
  menu: 'timesheet_menu',
} as const;

export const HoursFields = Object.fromEntries(TASK_KINDS.map((k) => [k, { block: `timesheet_${k}`, action: 'value' }])) as Record<
  TaskKind,
  { block: string; action: 'value' }
>;
