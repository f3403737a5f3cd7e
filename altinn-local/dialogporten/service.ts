// Dialogporten: all 44 operations of swagger.verified.json, served under `/dialogporten` and
// `/platform/dialogporten`. Each operation is registered from the OpenAPI document itself (method,
// path, parameters), so a request is parsed and validated the way the document declares it, and
// every response is validated against the document before it leaves (violations are recorded).
// The handlers live in operations/, one file per resource.
import { authenticate, type Principal } from '../auth';
import type { Context } from '../context';
import {
	answer,
	bodyJson,
	empty,
	header,
	problem,
	type Request,
	type Response,
	type Router,
} from '../http';
import type { StoredDialog, Activity } from './model';
import {
	DOCUMENTED_UNDECLARED,
	Operation,
	type Api,
	type OperationEntry,
	type OperationId,
} from './operation';
import { activityOperations } from './operations/activities';
import { dialogUpdateOperations } from './operations/dialog-updates';
import { dialogOperations } from './operations/dialogs';
import { endUserContextOperations } from './operations/end-user-context';
import { lookupOperations } from './operations/lookup';
import { metadataOperations } from './operations/metadata';
import { partyOperations } from './operations/parties';
import { searchOperations } from './operations/search';
import { seenLogOperations } from './operations/seen-logs';
import { serviceOwnerContextOperations } from './operations/service-owner-context';
import { transmissionOperations } from './operations/transmissions';
import { seedDialogs } from './seed';
import { DialogState, type DialogEventSink } from './state';
import { parseAcceptLanguage } from './languages';
import { CLOCK_SKEW_SECONDS } from '../tokens';

/** Every operation of the document; a missing or misspelt one fails the build. */
const OPERATIONS: Record<OperationId, OperationEntry> = {
	...metadataOperations,
	...partyOperations,
	...lookupOperations,
	...searchOperations,
	...dialogOperations,
	...dialogUpdateOperations,
	...activityOperations,
	...transmissionOperations,
	...seenLogOperations,
	...endUserContextOperations,
	...serviceOwnerContextOperations,
};

const SCOPES = {
	enduser: ['digdir:dialogporten', 'digdir:dialogporten.noconsent'],
	serviceowner: ['digdir:dialogporten.serviceprovider'],
	search: 'digdir:dialogporten.serviceprovider.search',
	changeTransmissions: 'digdir:dialogporten.serviceprovider.changetransmissions',
};

export class Dialogporten {
	private readonly state: DialogState;

	constructor(private readonly ctx: Context) {
		this.state = new DialogState(ctx);
	}

	get store() {
		return this.state.store;
	}

	onEvent(sink: DialogEventSink): void {
		this.state.onEvent(sink);
	}

	/** Appends an activity created outside the API (the correspondence system confirming, tests). */
	addActivity(
		d: StoredDialog,
		activity: Omit<Activity, 'id' | 'createdAt'> & { id?: string; createdAt?: number },
	): Activity {
		return this.state.addActivity(d, activity);
	}

	seed(count: number, seed?: number): void {
		if (count > 0) this.store.addMany(seedDialogs(count, this.ctx.baseUrl, seed));
	}

	register(router: Router): void {
		for (const info of this.ctx.spec.operations.values()) {
			const operationId = info.operationId as OperationId;
			const entry = OPERATIONS[operationId];
			if (!entry) throw new Error(`No handler for ${info.operationId}`);
			const handle = (req: Request) => this.run(operationId, entry, req);
			router.add(info.method, `/dialogporten${info.path}`, handle);
			router.add(info.method, `/platform/dialogporten${info.path}`, handle);
		}
	}

	private violation(operationId: string, direction: 'request' | 'response', message: string): void {
		this.ctx.specViolations.push({ operationId, direction, message });
		this.ctx.log(`spec violation (${direction}) ${operationId}: ${message}`);
	}

	private async run(
		operationId: OperationId,
		entry: OperationEntry,
		req: Request,
	): Promise<Response> {
		this.ctx.counters.increment('dialogporten.operations', operationId);
		const response = await answer(() => this.dispatch(operationId, entry, req));
		if (this.ctx.options.validateSpec) {
			// 415 answers a request that already broke the document (recorded as a request violation).
			const undeclaredOk =
				DOCUMENTED_UNDECLARED[operationId]?.includes(response.status) || response.status === 415;
			if (!undeclaredOk) {
				for (const m of this.ctx.spec.validateResponse(
					operationId,
					response.status,
					response.headers['content-type'],
					response.body,
				))
					this.violation(operationId, 'response', m);
			}
		}
		return response;
	}

