/**
 * The only code of the Dialogporten nodes that talks HTTP: one request (request.ts) and its checked
 * redirects (redirects.ts), when to send it again (retry.ts), every page of a search (pagination.ts), failures as NodeApiError with
 * Altinn's problem details (errors.ts), and nothing token-shaped in any message (redaction.ts).
 */
export type { AnyContext } from '../auth';
export { httpStatusOf, toNodeApiError, type HttpFailure } from './errors';
export {
	apiRequestAllItems,
	RETURN_ALL_CAP,
	type AllItemsOptions,
	type ReturnAllCap,
} from './pagination';
export { redactSecrets } from './redaction';
export type { RedirectCheck } from './redirects';
export {
	apiRequest,
	nodeCredentialType,
	queryParameters,
	readNodeParameter,
	resolveRequestTarget,
	type ApiRequest,
	type FullResponse,
	type QueryParameters,
	type QueryValue,
	type RequestAuth,
} from './request';
export { parseRetryAfter, type RetryPolicy } from './retry';
