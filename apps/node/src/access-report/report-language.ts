/** The languages a right-of-access report is produced in (the application's languages). */
export const REPORT_LANGUAGES = ['en', 'fr', 'de', 'es', 'da'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];
