export const REPORT_COMMAND = '/bilan';

export const ReportActions = {
  export: 'report_export',
} as const;
