export const REPORT_COMMAND = '/bilan';

export const ReportActions = {
  export: 'report_export',
  /** The bilan pack (coordinators): value "from|to". */
  pack: 'report_pack',
} as const;
