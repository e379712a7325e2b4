// The locations, asset categories, assets and service records part of the OpenAPI document.
import {
  body,
  errors,
  idParam,
  json,
  listParams,
  ok,
  page,
  type OpenApiPart,
} from '../api/openapi-parts.ts';
import { CreateLocationInput, UpdateLocationInput } from '../locations/schemas.ts';
import { CreateAssetApiInput, UpdateAssetInput, ASSET_STATUSES } from './schemas.ts';
import { ServiceRecordInput } from './service-records.ts';

const str = { type: 'string' };
const nstr = { type: ['string', 'null'] };
const ndate = { type: ['string', 'null'], format: 'date' };
const Location = {
  type: 'object',
  properties: {
    id: str,
    companyId: str,
    name: str,
    address: nstr,
    notes: nstr,
    createdAt: str,
    updatedAt: str,
  },
};
const AssetCategory = {
  type: 'object',
  properties: {
    id: str,
    name: str,
    fields: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          key: str,
          label: str,
          type: { enum: ['text', 'number', 'date', 'select', 'url'] },
          options: { type: 'array', items: str },
        },
      },
    },
  },
};
const Asset = {
  type: 'object',
  properties: {
    id: str,
    companyId: str,
    categoryId: str,
    name: str,
    make: nstr,
    model: nstr,
    serial: nstr,
    assetTag: nstr,
    status: { enum: [...ASSET_STATUSES] },
    locationId: nstr,
    contactId: nstr,
    ipAddresses: { type: 'array', items: str },
    mac: { type: ['string', 'null'], description: 'AA:BB:CC:DD:EE:FF' },
    os: nstr,
    purchaseDate: ndate,
    purchasePriceCents: { type: ['integer', 'null'] },
    vendor: nstr,
    warrantyExpires: ndate,
    notes: nstr,
    customFields: {
      type: 'object',
      additionalProperties: { type: ['string', 'number'] },
      description: "Values of the category's extra fields, by key",
    },
    createdAt: str,
    updatedAt: str,
  },
};
const ServiceRecord = {
  type: 'object',
  properties: {
    id: str,
    assetId: str,
    companyId: str,
    performedOn: { type: 'string', format: 'date' },
    description: str,
    performedById: nstr,
    performedByName: str,
    minutes: { type: 'integer' },
    workOrderId: nstr,
    createdAt: str,
  },
};
const q = (name: string, schema: object = str) => ({ name, in: 'query', schema });
const ref = (n: string) => ({ $ref: `#/components/schemas/${n}` });

export const assetsOpenApi: OpenApiPart = {
  schemas: {
    Location,
    AssetCategory,
    Asset,
    ServiceRecord,
    LocationCreate: json(CreateLocationInput),
    LocationUpdate: json(UpdateLocationInput),
    AssetCreate: json(CreateAssetApiInput),
    AssetUpdate: json(UpdateAssetInput),
    ServiceRecordCreate: json(ServiceRecordInput),
  },
  paths: {
    '/companies/{id}/locations': {
      parameters: [idParam('id')],
      get: {
        operationId: 'listCompanyLocations',
        summary: 'A company’s locations, by name',
        parameters: listParams,
        responses: { 200: ok(page('#/components/schemas/Location')), ...errors },
      },
      post: {
        operationId: 'createLocation',
        summary: 'Add a location',
        requestBody: body(ref('LocationCreate')),
        responses: { 201: ok(ref('Location'), 'Created'), ...errors },
      },
    },
    '/locations/{id}': {
      parameters: [idParam('id')],
      get: {
        operationId: 'getLocation',
        summary: 'One location',
        responses: { 200: ok(ref('Location')), ...errors },
      },
      patch: {
        operationId: 'updateLocation',
        summary: 'Change a location',
        requestBody: body(ref('LocationUpdate')),
        responses: { 200: ok(ref('Location')), ...errors },
      },
    },
    '/asset-categories': {
      get: {
        operationId: 'listAssetCategories',
        summary: 'Asset categories and their extra fields',
        responses: { 200: ok(page('#/components/schemas/AssetCategory')), ...errors },
      },
    },
    '/assets': {
      get: {
        operationId: 'listAssets',
        summary: 'List assets (oldest first), filtered',
        parameters: [
          ...listParams,
          q('companyId'),
          q('q', {
            type: 'string',
            description: 'Contains, over name, serial, asset tag, IPs and MAC',
          }),
          q('status', { enum: [...ASSET_STATUSES] }),
          q('categoryId'),
          q('locationId'),
        ],
        responses: { 200: ok(page('#/components/schemas/Asset')), ...errors },
      },
      post: {
        operationId: 'createAsset',
        summary: 'Create an asset',
        requestBody: body(ref('AssetCreate')),
        responses: { 201: ok(ref('Asset'), 'Created'), ...errors },
      },
    },
    '/assets/{id}': {
      parameters: [idParam('id')],
      get: {
        operationId: 'getAsset',
        summary: 'One asset',
        responses: { 200: ok(ref('Asset')), ...errors },
      },
      patch: {
        operationId: 'updateAsset',
        summary: 'Change an asset (only the fields sent; every change is in its history)',
        requestBody: body(ref('AssetUpdate')),
        responses: { 200: ok(ref('Asset')), ...errors },
      },
    },
    '/assets/{id}/service-records': {
      parameters: [idParam('id')],
      get: {
        operationId: 'listServiceRecords',
        summary: 'An asset’s service records, newest first',
        parameters: listParams,
        responses: { 200: ok(page('#/components/schemas/ServiceRecord')), ...errors },
      },
      post: {
        operationId: 'createServiceRecord',
        summary:
          'Add a service record (performed by the key’s user unless performedById names another)',
        requestBody: body(ref('ServiceRecordCreate')),
        responses: { 201: ok(ref('ServiceRecord'), 'Created'), ...errors },
      },
    },
  },
};