	private async dispatch(
		operationId: OperationId,
		entry: OperationEntry,
		req: Request,
	): Promise<Response> {
		const spec = this.ctx.spec;
		const parsed = spec.parseParameters(operationId, {
			query: req.query,
			pathParams: req.params,
			headers: req.headers,
		});
		for (const m of parsed.errors) this.violation(operationId, 'request', m);
		const op = spec.operation(operationId);
		let body: unknown;
		if (op.requestBody) {
			const contentType = (header(req, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
			if (req.body.length > 0 && !op.requestBody.content[contentType]) {
				this.violation(
					operationId,
					'request',
					`request content type '${contentType || '(none)'}' is not one of ${Object.keys(op.requestBody.content).join(', ')}`,
				);
				return { status: 415, headers: {} };
			}
			const result = bodyJson(req);
			if (!result.ok) {
				this.violation(operationId, 'request', `request body is not JSON: ${result.error}`);
				return this.badRequest(req, operationId, {
					body: [`The request body is not valid JSON: ${result.error}`],
				});
			}
			body = result.value;
			const problems = spec.validateRequestBody(operationId, contentType, body as never);
			for (const m of problems) this.violation(operationId, 'request', m);
			// Unknown properties are recorded but tolerated (System.Text.Json ignores them);
			// wrong types, enum values or formats fail model binding: 400.
			const fatal = problems.filter((m) => !m.includes('must NOT have additional properties'));
			if (fatal.length) return this.badRequest(req, operationId, { body: fatal });
		} else if (req.body.length > 0 && req.method !== 'GET') {
			this.violation(operationId, 'request', 'the operation takes no request body');
		}
		if (parsed.errors.length)
			return this.badRequest(req, operationId, { parameters: parsed.errors });

		let principal: Principal | undefined;
		if (entry.api !== 'metadata') {
			const auth = await authenticate(
				this.ctx,
				req,
				['maskinporten', 'idporten', 'altinn'],
				CLOCK_SKEW_SECONDS.dialogporten,
			);
			if (!('issuer' in auth)) return auth;
			principal = auth;
			const forbidden = this.checkScopes(operationId, entry.api, principal);
			if (forbidden) {
				this.ctx.counters.increment('dialogporten.forbidden', operationId);
				return forbidden;
			}
		}
		const languages = parseAcceptLanguage(header(req, 'accept-language'));
		return entry.handle(
			new Operation(this.state, operationId, req, principal, parsed.query, body, languages),
		);
	}

	/**
	 * Scope and identity checks. Missing scopes give 403 (an authenticated caller failing an
	 * authorization policy; the document's 401 texts name the scopes, the status for a valid token
	 * with the wrong scopes is unconfirmed).
	 */
	private checkScopes(operationId: OperationId, api: Api, p: Principal): Response | undefined {
		const has = (s: string) => p.scopes.has(s);
		if (api === 'enduser') {
			if (!SCOPES.enduser.some(has)) return empty(403);
			if (!p.person && !p.systemUser) return empty(403);
			return undefined;
		}
		if (
			!SCOPES.serviceowner.some(has) &&
			!(
				operationId.includes('NotificationCondition') &&
				has('altinn:system/notifications.condition.check')
			)
		)
			return empty(403);
		if (
			(operationId === 'V1ServiceOwnerDialogsQueriesSearch_Dialog' ||
				operationId === 'V1ServiceOwnerDialogsQueriesSearchEndUserContext_DialogEndUserContext') &&
			!has(SCOPES.search)
		)
			return empty(403);
		if (
			operationId === 'V1ServiceOwnerDialogsCommandsUpdateTransmission_DialogTransmission' &&
			!has(SCOPES.changeTransmissions)
		)
			return empty(403);
		if (!p.serviceOwnerCode) return empty(403);
		return undefined;
	}

	private badRequest(
		req: Request,
		operationId: OperationId,
		errors: Record<string, string[]>,
	): Response {
		const contentType =
			operationId === 'V1ServiceOwnerDialogsPatchDialog'
				? 'application/json'
				: 'application/problem+json';
		const declared = this.ctx.spec.operation(operationId).responses['400'];
		if (!declared) return empty(400);
		return problem(req, 400, undefined, { errors, contentType });
	}
}
