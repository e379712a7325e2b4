// The downloadable example file: every recognised heading and one filled-in row.
import { stringify } from 'csv-stringify/sync';

export const templateCsv = () =>
  stringify([
    [
      'Name',
      'Category',
      'Status',
      'Location',
      'Assigned to',
      'Make',
      'Model',
      'Serial',
      'Asset tag',
      'IP address',
      'MAC address',
      'OS',
      'Purchase date',
      'Purchase price',
      'Vendor',
      'Warranty expires',
      'Notes',
    ],
    [
      'FRONTDESK-PC01',
      'Computers',
      'In service',
      'Head office',
      'ann@example.com',
      'Dell',
      'OptiPlex 7010',
      'ABC1234',
      'IT-0001',
      '10.0.0.21',
      'AA:BB:CC:DD:EE:01',
      'Windows 11 Pro',
      '2025-03-01',
      '1299.00',
      'CDW',
      '2028-03-01',
      'Reception desk',
    ],
  ]);
