// Online payments' part of the OpenAPI document: starting a checkout, and the two provider webhooks
// (called by Stripe and PayPal, authenticated by their signatures rather than an API key).
import { body, errors, json, ok, type OpenApiPart } from '../api/openapi-parts.ts';
import { CreateCheckoutInput } from './checkout.ts';

const received = {
  type: 'object',
  properties: {
    received: { type: 'boolean' },
    result: {
      type: 'string',
      description: 'What was done, e.g. "payment … recorded", "already processed", "ignored: …"',
    },
  },
};
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

export const onlinePaymentsOpenApi: OpenApiPart = {
  schemas: {
    OnlineCheckout: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        provider: { enum: ['stripe', 'paypal'] },
        providerId: {
          type: ['string', 'null'],
          description: 'Stripe Checkout Session id or PayPal order id',
        },
        companyId: { type: 'string' },
        invoiceId: {
          type: ['string', 'null'],
          description: 'null for a checkout of the whole open balance',
        },
        amountCents: { type: 'integer' },
        currency: { type: 'string' },
        status: { enum: ['open', 'completed', 'expired', 'failed'] },
        url: { type: ['string', 'null'], description: 'The page to send the customer to' },
        createdAt: { type: 'string' },
      },
    },
    CreateCheckoutInput: json(CreateCheckoutInput),
  },
  paths: {
    '/online-checkouts': {
      post: {
        operationId: 'createOnlineCheckout',
        summary:
          'Start an online payment for one issued invoice (invoiceId) or a company’s whole open balance (companyId) (billing.write)',
        description:
          'The amount is the stored balance at this moment, never taken from the request. 409 when the provider is not switched on or nothing is owed; 502 when the provider refused. The payment is recorded only when the provider’s webhook confirms it.',
        requestBody: body({ $ref: '#/components/schemas/CreateCheckoutInput' }),
        responses: {
          201: ok({ $ref: '#/components/schemas/OnlineCheckout' }, 'Created'),
          409: { $ref: '#/components/responses/Problem' },
          502: { $ref: '#/components/responses/Problem' },
          ...errors,
        },
      },
    },
    '/webhooks/stripe': {
      post: {
        operationId: 'receiveStripeWebhook',
        summary: 'Stripe webhook endpoint (called by Stripe; no API key)',
        description:
          'Verified with the Stripe-Signature header and the endpoint signing secret over the raw body (5 minute tolerance). Handles checkout.session.completed / async_payment_succeeded (records the payment with Stripe’s fee), checkout.session.expired / async_payment_failed, charge.refunded (refunds what is not yet recorded); other types are acknowledged and logged as ignored. Each event id is applied at most once.',
        security: [],
        parameters: [
          { name: 'Stripe-Signature', in: 'header', required: true, schema: { type: 'string' } },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { type: 'object', description: 'A Stripe event' } },
          },
        },
        responses: {
          200: ok(received, 'Applied, already processed, or ignored'),
          400: problem('Missing or bad signature, or a timestamp outside the tolerance'),
          503: problem('No webhook signing secret configured'),
        },
      },
    },
    '/webhooks/paypal': {
      post: {
        operationId: 'receivePaypalWebhook',
        summary: 'PayPal webhook endpoint (called by PayPal; no API key)',
        description:
          'Verified by PayPal’s verify-webhook-signature with the PAYPAL-TRANSMISSION-ID/-TIME/-SIG, PAYPAL-CERT-URL and PAYPAL-AUTH-ALGO headers and the configured webhook id. Handles PAYMENT.CAPTURE.COMPLETED (records the payment with PayPal’s fee), PAYMENT.CAPTURE.DENIED, PAYMENT.CAPTURE.REFUNDED and PAYMENT.CAPTURE.REVERSED; other types are acknowledged and logged as ignored. Each event id is applied at most once.',
        security: [],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', description: 'A PayPal webhook event' },
            },
          },
        },
        responses: {
          200: ok(received, 'Applied, already processed, or ignored'),
          400: problem('Missing transmission headers or verification FAILURE'),
          503: problem('PayPal not configured, or PayPal could not be reached to verify'),
        },
      },
    },
  },
};
