// Column headings for the aging buckets on pages: short enough never to wrap ("90+ days", not
// "Over 90 days", which broke over three lines in a narrow column). The CSV and the statement PDF
// keep the long labels of payments/aging.ts.
import type { BUCKETS } from '../../payments/aging.ts';

export const BUCKET_HEADS: Record<(typeof BUCKETS)[number], string> = {
  current: 'Current',
  days1To30: '1–30 days',
  days31To60: '31–60 days',
  days61To90: '61–90 days',
  over90: '90+ days',
};
