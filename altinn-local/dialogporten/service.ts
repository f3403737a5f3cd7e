// Dialogporten: all 44 operations of swagger.verified.json, served under `/dialogporten` and
// `/platform/dialogporten`. Each operation is registered from the OpenAPI document itself (method,
// path, parameters), so a request is parsed and validated the way the document declares it, and
// every response is validated against the document before it leaves (violations are recorded).
import {
	authenticate,
	canAccess,
	endUserActorId,
	endUserName,
	endUserParties,
	personByPid,
	serviceOwnerOrgNumbers,
	type PartyGrant,
	type Principal,
} from '../auth';
import type { Context } from '../context';
import {
	orgUrn,
	organizations,
	personUrn,
	resources as fixtureResources,
	systemUsers,
} from '../fixtures';
import {
	bodyJson,
	empty,
	header,
	json,
	problem,
	type Request,
	type Response,
	type Router,
} from '../http';
import { publicJwk } from '../tokens';
import { issuerKeys } from '../fixtures';
import {
	Errors,
	buildActivity,
	buildApiActions,
	buildAttachments,
	buildContent,
	buildGuiActions,
	buildTransmission,
	outputStatus,
	partyError,
	actorFrom,
} from './commands';
import {
	StoredDialog,
	iso,
	uuidv4,
	uuidv7,
	type Activity,
	type Schemas,
	type SystemLabel,
	type Transmission,
} from './model';
import { PatchError, applyPatch, type PatchOperation } from './patch';
import { seedDialogs, seedMatches } from './seed';
import { DialogStore, decodeContinuationToken, orderByString, parseOrderBy } from './store';
import {
	activitySuperset,
	dialogDetailsSuperset,
	dialogSearchSuperset,
	parseAcceptLanguage,
	pruneLocalizations,
	seenEntrySuperset,
	serviceResourceItem,
	shape,
	transmissionSuperset,
	type Viewer,
} from './views';

export interface DialogEventInput {
	type: string;
	dialog: StoredDialog;
	/** Path below `/api/v1/enduser/dialogs/{id}` for activity and transmission events. */
	subPath?: string;
	data?: Record<string, unknown>;
	/** Event id; defaults to a new UUID (seen events use the seen-log id). */
	id?: string;
}

export type DialogEventSink = (event: DialogEventInput) => void;

type Api = 'enduser' | 'serviceowner' | 'metadata';

interface OpContext {
	req: Request;
	principal?: Principal;
	query: Record<string, unknown>;
	body: unknown;
	operationId: string;
	languages: ReturnType<typeof parseAcceptLanguage>;
}

type OpHandler = (c: OpContext) => Promise<Response> | Response;

export const LIMITS = {
	endUserSearch: {
		maxPartyFilterValues: 20,
		maxServiceResourceFilterValues: 20,
		maxOrgFilterValues: 20,
		maxExtendedStatusFilterValues: 20,
	},
	serviceOwnerSearch: {
		maxPartyFilterValues: 20,
		maxServiceResourceFilterValues: 20,
		maxExtendedStatusFilterValues: 20,
	},
};
const MAX_BULK_DIALOGS = 100;

const SCOPES = {
	enduser: ['digdir:dialogporten', 'digdir:dialogporten.noconsent'],
	serviceowner: ['digdir:dialogporten.serviceprovider'],
	search: 'digdir:dialogporten.serviceprovider.search',
	changeTransmissions: 'digdir:dialogporten.serviceprovider.changetransmissions',
};

/**
 * Statuses an operation answers with although the document does not declare them, because the
 * documentation says so. The delete operation's description: "If end users attempt to access the
 * dialog via the details endpoint, they will get a 410 Gone response", but the end-user GET declares
 * no 410. The stand-in follows the description (with no body, like every undeclared-body 410).
 */
const DOCUMENTED_UNDECLARED: Record<string, number[]> = {
	V1EndUserDialogsQueriesGet_Dialog: [410],
};

export class Dialogporten {
	readonly store = new DialogStore();
	private events: DialogEventSink = () => undefined;

	constructor(private readonly ctx: Context) {}

	onEvent(sink: DialogEventSink): void {
		this.events = sink;
	}

	seed(count: number, seed?: number): void {
		if (count > 0) this.store.addMany(seedDialogs(count, this.ctx.baseUrl, seed));
	}

	// ---- routing ----------------------------------------------------------------------------

	register(router: Router): void {
		const ops: Record<string, [Api, OpHandler]> = {
			V1WellKnownJwksGet_Jwks: ['metadata', () => this.jwks()],
			V1WellKnownOauthAuthorizationServerGet_OauthAuthorizationServer: [
				'metadata',
				() => this.oauthMetadata(),
			],
			V1MetadataLimitsGet_Limits: [
				'metadata',
				() => json(200, shape('V1MetadataLimitsQueriesGet_Limits', LIMITS)),
			],
			V1MetadataServiceResourcesGet_ServiceResourceMetadata: [
				'metadata',
				(c) => this.metadataServiceResources(c),
			],
			V1EndUserDialogLookupQueriesGet_DialogLookup: ['enduser', (c) => this.lookup(c, true)],
			V1EndUserDialogsQueriesSearch_Dialog: ['enduser', (c) => this.euSearch(c)],
			V1EndUserDialogsQueriesGet_Dialog: ['enduser', (c) => this.euGet(c)],
			V1EndUserDialogsQueriesSearchActivities_DialogActivity: [
				'enduser',
				(c) => this.euActivities(c),
			],
			V1EndUserDialogsQueriesGetActivity_DialogActivity: ['enduser', (c) => this.euActivity(c)],
			V1EndUserEndUserContextQueriesSearchLabelAssignmentLogs_DialogLabelAssignmentLog: [
				'enduser',
				(c) => this.euLabelLog(c),
			],
			V1EndUserEndUserContextCommandsSetSystemLabel_SetDialogSystemLabels: [
				'enduser',
				(c) => this.euSetLabels(c),
			],
			V1EndUserDialogsQueriesSearchSeenLogs_DialogSeenLog: ['enduser', (c) => this.euSeenLogs(c)],
			V1EndUserDialogsQueriesGetSeenLog_DialogSeenLog: ['enduser', (c) => this.euSeenLog(c)],
			V1EndUserDialogsQueriesSearchTransmissions_DialogTransmission: [
				'enduser',
				(c) => this.euTransmissions(c),
			],
			V1EndUserDialogsQueriesGetTransmission_DialogTransmission: [
				'enduser',
				(c) => this.euTransmission(c),
			],
			V1EndUserEndUserContextCommandsBulkSetSystemLabels_BulkSetDialogSystemLabels: [
				'enduser',
				(c) => this.bulkSetLabels(c, true),
			],
			V1EndUserAccessManagementQueriesGetParties_Parties: ['enduser', (c) => this.parties(c)],
			V1EndUserServiceResourcesSearch_AuthorizedServiceResources: [
				'enduser',
				(c) => this.euServiceResources(c),
			],
			V1ServiceOwnerDialogLookupQueriesGet_DialogLookup: [
				'serviceowner',
				(c) => this.lookup(c, false),
			],
			V1ServiceOwnerDialogsQueriesSearch_Dialog: ['serviceowner', (c) => this.soSearch(c)],
			V1ServiceOwnerDialogsCommandsCreate_Dialog: ['serviceowner', (c) => this.soCreate(c)],
			V1ServiceOwnerDialogsCommandsDelete_Dialog: ['serviceowner', (c) => this.soDelete(c)],
			V1ServiceOwnerDialogsQueriesGet_Dialog: ['serviceowner', (c) => this.soGet(c)],
			V1ServiceOwnerDialogsPatchDialog: ['serviceowner', (c) => this.soPatch(c)],
			V1ServiceOwnerDialogsCommandsUpdate_Dialog: ['serviceowner', (c) => this.soUpdate(c)],
			V1ServiceOwnerDialogsCommandsFreeze_FreezeDialog: ['serviceowner', (c) => this.soFreeze(c)],
			V1ServiceOwnerDialogsCommandsPurge_Dialog: ['serviceowner', (c) => this.soPurge(c)],
			V1ServiceOwnerDialogsCommandsRestore_Dialog: ['serviceowner', (c) => this.soRestore(c)],
			V1ServiceOwnerDialogsQueriesNotificationCondition_NotificationCondition: [
				'serviceowner',
				(c) => this.soNotificationCondition(c),
			],
			V1ServiceOwnerDialogsQueriesSearchActivities_DialogActivity: [
				'serviceowner',
				(c) => this.soActivities(c),
			],
			V1ServiceOwnerDialogsCommandsCreateActivity_DialogActivity: [
				'serviceowner',
				(c) => this.soCreateActivity(c),
			],
			V1ServiceOwnerDialogsQueriesGetActivity_DialogActivity: [
				'serviceowner',
				(c) => this.soActivity(c),
			],
			V1ServiceOwnerServiceOwnerContextQueriesGetServiceOwnerLabel_ServiceOwnerLabel: [
				'serviceowner',
				(c) => this.soLabels(c),
			],
			V1ServiceOwnerServiceOwnerContextCommandsCreateServiceOwnerLabel_ServiceOwnerLabel: [
				'serviceowner',
				(c) => this.soCreateLabel(c),
			],
			V1ServiceOwnerServiceOwnerContextCommandsDeleteServiceOwnerLabel_ServiceOwnerLabel: [
				'serviceowner',
				(c) => this.soDeleteLabel(c),
			],
			V1ServiceOwnerEndUserContextCommandsSetSystemLabel_SetDialogSystemLabels: [
				'serviceowner',
				(c) => this.soSetLabels(c),
			],
			V1ServiceOwnerDialogsQueriesSearchSeenLogs_DialogSeenLog: [
				'serviceowner',
				(c) => this.soSeenLogs(c),
			],
			V1ServiceOwnerDialogsQueriesGetSeenLog_DialogSeenLog: [
				'serviceowner',
				(c) => this.soSeenLog(c),
			],
			V1ServiceOwnerDialogsQueriesSearchTransmissions_DialogTransmission: [
				'serviceowner',
				(c) => this.soTransmissions(c),
			],
			V1ServiceOwnerDialogsCommandsCreateTransmission_DialogTransmission: [
				'serviceowner',
				(c) => this.soCreateTransmission(c),
			],
			V1ServiceOwnerDialogsQueriesGetTransmission_DialogTransmission: [
				'serviceowner',
				(c) => this.soTransmission(c),
			],
			V1ServiceOwnerDialogsCommandsUpdateTransmission_DialogTransmission: [
				'serviceowner',
				(c) => this.soUpdateTransmission(c),
			],
			V1ServiceOwnerDialogsQueriesSearchEndUserContext_DialogEndUserContext: [
				'serviceowner',
				(c) => this.soEndUserContextSearch(c),
			],
			V1ServiceOwnerEndUserContextCommandsBulkSetSystemLabels_BulkSetDialogSystemLabels: [
				'serviceowner',
				(c) => this.bulkSetLabels(c, false),
			],
		};
		for (const info of this.ctx.spec.operations.values()) {
			const entry = ops[info.operationId];
			if (!entry) throw new Error(`No handler for ${info.operationId}`);
			const [api, handler] = entry;
			const wrapped = (req: Request) => this.run(info.operationId, api, handler, req);
			router.add(info.method, `/dialogporten${info.path}`, wrapped);
			router.add(info.method, `/platform/dialogporten${info.path}`, wrapped);
		}
	}

	private violation(operationId: string, direction: 'request' | 'response', message: string): void {
		this.ctx.specViolations.push({ operationId, direction, message });
		this.ctx.log(`spec violation (${direction}) ${operationId}: ${message}`);
	}

	private async run(
		operationId: string,
		api: Api,
		handler: OpHandler,
		req: Request,
	): Promise<Response> {
		this.ctx.counters.increment('dialogporten.operations', operationId);
		const response = await this.dispatch(operationId, api, handler, req);
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
		operationId: string,
		api: Api,
		handler: OpHandler,
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
		if (api !== 'metadata') {
			const auth = await authenticate(this.ctx, req, ['maskinporten', 'idporten', 'altinn']);
			if (!('issuer' in auth)) return auth;
			principal = auth;
			const forbidden = this.checkScopes(operationId, api, principal);
			if (forbidden) {
				this.ctx.counters.increment('dialogporten.forbidden', operationId);
				return forbidden;
			}
		}
		const languages = parseAcceptLanguage(header(req, 'accept-language'));
		return handler({ req, principal, query: parsed.query, body, operationId, languages });
	}

	/**
	 * Scope and identity checks. Missing scopes give 403 (an authenticated caller failing an
	 * authorization policy; the document's 401 texts name the scopes, the status for a valid token
	 * with the wrong scopes is unconfirmed).
	 */
	private checkScopes(operationId: string, api: Api, p: Principal): Response | undefined {
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
		operationId: string,
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

	private problemFor(
		c: OpContext,
		status: number,
		detail: string,
		errors?: Record<string, string[]>,
	): Response {
		const declared = this.ctx.spec.operation(c.operationId).responses[String(status)];
		if (!declared || declared.contentTypes.length === 0) return empty(status);
		return problem(c.req, status, detail, { errors, contentType: declared.contentTypes[0] });
	}

	// ---- shared helpers ---------------------------------------------------------------------

	private grants(p: Principal): PartyGrant[] {
		return endUserParties(p);
	}

	private viewerFor(p: Principal): Viewer {
		return { grants: this.grants(p), actorId: endUserActorId(p), endUser: true };
	}

	private isGone(d: StoredDialog): boolean {
		return d.deletedAt !== undefined || (d.expiresAt !== undefined && d.expiresAt < Date.now());
	}

	/** An end user's dialog: 404 if missing or not yet visible, 410 if deleted/expired, 403 if not authorized. */
	private euDialog(c: OpContext): StoredDialog | Response {
		const d = this.store.get(c.req.params.dialogId);
		if (!d || (d.visibleFrom !== undefined && d.visibleFrom > Date.now()))
			return this.problemFor(c, 404, `Dialog with key '${c.req.params.dialogId}' was not found.`);
		if (!canAccess(this.grants(c.principal!), d.party, d.serviceResource)) return empty(403);
		if (this.isGone(d)) {
			const declared =
				this.ctx.spec.operation(c.operationId).responses['410'] ||
				DOCUMENTED_UNDECLARED[c.operationId]?.includes(410);
			return declared
				? empty(410)
				: this.problemFor(c, 404, `Dialog with key '${d.id}' was not found.`);
		}
		return d;
	}

	/** A service owner's dialog: 404 if missing, 403 if owned by another service owner. */
	private soDialog(
		c: OpContext,
		opts: { allowDeleted?: boolean; write?: boolean } = {},
	): StoredDialog | Response {
		const d = this.store.get(c.req.params.dialogId);
		if (!d)
			return this.problemFor(c, 404, `Dialog with key '${c.req.params.dialogId}' was not found.`);
		if (d.org !== c.principal!.serviceOwnerCode) return empty(403);
		if (d.deletedAt !== undefined && !opts.allowDeleted) {
			return this.ctx.spec.operation(c.operationId).responses['410']
				? this.problemFor(
						c,
						410,
						`Entity 'Dialog' with key '${d.id}' is removed, and cannot be changed.`,
					)
				: this.problemFor(c, 404, `Dialog with key '${d.id}' was not found.`);
		}
		if (opts.write && d.frozen) return empty(403);
		return d;
	}

	/** 412 when an If-Match header is given and does not match `current`. */
	private ifMatch(c: OpContext, current: string): Response | undefined {
		const value = header(c.req, 'if-match');
		if (value === undefined || value === '') return undefined;
		if (value.toLowerCase() !== current.toLowerCase()) {
			return this.problemFor(
				c,
				412,
				'The supplied If-Match header did not match the current Revision value for the dialog. The request was not applied.',
			);
		}
		return undefined;
	}

	private ok<K extends keyof Schemas>(c: OpContext, schema: K, superset: unknown): Response {
		return json(200, shape(schema, pruneLocalizations(superset, c.languages)));
	}

	private okArray<K extends keyof Schemas>(
		c: OpContext,
		schema: K,
		supersets: unknown[],
	): Response {
		return json(
			200,
			supersets.map((s) => shape(schema, pruneLocalizations(s, c.languages))),
		);
	}

	private changed(d: StoredDialog, opts: { content?: boolean; at?: number } = {}): void {
		const now = opts.at ?? Date.now();
		d.updatedAt = Math.max(now, d.updatedAt + 1);
		if (opts.content) d.contentUpdatedAt = d.updatedAt;
		d.revision = uuidv4();
		this.store.touched();
	}

	private emit(
		type: string,
		d: StoredDialog,
		subPath?: string,
		data?: Record<string, unknown>,
		id?: string,
	): void {
		const base: Record<string, unknown> = {};
		if (d.process) base.process = d.process;
		if (d.precedingProcess) base.precedingProcess = d.precedingProcess;
		const merged = { ...data, ...base };
		this.events({
			type,
			dialog: d,
			subPath,
			data: Object.keys(merged).length ? merged : undefined,
			id,
		});
	}

	private emitActivity(d: StoredDialog, a: Activity): void {
		const names: Record<string, string> = {
			DialogCreated: 'created',
			DialogClosed: 'closed',
			Information: 'information',
			TransmissionOpened: 'transmission-opened',
			PaymentMade: 'payment-made',
			SignatureProvided: 'signature-provided',
			DialogOpened: 'dialog-opened',
			DialogDeleted: 'dialog-deleted',
			DialogRestored: 'dialog-restored',
			SentToSigning: 'sent-to-signing',
			SentToFormFill: 'sent-to-form-fill',
			SentToSendIn: 'sent-to-send-in',
			SentToPayment: 'sent-to-payment',
			FormSubmitted: 'form-submitted',
			FormSaved: 'form-saved',
			CorrespondenceOpened: 'correspondence-opened',
			CorrespondenceConfirmed: 'correspondence-confirmed',
		};
		const data: Record<string, unknown> = { activityId: a.id };
		if (a.extendedType) data.extendedActivityType = a.extendedType;
		this.emit(`dialogporten.dialog.activity.${names[a.type]}.v1`, d, `/activities/${a.id}`, data);
	}

	private emitTransmission(d: StoredDialog, t: Transmission): void {
		this.emit('dialogporten.dialog.transmission.created.v1', d, `/transmissions/${t.id}`, {
			senderType: t.sender.actorType,
		});
	}

	/** Appends an activity created outside the API (the correspondence system confirming, tests). */
	addActivity(
		d: StoredDialog,
		activity: Omit<Activity, 'id' | 'createdAt'> & { id?: string; createdAt?: number },
	): Activity {
		const now = Date.now();
		const a: Activity = {
			...activity,
			id: activity.id ?? uuidv7(now),
			createdAt: activity.createdAt ?? now,
		};
		d.details.activities.push(a);
		this.changed(d);
		this.emit('dialogporten.dialog.updated.v1', d);
		this.emitActivity(d, a);
		return a;
	}

	// ---- metadata ---------------------------------------------------------------------------

	private jwks(): Response {
		const { kty, crv, x, kid, alg, use } = publicJwk(issuerKeys.dialogporten);
		return json(
			200,
			shape('V1WellKnownJwksQueriesGet_Jwks', { keys: [{ kty, crv, x, kid, alg, use }] }),
		);
	}

	private oauthMetadata(): Response {
		return json(
			200,
			shape('V1WellKnownOauthAuthorizationServerQueriesGet_OauthAuthorizationServer', {
				issuer: this.ctx.tokens.issuers.dialogporten,
				jwks_uri: `${this.ctx.baseUrl}/dialogporten/api/v1/.well-known/jwks.json`,
			}),
		);
	}

	private metadataServiceResources(c: OpContext): Response {
		const items = Object.values(fixtureResources).map((r) =>
			serviceResourceItem(r.urn, this.ctx.baseUrl),
		);
		return this.ok(c, 'V1MetadataServiceResourcesQueriesGet_ServiceResourceMetadata', { items });
	}

	// ---- end user -----------------------------------------------------------------------------

	private parties(c: OpContext): Response {
		const p = c.principal!;
		const orgParty = (orgNumber: string, extra: Record<string, unknown>) => {
			const org = Object.values(organizations).find((o) => o.orgNumber === orgNumber);
			return {
				party: orgUrn(orgNumber),
				partyUuid: org?.partyUuid ?? uuidv4(),
				partyId: org?.partyId ?? 0,
				name: org?.name ?? orgNumber,
				partyType: 'Organization',
				isDeleted: false,
				hasOnlyAccessToSubParties: false,
				isCurrentEndUser: false,
				subParties: [],
				...extra,
			};
		};
		let authorizedParties: unknown[];
		if (p.person) {
			const person = p.person;
			authorizedParties = [
				{
					party: personUrn(person.pid),
					partyUuid: person.partyUuid,
					partyId: person.partyId,
					name: person.name,
					partyType: 'Person',
					dateOfBirth: person.dateOfBirth,
					isDeleted: false,
					hasKeyRole: false,
					isMainAdministrator: false,
					isAccessManager: true,
					isCurrentEndUser: true,
					hasOnlyAccessToSubParties: false,
					subParties: [],
				},
				...person.access.map((a) =>
					orgParty(a.party.split(':').pop() as string, {
						hasKeyRole: a.hasKeyRole,
						isMainAdministrator: a.isMainAdministrator,
						isAccessManager: a.isAccessManager,
					}),
				),
			];
		} else {
			authorizedParties = [
				orgParty(p.systemUser!.ownerOrg, {
					hasKeyRole: false,
					isMainAdministrator: false,
					isAccessManager: false,
				}),
			];
		}
		return this.ok(c, 'V1AccessManagementQueriesGetParties_Parties', { authorizedParties });
	}

	private euServiceResources(c: OpContext): Response {
		const grants = this.grants(c.principal!);
		const parties = (c.query.party as string[] | undefined) ?? grants.map((g) => g.party);
		const ids = new Set<string>();
		for (const party of parties) {
			const g = grants.find((x) => x.party === party);
			if (!g) continue;
			for (const r of Object.values(fixtureResources))
				if (g.resources === '*' || g.resources.includes(r.urn)) ids.add(r.urn);
		}
		const items = [...ids].map((id) => serviceResourceItem(id, this.ctx.baseUrl));
		return this.ok(c, 'V1EndUserServiceResourcesQueriesSearch_AuthorizedServiceResources', {
			items,
			isFullCatalogueFallback: false,
		});
	}

	private lookup(c: OpContext, endUser: boolean): Response {
		const ref = String(c.query.instanceRef ?? '');
		const m =
			/^urn:altinn:dialog-id:([0-9a-f-]{36})$/i.exec(ref) ??
			/^urn:altinn:correspondence-id:([0-9a-f-]{36})$/i.exec(ref) ??
			/^urn:altinn:instance-id:(\d+)\/([0-9a-f-]{36})$/i.exec(ref);
		if (!m)
			return this.problemFor(
				c,
				400,
				'InstanceRef must be urn:altinn:dialog-id:{uuid}, urn:altinn:correspondence-id:{uuid} or urn:altinn:instance-id:{partyId}/{uuid}.',
				{ instanceRef: ['Invalid instance reference.'] },
			);
		const id = ref.startsWith('urn:altinn:instance-id:') ? undefined : m[1].toLowerCase();
		const d = id ? this.store.get(id) : undefined;
		if (
			!d ||
			(ref.startsWith('urn:altinn:correspondence-id:') &&
				!d.details.apiActions.some((a) =>
					a.endpoints.some((e) => e.url.includes(`/correspondence/api/v1/correspondence/${d.id}/`)),
				))
		) {
			return this.problemFor(c, 404, `No dialog found for instance reference '${ref}'.`);
		}
		const resource = Object.values(fixtureResources).find((r) => r.urn === d.serviceResource);
		const owner = serviceOwnerOrgNumbers.get(d.org);
		const base = {
			dialogId: d.id,
			instanceRef: ref.startsWith('urn:altinn:dialog-id:') ? `urn:altinn:dialog-id:${d.id}` : ref,
			party: d.party,
			title: d.details.content?.title.value,
			nonSensitiveTitle: d.details.content?.nonSensitiveTitle?.value,
			serviceResource: {
				id: d.serviceResource,
				isDelegable: resource?.isDelegable ?? false,
				minimumAuthenticationLevel: resource?.minimumAuthenticationLevel ?? 3,
				name: resource
					? [
							{ languageCode: 'nb', value: resource.name.nb },
							{ languageCode: 'nn', value: resource.name.nn },
							{ languageCode: 'en', value: resource.name.en },
						]
					: [],
			},
			serviceOwner: {
				code: d.org,
				orgNumber: owner ?? '',
				name: [
					{
						languageCode: 'nb',
						value: Object.values(organizations).find((o) => o.orgNumber === owner)?.name ?? d.org,
					},
				],
			},
		};
		if (endUser) {
			if (d.deletedAt !== undefined)
				return this.problemFor(c, 404, `No dialog found for instance reference '${ref}'.`);
			const grant = canAccess(this.grants(c.principal!), d.party, d.serviceResource);
			if (!grant) return empty(403);
			return this.ok(c, 'V1CommonIdentifierLookup_EndUserIdentifierLookup', {
				...base,
				authorizationEvidence: {
					currentAuthenticationLevel: c.principal!.authLevel,
					viaRole: grant.viaRole,
					viaAccessPackage: false,
					viaResourceDelegation: !grant.viaRole,
					viaInstanceDelegation: false,
					evidence: grant.viaRole
						? grant.roles.map((role) => ({
								grantType: 'Role',
								subject: `urn:altinn:rolecode:${role}`,
								name: [{ languageCode: 'nb', value: role }],
								links: {
									metadata: `${this.ctx.baseUrl}/accessmanagement/api/v1/meta/roles/${role}`,
								},
							}))
						: [{ grantType: 'ResourceDelegation', subject: d.serviceResource }],
				},
			});
		}
		if (d.org !== c.principal!.serviceOwnerCode) return empty(403);
		return this.ok(c, 'V1CommonIdentifierLookup_ServiceOwnerIdentifierLookup', base);
	}

	private euSearch(c: OpContext): Response {
		const q = c.query;
		const grants = this.grants(c.principal!);
		const tooMany = this.limitErrors(q, LIMITS.endUserSearch, [
			'party',
			'serviceResource',
			'org',
			'extendedStatus',
		]);
		if (tooMany) return this.problemFor(c, 400, 'Too many filter values.', tooMany);
		let parties = grants;
		if (Array.isArray(q.party) && q.party.length) {
			const wanted = new Set(q.party as string[]);
			parties = grants.filter((g) => wanted.has(g.party));
			if (parties.length === 0) return empty(403);
		}
		const viewer = this.viewerFor(c.principal!);
		const now = Date.now();
		const partyMap = new Map(parties.map((g) => [g.party, g]));
		const filter = this.commonFilter(c);
		if (typeof filter === 'string') return this.problemFor(c, 400, filter, { search: [filter] });
		const orgs = Array.isArray(q.org) && q.org.length ? new Set(q.org as string[]) : undefined;
		const predicate = (d: StoredDialog) => {
			const g = partyMap.get(d.party);
			if (!g || !(g.resources === '*' || g.resources.includes(d.serviceResource))) return false;
			if (d.deletedAt !== undefined) return false;
			if (d.visibleFrom !== undefined && d.visibleFrom > now) return false;
			if (d.expiresAt !== undefined && d.expiresAt < now) return false;
			if (orgs && !orgs.has(d.org)) return false;
			if (q.isContentSeen !== undefined && this.seenBy(d, viewer.actorId) !== q.isContentSeen)
				return false;
			return filter(d);
		};
		const candidates: StoredDialog[] = [];
		for (const g of parties) for (const d of this.store.forParty(g.party)) candidates.push(d);
		return this.paged(
			c,
			predicate,
			candidates,
			(d) => dialogSearchSuperset(d, viewer),
			'V1EndUserDialogsQueriesSearch_Dialog',
			'PaginatedListOfV1EndUserDialogsQueriesSearch_Dialog',
		);
	}

	private seenBy(d: StoredDialog, actorId: string | undefined): boolean {
		if (d.systemLabels.includes('MarkedAsUnopened')) return false;
		return d.seenLog.some(
			(s) => s.seenAt >= d.contentUpdatedAt && (actorId === undefined || s.actorId === actorId),
		);
	}

	private limitErrors(
		q: Record<string, unknown>,
		limits: Record<string, number>,
		params: string[],
	): Record<string, string[]> | undefined {
		for (const p of params) {
			const key = `max${p.charAt(0).toUpperCase()}${p.slice(1)}FilterValues`;
			const max = limits[key];
			const v = q[p];
			if (max !== undefined && Array.isArray(v) && v.length > max)
				return { [p]: [`Maximum ${max} values allowed for '${p}'.`] };
		}
		return undefined;
	}

	/** Filters shared by the end-user and service-owner searches. Returns an error text on bad input. */
	private commonFilter(c: OpContext): ((d: StoredDialog) => boolean) | string {
		const q = c.query;
		const set = (name: string) =>
			Array.isArray(q[name]) && (q[name] as unknown[]).length
				? new Set(q[name] as string[])
				: undefined;
		const time = (name: string) =>
			typeof q[name] === 'string' ? Date.parse(q[name] as string) : undefined;
		const serviceResource = set('serviceResource');
		const extendedStatus = set('extendedStatus');
		const status = set('status');
		const systemLabel = set('systemLabel');
		const externalReference = q.externalReference as string | undefined;
		const process = q.process as string | undefined;
		const createdAfter = time('createdAfter');
		const createdBefore = time('createdBefore');
		const updatedAfter = time('updatedAfter');
		const updatedBefore = time('updatedBefore');
		const contentUpdatedAfter = time('contentUpdatedAfter');
		const contentUpdatedBefore = time('contentUpdatedBefore');
		const dueAfter = time('dueAfter');
		const dueBefore = time('dueBefore');
		const excludeApiOnly = q.excludeApiOnly === true;
		const search = typeof q.search === 'string' ? q.search.trim().toLowerCase() : undefined;
		if (search !== undefined && search.length < 3)
			return 'Search string must be at least 3 characters long.';
		const searchLanguage =
			typeof q.searchLanguageCode === 'string'
				? q.searchLanguageCode.toLowerCase().split('-')[0]
				: undefined;
		for (const [a, b] of [
			[createdAfter, createdBefore],
			[updatedAfter, updatedBefore],
			[contentUpdatedAfter, contentUpdatedBefore],
			[dueAfter, dueBefore],
		]) {
			if (a !== undefined && b !== undefined && a > b)
				return 'An "after" date must be earlier than the matching "before" date.';
		}
		return (d: StoredDialog) => {
			if (serviceResource && !serviceResource.has(d.serviceResource)) return false;
			if (extendedStatus && (!d.extendedStatus || !extendedStatus.has(d.extendedStatus)))
				return false;
			if (status && !status.has(d.status)) return false;
			if (systemLabel && !d.systemLabels.some((l) => systemLabel.has(l))) return false;
			if (externalReference !== undefined && d.externalReference !== externalReference)
				return false;
			if (process !== undefined && d.process !== process) return false;
			if (createdAfter !== undefined && d.createdAt < createdAfter) return false;
			if (createdBefore !== undefined && d.createdAt > createdBefore) return false;
			if (updatedAfter !== undefined && d.updatedAt < updatedAfter) return false;
			if (updatedBefore !== undefined && d.updatedAt > updatedBefore) return false;
			if (contentUpdatedAfter !== undefined && d.contentUpdatedAt < contentUpdatedAfter)
				return false;
			if (contentUpdatedBefore !== undefined && d.contentUpdatedAt > contentUpdatedBefore)
				return false;
			if (dueAfter !== undefined && (d.dueAt === undefined || d.dueAt < dueAfter)) return false;
			if (dueBefore !== undefined && (d.dueAt === undefined || d.dueAt > dueBefore)) return false;
			if (excludeApiOnly && d.isApiOnly) return false;
			if (search !== undefined && !this.matchesText(d, search, searchLanguage)) return false;
			return true;
		};
	}

	private matchesText(d: StoredDialog, search: string, language?: string): boolean {
		if (d.lazy) return seedMatches(d.seedIndex!, search, language);
		const texts: Array<{ languageCode: string; value: string }> = [];
		{
			const details = d.details;
			for (const v of Object.values(details.content ?? {})) if (v) texts.push(...v.value);
			for (const t of details.transmissions)
				if (t.content) texts.push(...t.content.title.value, ...(t.content.summary?.value ?? []));
			for (const tag of details.searchTags) texts.push({ languageCode: '', value: tag });
		}
		return texts.some(
			(t) =>
				(!language ||
					t.languageCode === '' ||
					t.languageCode.toLowerCase().split('-')[0] === language) &&
				t.value.toLowerCase().includes(search),
		);
	}

	private paged<K extends keyof Schemas, L extends keyof Schemas>(
		c: OpContext,
		predicate: (d: StoredDialog) => boolean,
		candidates: StoredDialog[] | undefined,
		toSuperset: (d: StoredDialog) => unknown,
		itemSchema: K,
		pageSchema: L,
	): Response {
		const q = c.query;
		const limit = q.limit === undefined ? 100 : Number(q.limit);
		if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
			return this.problemFor(c, 400, 'Limit must be between 1 and 1000.', {
				limit: ['Limit must be between 1 and 1000.'],
			});
		const terms = parseOrderBy(q.orderBy as string | undefined);
		if (typeof terms === 'string') return this.problemFor(c, 400, terms, { orderBy: [terms] });
		let cursor;
		if (typeof q.continuationToken === 'string' && q.continuationToken !== '') {
			cursor = decodeContinuationToken(q.continuationToken, terms);
			if (!cursor)
				return this.problemFor(c, 400, 'Invalid continuation token.', {
					continuationToken: [
						'Invalid continuation token; it must come from a response with the same orderBy.',
					],
				});
		}
		const page = this.store.page(terms, predicate, limit, cursor, candidates);
		const items = page.items.map((d) =>
			shape(itemSchema, pruneLocalizations(toSuperset(d), c.languages)),
		);
		return json(
			200,
			shape(pageSchema, {
				items,
				hasNextPage: page.hasNextPage,
				continuationToken: page.continuationToken,
				orderBy: orderByString(terms),
			}),
		);
	}

	private async euGet(c: OpContext): Promise<Response> {
		const d = this.euDialog(c);
		if (!(d instanceof StoredDialog)) return d;
		const p = c.principal!;
		const actorId = endUserActorId(p)!;
		const now = Date.now();
		// A details read counts as "seen": one seen-log entry per actor per dialog update.
		if (!d.seenLog.some((s) => s.actorId === actorId && s.seenAt >= d.updatedAt)) {
			const entry = {
				id: uuidv7(now),
				seenAt: Math.max(now, d.updatedAt),
				actorId,
				actorName: endUserName(p),
				isViaServiceOwner: false,
			};
			d.seenLog = [...d.seenLog, entry];
			this.emit('dialogporten.dialog.seen.v1', d, undefined, undefined, entry.id);
		}
		const viewer = this.viewerFor(p);
		const superset = dialogDetailsSuperset(d, viewer);
		superset.dialogToken = await this.dialogToken(d, p, viewer);
		return this.ok(c, 'V1EndUserDialogsQueriesGet_Dialog', superset);
	}

	/**
	 * The dialog token: an EdDSA JWT verifiable with the well-known JWKS. Claim names follow
	 * Dialogporten's dialog token (c: authenticated party, l: authentication level, p: dialog party,
	 * s: service resource, i: dialog id, a: authorized actions); the references do not list them.
	 */
	async dialogToken(d: StoredDialog, p: Principal, viewer: Viewer): Promise<string> {
		const now = Math.floor(Date.now() / 1000);
		const actions = new Set<string>(['read']);
		const grant = canAccess(viewer.grants ?? [], d.party, d.serviceResource);
		if (grant) {
			for (const g of d.details.guiActions) actions.add(g.action);
			for (const a of d.details.apiActions) actions.add(a.action);
		}
		const claims: Record<string, unknown> = {
			c: endUserActorId(p),
			l: p.authLevel,
			p: d.party,
			s: d.serviceResource,
			i: d.id,
			a: [...actions].join(';'),
			nbf: now,
			exp: now + this.ctx.options.lifetimes.dialogToken,
		};
		if (p.claims.supplier) claims.u = (p.claims.supplier as { ID?: string }).ID;
		return this.ctx.tokens.sign('dialogporten', claims);
	}

	private euActivities(c: OpContext): Response {
		const d = this.euDialog(c);
		if (!(d instanceof StoredDialog)) return d;
		return this.okArray(
			c,
			'V1EndUserDialogsQueriesSearchActivities_Activity',
			d.details.activities.map(activitySuperset),
		);
	}

	private euActivity(c: OpContext): Response {
		const d = this.euDialog(c);
		if (!(d instanceof StoredDialog)) return d;
		const a = d.details.activities.find((x) => x.id === c.req.params.activityId);
		if (!a)
			return this.problemFor(
				c,
				404,
				`Activity with key '${c.req.params.activityId}' was not found.`,
			);
		return this.ok(c, 'V1EndUserDialogsQueriesGetActivity_Activity', activitySuperset(a));
	}

	private euLabelLog(c: OpContext): Response {
		const d = this.euDialog(c);
		if (!(d instanceof StoredDialog)) return d;
		return this.okArray(
			c,
			'V1EndUserEndUserContextQueriesSearchLabelAssignmentLog_LabelAssignmentLog',
			d.labelLog.map((l) => ({
				name: l.name,
				action: l.action,
				createdAt: iso(l.createdAt),
				performedBy: l.performedBy,
			})),
		);
	}

	private euSeenLogs(c: OpContext): Response {
		const d = this.euDialog(c);
		if (!(d instanceof StoredDialog)) return d;
		const viewer = this.viewerFor(c.principal!);
		return this.okArray(
			c,
			'V1EndUserDialogsQueriesSearchSeenLogs_SeenLog',
			d.seenLog.map((s) => seenEntrySuperset(s, viewer)),
		);
	}

	private euSeenLog(c: OpContext): Response {
		const d = this.euDialog(c);
		if (!(d instanceof StoredDialog)) return d;
		const s = d.seenLog.find((x) => x.id === c.req.params.seenLogId);
		if (!s)
			return this.problemFor(
				c,
				404,
				`Seen log with key '${c.req.params.seenLogId}' was not found.`,
			);
		return this.ok(
			c,
			'V1EndUserDialogsQueriesGetSeenLog_SeenLog',
			seenEntrySuperset(s, this.viewerFor(c.principal!)),
		);
	}

	private euTransmissions(c: OpContext): Response {
		const d = this.euDialog(c);
		if (!(d instanceof StoredDialog)) return d;
		const viewer = this.viewerFor(c.principal!);
		return this.okArray(
			c,
			'V1EndUserDialogsQueriesSearchTransmissions_Transmission',
			d.details.transmissions.map((t) => transmissionSuperset(d, t, viewer)),
		);
	}

	private euTransmission(c: OpContext): Response {
		const d = this.euDialog(c);
		if (!(d instanceof StoredDialog)) return d;
		const t = d.details.transmissions.find((x) => x.id === c.req.params.transmissionId);
		if (!t)
			return this.problemFor(
				c,
				404,
				`Transmission with key '${c.req.params.transmissionId}' was not found.`,
			);
		return this.ok(
			c,
			'V1EndUserDialogsQueriesGetTransmission_Transmission',
			transmissionSuperset(d, t, this.viewerFor(c.principal!)),
		);
	}

	// ---- system labels ------------------------------------------------------------------------

	/**
	 * Applies add/remove (and the deprecated systemLabels) to a dialog's end-user context. Bin,
	 * Archive and Default are mutually exclusive (the last one given wins); removing Bin or Archive
	 * brings back Default unless Bin or Archive is added at the same time.
	 */
	private applyLabels(
		d: StoredDialog,
		body: {
			addLabels?: SystemLabel[] | null;
			removeLabels?: SystemLabel[] | null;
			systemLabels?: SystemLabel[] | null;
		},
		performedBy: Schemas['V1ServiceOwnerCommonActors_Actor'],
	): void {
		const exclusive: SystemLabel[] = ['Default', 'Bin', 'Archive'];
		const before = new Set(d.systemLabels);
		let labels = new Set(d.systemLabels);
		const add = [...(body.systemLabels ?? []), ...(body.addLabels ?? [])];
		for (const l of body.removeLabels ?? []) labels.delete(l);
		for (const l of add) {
			if (exclusive.includes(l)) for (const e of exclusive) labels.delete(e);
			labels.add(l);
		}
		if (![...labels].some((l) => exclusive.includes(l))) labels.add('Default');
		labels = new Set([...labels]);
		const now = Date.now();
		const log = [...d.labelLog];
		for (const l of labels)
			if (!before.has(l))
				log.push({ name: l, action: 'set', createdAt: now, performedBy: performedBy as never });
		for (const l of before)
			if (!labels.has(l))
				log.push({ name: l, action: 'remove', createdAt: now, performedBy: performedBy as never });
		d.labelLog = log;
		d.systemLabels = [...labels];
		d.endUserContextRevision = uuidv4();
	}

	private euActor(p: Principal): Schemas['V1ServiceOwnerCommonActors_Actor'] {
		return {
			actorType: 'PartyRepresentative',
			actorId: endUserActorId(p),
			actorName: endUserName(p),
		};
	}

	private euSetLabels(c: OpContext): Response {
		const d = this.euDialog(c);
		if (!(d instanceof StoredDialog)) return d;
		const mismatch = this.ifMatch(c, d.endUserContextRevision);
		if (mismatch) return mismatch;
		this.applyLabels(d, c.body as never, this.euActor(c.principal!));
		return empty(204, { Etag: d.endUserContextRevision });
	}

	private bulkSetLabels(c: OpContext, endUser: boolean): Response {
		const body =
			c.body as Schemas['V1EndUserEndUserContextCommandsBulkSetSystemLabels_BulkSetSystemLabel'] & {
				performedBy?: Schemas['V1ServiceOwnerCommonActors_Actor'];
			};
		const entries = body.dialogs ?? [];
		if (entries.length === 0 || entries.length > MAX_BULK_DIALOGS)
			return this.problemFor(c, 400, `Between 1 and ${MAX_BULK_DIALOGS} dialogs must be given.`, {
				dialogs: [`Between 1 and ${MAX_BULK_DIALOGS} dialogs must be given.`],
			});
		let performedBy: Schemas['V1ServiceOwnerCommonActors_Actor'];
		let grants: PartyGrant[];
		if (endUser) {
			grants = this.grants(c.principal!);
			performedBy = this.euActor(c.principal!);
		} else {
			const user = this.endUserFromQuery(c, 'enduserId');
			if (typeof user === 'string') return this.problemFor(c, 400, user, { enduserId: [user] });
			if (!user)
				return this.problemFor(c, 400, 'enduserId is required.', {
					enduserId: ['enduserId is required.'],
				});
			grants = user.grants;
			performedBy = body.performedBy ?? {
				actorType: 'PartyRepresentative',
				actorId: user.actorId,
				actorName: user.name,
			};
		}
		const dialogs: StoredDialog[] = [];
		const missing: string[] = [];
		for (const e of entries) {
			const d = this.store.get(e.dialogId ?? '');
			if (!d || d.deletedAt !== undefined) {
				missing.push(e.dialogId ?? '');
				continue;
			}
			if (!endUser && d.org !== c.principal!.serviceOwnerCode) return empty(403);
			if (!canAccess(grants, d.party, d.serviceResource)) return empty(403);
			if (
				e.endUserContextRevision &&
				e.endUserContextRevision.toLowerCase() !== d.endUserContextRevision
			) {
				return this.problemFor(
					c,
					412,
					`The supplied EndUserContextRevision for dialog ${d.id} did not match the current revision. No labels were changed.`,
				);
			}
			dialogs.push(d);
		}
		if (missing.length)
			return this.problemFor(c, 422, `Dialogs not found: ${missing.join(', ')}`, {
				dialogs: missing.map((m) => `Dialog ${m} was not found.`),
			});
		for (const d of dialogs) this.applyLabels(d, body, performedBy);
		return empty(204);
	}

	/** Resolves `endUserId`/`enduserId` (a person URN) to that person's grants. */
	private endUserFromQuery(
		c: OpContext,
		name: string,
	): { grants: PartyGrant[]; actorId: string; name: string } | string | undefined {
		const raw = (c.query[name] as string | undefined) ?? c.req.query.get(name) ?? undefined;
		if (raw === undefined || raw === '') return undefined;
		const m = /^urn:altinn:person:identifier-no:(\d{11})$/.exec(raw);
		const person = m ? personByPid(m[1]) : undefined;
		if (!person) {
			const su = Object.values(systemUsers).find(
				(s) => raw === `urn:altinn:systemuser:uuid:${s.id}`,
			);
			if (su)
				return {
					grants: [
						{ party: orgUrn(su.ownerOrg), resources: su.resources, roles: [], viaRole: false },
					],
					actorId: raw,
					name: `System user ${su.systemId}`,
				};
			return m
				? `Unknown end user '${raw}'.`
				: `${name} must be a person URN (urn:altinn:person:identifier-no:<national identity number>).`;
		}
		return {
			grants: [
				{ party: personUrn(person.pid), resources: '*', roles: ['PRIV'], viaRole: true },
				...person.access.map((a) => ({
					party: a.party,
					resources: a.resources,
					roles: a.roles,
					viaRole: true,
				})),
			],
			actorId: personUrn(person.pid),
			name: person.name,
		};
	}

	// ---- service owner: queries -----------------------------------------------------------------

	private soViewer(c: OpContext): Viewer | string {
		const user = this.endUserFromQuery(c, 'endUserId');
		if (typeof user === 'string') return user;
		return user
			? { grants: user.grants, actorId: user.actorId, endUser: false }
			: { endUser: false };
	}

	private soSearch(c: OpContext): Response {
		const q = c.query;
		const org = c.principal!.serviceOwnerCode!;
		const tooMany = this.limitErrors(q, LIMITS.serviceOwnerSearch, [
			'party',
			'serviceResource',
			'extendedStatus',
		]);
		if (tooMany) return this.problemFor(c, 400, 'Too many filter values.', tooMany);
		const viewer = this.soViewer(c);
		if (typeof viewer === 'string') return this.problemFor(c, 400, viewer, { endUserId: [viewer] });
		const filter = this.commonFilter(c);
		if (typeof filter === 'string') return this.problemFor(c, 400, filter, { search: [filter] });
		const parties =
			Array.isArray(q.party) && q.party.length ? new Set(q.party as string[]) : undefined;
		const deleted = (q.deleted as string | undefined) ?? 'Exclude';
		const time = (name: string) =>
			typeof q[name] === 'string' ? Date.parse(q[name] as string) : undefined;
		const visibleAfter = time('visibleAfter');
		const visibleBefore = time('visibleBefore');
		const labels = Array.isArray(q.serviceOwnerLabels)
			? (q.serviceOwnerLabels as string[]).map((l) => l.toLowerCase())
			: [];
		const predicate = (d: StoredDialog) => {
			if (d.org !== org) return false;
			if (parties && !parties.has(d.party)) return false;
			if (deleted === 'Exclude' && d.deletedAt !== undefined) return false;
			if (deleted === 'Only' && d.deletedAt === undefined) return false;
			if (
				visibleAfter !== undefined &&
				(d.visibleFrom === undefined || d.visibleFrom < visibleAfter)
			)
				return false;
			if (
				visibleBefore !== undefined &&
				(d.visibleFrom === undefined || d.visibleFrom > visibleBefore)
			)
				return false;
			if (viewer.grants && !canAccess(viewer.grants, d.party, d.serviceResource)) return false;
			if (q.isContentSeen !== undefined && this.seenBy(d, viewer.actorId) !== q.isContentSeen)
				return false;
			for (const l of labels) {
				const has = l.endsWith('*')
					? d.serviceOwnerLabels.some((x) => x.toLowerCase().startsWith(l.slice(0, -1)))
					: d.serviceOwnerLabels.some((x) => x.toLowerCase() === l);
				if (!has) return false;
			}
			return filter(d);
		};
		let candidates: StoredDialog[] | undefined;
		if (parties) {
			candidates = [];
			for (const party of parties) for (const d of this.store.forParty(party)) candidates.push(d);
		}
		return this.paged(
			c,
			predicate,
			candidates,
			(d) => dialogSearchSuperset(d, viewer),
			'V1ServiceOwnerDialogsQueriesSearch_Dialog',
			'PaginatedListOfV1ServiceOwnerDialogsQueriesSearch_Dialog',
		);
	}

	private soEndUserContextSearch(c: OpContext): Response {
		const q = c.query;
		const org = c.principal!.serviceOwnerCode!;
		const parties = new Set((q.party as string[] | undefined) ?? []);
		if (parties.size === 0) return empty(400);
		const limit = q.limit === undefined ? 100 : Number(q.limit);
		if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return empty(400);
		const after =
			typeof q.contentUpdatedAfter === 'string' ? Date.parse(q.contentUpdatedAfter) : undefined;
		const labels =
			Array.isArray(q.label) && q.label.length ? new Set(q.label as string[]) : undefined;
		const token = typeof q.continuationToken === 'string' ? q.continuationToken : undefined;
		if (token !== undefined && !/^id_[0-9a-f-]{36}$/.test(token)) return empty(400);
		const from = token?.slice(3);
		const matching: StoredDialog[] = [];
		for (const party of parties) {
			for (const d of this.store.forParty(party)) {
				if (d.org !== org || d.deletedAt !== undefined) continue;
				if (after !== undefined && d.contentUpdatedAt < after) continue;
				if (labels && !d.systemLabels.some((l) => labels.has(l))) continue;
				if (from !== undefined && d.id <= from) continue;
				matching.push(d);
			}
		}
		matching.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
		const items = matching.slice(0, limit);
		const hasNextPage = matching.length > limit;
		return json(
			200,
			shape(
				'PaginatedListOfV1ServiceOwnerDialogsQueriesSearchEndUserContext_DialogEndUserContextItem',
				{
					items: items.map((d) => ({
						dialogId: d.id,
						endUserContextRevision: d.endUserContextRevision,
						systemLabels: [...d.systemLabels],
					})),
					hasNextPage,
					continuationToken: hasNextPage ? `id_${items[items.length - 1].id}` : null,
					orderBy: 'id_asc',
				},
			),
		);
	}

	private soGet(c: OpContext): Response {
		const d = this.soDialog(c, { allowDeleted: true });
		if (!(d instanceof StoredDialog)) return d;
		const viewer = this.soViewer(c);
		if (typeof viewer === 'string') return this.problemFor(c, 404, viewer);
		if (viewer.actorId && viewer.grants) {
			if (!canAccess(viewer.grants, d.party, d.serviceResource)) return empty(403);
			// "GET ...?EndUserId=..." counts as seen for that user, via the service owner.
			if (!d.seenLog.some((s) => s.actorId === viewer.actorId && s.seenAt >= d.updatedAt)) {
				const now = Date.now();
				const entry = {
					id: uuidv7(now),
					seenAt: Math.max(now, d.updatedAt),
					actorId: viewer.actorId,
					isViaServiceOwner: true,
				};
				d.seenLog = [...d.seenLog, entry];
				this.emit('dialogporten.dialog.seen.v1', d, undefined, undefined, entry.id);
			}
		}
		return this.ok(c, 'V1ServiceOwnerDialogsQueriesGet_Dialog', dialogDetailsSuperset(d, viewer));
	}

	private soActivities(c: OpContext): Response {
		const d = this.soDialog(c, { allowDeleted: true });
		if (!(d instanceof StoredDialog)) return d;
		return this.okArray(
			c,
			'V1ServiceOwnerDialogsQueriesSearchActivities_Activity',
			d.details.activities.map(activitySuperset),
		);
	}

	private soActivity(c: OpContext): Response {
		const d = this.soDialog(c);
		if (!(d instanceof StoredDialog)) return d;
		const a = d.details.activities.find((x) => x.id === c.req.params.activityId);
		if (!a)
			return this.problemFor(
				c,
				404,
				`Activity with key '${c.req.params.activityId}' was not found.`,
			);
		return this.ok(c, 'V1ServiceOwnerDialogsQueriesGetActivity_Activity', activitySuperset(a));
	}

	private soSeenLogs(c: OpContext): Response {
		const d = this.soDialog(c);
		if (!(d instanceof StoredDialog)) return d;
		return this.okArray(
			c,
			'V1ServiceOwnerDialogsQueriesSearchSeenLogs_SeenLog',
			d.seenLog.map((s) => seenEntrySuperset(s, { endUser: false })),
		);
	}

	private soSeenLog(c: OpContext): Response {
		const d = this.soDialog(c);
		if (!(d instanceof StoredDialog)) return d;
		const s = d.seenLog.find((x) => x.id === c.req.params.seenLogId);
		if (!s)
			return this.problemFor(
				c,
				404,
				`Seen log with key '${c.req.params.seenLogId}' was not found.`,
			);
		return this.ok(
			c,
			'V1ServiceOwnerDialogsQueriesGetSeenLog_SeenLog',
			seenEntrySuperset(s, { endUser: false }),
		);
	}

	private soTransmissions(c: OpContext): Response {
		const d = this.soDialog(c);
		if (!(d instanceof StoredDialog)) return d;
		return this.okArray(
			c,
			'V1ServiceOwnerDialogsQueriesSearchTransmissions_Transmission',
			d.details.transmissions.map((t) => transmissionSuperset(d, t, { endUser: false })),
		);
	}

	private soTransmission(c: OpContext): Response {
		const d = this.soDialog(c);
		if (!(d instanceof StoredDialog)) return d;
		const t = d.details.transmissions.find((x) => x.id === c.req.params.transmissionId);
		if (!t)
			return this.problemFor(
				c,
				404,
				`Transmission with key '${c.req.params.transmissionId}' was not found.`,
			);
		return this.ok(
			c,
			'V1ServiceOwnerDialogsQueriesGetTransmission_Transmission',
			transmissionSuperset(d, t, { endUser: false }),
		);
	}

	private soLabels(c: OpContext): Response {
		const d = this.soDialog(c);
		if (!(d instanceof StoredDialog)) return d;
		return json(
			200,
			d.serviceOwnerLabels.map((value) =>
				shape('V1ServiceOwnerServiceOwnerContextQueriesGetServiceOwnerLabels_ServiceOwnerLabel', {
					value,
				}),
			),
		);
	}

	private soNotificationCondition(c: OpContext): Response {
		const d = this.store.get(c.req.params.dialogId);
		if (d && d.org !== c.principal!.serviceOwnerCode) return empty(403);
		const conditionType = c.query.conditionType as string;
		const activityType = c.query.activityType as string;
		const transmissionId = c.query.transmissionId as string | undefined;
		let sendNotification = false;
		if (d && d.deletedAt === undefined) {
			const exists = d.details.activities.some(
				(a) => a.type === activityType && (!transmissionId || a.transmissionId === transmissionId),
			);
			sendNotification = conditionType === 'Exists' ? exists : !exists;
		}
		return json(
			200,
			shape('V1ServiceOwnerDialogsQueriesNotificationCondition_NotificationCondition', {
				sendNotification,
			}),
		);
	}

	// ---- service owner: commands ----------------------------------------------------------------

	private soCreate(c: OpContext): Response {
		const body = (c.body ?? {}) as Schemas['V1ServiceOwnerDialogsCommandsCreate_Dialog'];
		const org = c.principal!.serviceOwnerCode!;
		const errors = new Errors();
		const pe = partyError(body.party);
		if (pe) errors.add('Party', pe);
		const resource = Object.values(fixtureResources).find((r) => r.urn === body.serviceResource);
		if (!body.serviceResource) errors.add('ServiceResource', 'ServiceResource is required.');
		else if (!/^urn:altinn:resource:[a-z0-9_-]+$/i.test(body.serviceResource))
			errors.add('ServiceResource', "ServiceResource must be 'urn:altinn:resource:<id>'.");
		else if (!resource)
			errors.add(
				'ServiceResource',
				`Service resource '${body.serviceResource}' does not exist in the resource registry.`,
			);
		if (resource && resource.owner !== org && !errors.any) return empty(403);
		if (body.id && this.store.get(body.id)) return empty(409);
		if (body.idempotentKey && this.store.byIdempotent(org, body.idempotentKey)) return empty(409);
		const now = Date.now();
		const createdAt = body.createdAt ? Date.parse(body.createdAt) : now;
		const updatedAt = body.updatedAt ? Date.parse(body.updatedAt) : createdAt;
		if (updatedAt < createdAt)
			errors.add('UpdatedAt', 'UpdatedAt cannot be earlier than CreatedAt.');
		if (body.id && !/^[0-9a-f]{8}-[0-9a-f]{4}-7/i.test(body.id))
			errors.add('Id', 'Id must be a valid UUIDv7.');
		if (
			body.progress !== undefined &&
			body.progress !== null &&
			(body.progress < 1 || body.progress > 100)
		)
			errors.add('Progress', 'Progress must be between 1 and 100.');
		const d = new StoredDialog();
		d.id = body.id ?? uuidv7(createdAt);
		d.org = org;
		d.party = body.party ?? '';
		d.serviceResource = body.serviceResource ?? '';
		d.serviceResourceType = resource?.resourceType ?? 'GenericAccessResource';
		d.revision = uuidv4();
		d.endUserContextRevision = uuidv4();
		d.serviceOwnerContextRevision = uuidv4();
		d.idempotentKey = body.idempotentKey ?? undefined;
		d.isApiOnly = body.isApiOnly ?? false;
		d.createdAt = createdAt;
		d.updatedAt = updatedAt;
		d.contentUpdatedAt = updatedAt;
		this.applyMutable(d, body, errors, now);
		if (body.visibleFrom) d.visibleFrom = Date.parse(body.visibleFrom);
		if (body.systemLabel) d.systemLabels = [body.systemLabel];
		d.serviceOwnerLabels = (body.serviceOwnerContext?.serviceOwnerLabels ?? [])
			.map((l) => l.value ?? '')
			.filter(Boolean);
		const transmissions = (body.transmissions ?? []).map((t, i) =>
			buildTransmission(t, `Transmissions[${i}]`, now, errors, d.isApiOnly),
		);
		const transmissionIds = new Set(transmissions.map((t) => t.id));
		this.checkTransmissions(transmissions, [], transmissionIds, errors);
		const activities = (body.activities ?? []).map((a, i) =>
			buildActivity(a, `Activities[${i}]`, now, errors, transmissionIds),
		);
		if (errors.any) return this.problemFor(c, 400, 'Validation failed.', errors.fields);
		d.details.transmissions = transmissions;
		d.details.activities = activities;
		this.store.add(d);
		this.ctx.counters.increment('dialogporten.created', org);
		this.emit('dialogporten.dialog.created.v1', d);
		for (const a of activities) this.emitActivity(d, a);
		for (const t of transmissions) this.emitTransmission(d, t);
		return json(201, d.id, {
			Etag: d.revision,
			Location: `/dialogporten/api/v1/serviceowner/dialogs/${d.id}`,
		});
	}

	/** Fields that create, PUT and PATCH all set. */
	private applyMutable(
		d: StoredDialog,
		body:
			| Schemas['V1ServiceOwnerDialogsCommandsUpdate_Dialog']
			| Schemas['V1ServiceOwnerDialogsCommandsCreate_Dialog'],
		errors: Errors,
		now: number,
	): void {
		d.status = outputStatus(body.status);
		d.extendedStatus = body.extendedStatus ?? undefined;
		d.externalReference = body.externalReference ?? undefined;
		d.progress = body.progress ?? undefined;
		d.process = body.process ?? undefined;
		d.precedingProcess = body.precedingProcess ?? undefined;
		d.dueAt = body.dueAt ? Date.parse(body.dueAt) : undefined;
		d.expiresAt = body.expiresAt ? Date.parse(body.expiresAt) : undefined;
		if (
			body.progress !== undefined &&
			body.progress !== null &&
			(body.progress < 1 || body.progress > 100)
		)
			errors.add('Progress', 'Progress must be between 1 and 100.');
		if (body.process && !/^[a-z][a-z0-9+.-]*:/i.test(body.process))
			errors.add('Process', 'Process must be a URI.');
		const content = buildContent(body.content, d.isApiOnly, errors);
		d.details = {
			...d.details,
			content,
			attachments: buildAttachments(body.attachments, 'Attachments', now, errors),
			guiActions: buildGuiActions(body.guiActions, now, errors),
			apiActions: buildApiActions(body.apiActions, now, errors),
			searchTags: (body.searchTags ?? []).map((t) => t.value ?? '').filter(Boolean),
		};
	}

	private checkTransmissions(
		added: Transmission[],
		existing: Transmission[],
		ids: Set<string>,
		errors: Errors,
	): void {
		const keys = new Set(existing.map((t) => t.idempotentKey).filter(Boolean));
		for (const [i, t] of added.entries()) {
			if (t.relatedTransmissionId && !ids.has(t.relatedTransmissionId))
				errors.add(
					`Transmissions[${i}].RelatedTransmissionId`,
					`Transmission ${t.relatedTransmissionId} does not exist in the dialog.`,
				);
			if (t.idempotentKey) {
				if (keys.has(t.idempotentKey))
					errors.add(
						`Transmissions[${i}].IdempotentKey`,
						`IdempotentKey '${t.idempotentKey}' is already used in the dialog.`,
					);
				keys.add(t.idempotentKey);
			}
		}
	}

	private soUpdate(c: OpContext): Response {
		const d = this.soDialog(c, { write: true });
		if (!(d instanceof StoredDialog)) return d;
		const mismatch = this.ifMatch(c, d.revision);
		if (mismatch) return mismatch;
		return this.replaceDialog(
			c,
			d,
			c.body as Schemas['V1ServiceOwnerDialogsCommandsUpdate_Dialog'],
		);
	}

	private replaceDialog(
		c: OpContext,
		d: StoredDialog,
		body: Schemas['V1ServiceOwnerDialogsCommandsUpdate_Dialog'],
	): Response {
		const now = Date.now();
		const errors = new Errors();
		const existing = d.details;
		if (existing.transmissions.some((t) => !t.content) && d.isApiOnly && body.isApiOnly === false) {
			errors.add(
				'IsApiOnly',
				'IsApiOnly cannot be reverted to false: transmissions without content exist.',
			);
		}
		const newTransmissions = (body.transmissions ?? []).map((t, i) =>
			buildTransmission(t, `Transmissions[${i}]`, now, errors, body.isApiOnly ?? false),
		);
		if (newTransmissions.some((t) => existing.transmissions.some((x) => x.id === t.id)))
			return empty(409);
		if (
			newTransmissions.some(
				(t) =>
					t.idempotentKey &&
					existing.transmissions.some((x) => x.idempotentKey === t.idempotentKey),
			)
		)
			return empty(409);
		const ids = new Set([...existing.transmissions, ...newTransmissions].map((t) => t.id));
		this.checkTransmissions(newTransmissions, existing.transmissions, ids, errors);
		const newActivities = (body.activities ?? []).map((a, i) =>
			buildActivity(a, `Activities[${i}]`, now, errors, ids),
		);
		if (newActivities.some((a) => existing.activities.some((x) => x.id === a.id)))
			return empty(409);
		const before = JSON.stringify([existing.content, d.status, d.extendedStatus]);
		const scratch = Object.assign(new StoredDialog(), { isApiOnly: body.isApiOnly ?? false });
		scratch.details = { ...existing };
		this.applyMutable(scratch, body, errors, now);
		if (errors.any) return this.problemFor(c, 400, 'Validation failed.', errors.fields);
		d.isApiOnly = body.isApiOnly ?? false;
		this.applyMutable(d, body, new Errors(), now);
		d.details = {
			...d.details,
			transmissions: [...existing.transmissions, ...newTransmissions],
			activities: [...existing.activities, ...newActivities],
		};
		const contentChanged =
			before !== JSON.stringify([d.details.content, d.status, d.extendedStatus]) ||
			newTransmissions.length > 0;
		this.changed(d, { content: contentChanged, at: now });
		this.emit('dialogporten.dialog.updated.v1', d);
		for (const a of newActivities) this.emitActivity(d, a);
		for (const t of newTransmissions) this.emitTransmission(d, t);
		return empty(204, { Etag: d.revision });
	}

	/** The document a JSON Patch applies to: the dialog in the PUT (update) model. */
	updateModel(d: StoredDialog): Record<string, unknown> {
		const superset = dialogDetailsSuperset(d, { endUser: false });
		const model = shape('V1ServiceOwnerDialogsCommandsUpdate_Dialog', superset) as Record<
			string,
			unknown
		>;
		model.status = d.status;
		return model;
	}

	private soPatch(c: OpContext): Response {
		const d = this.soDialog(c, { write: true });
		if (!(d instanceof StoredDialog)) return d;
		const mismatch = this.ifMatch(c, d.revision);
		if (mismatch) return mismatch;
		const ops = (c.body ?? []) as PatchOperation[];
		for (const [i, op] of ops.entries()) {
			const path = op.path ?? '';
			if (
				/^\/(activities|transmissions)(\/|$)/.test(path) ||
				/^\/(activities|transmissions)(\/|$)/.test(op.from ?? '')
			) {
				const list = path.split('/')[1] as 'activities' | 'transmissions';
				const appendOnly =
					op.op === 'add' &&
					(path === `/${list}/-` || path === `/${list}/${d.details[list].length}`);
				if (!appendOnly) {
					return this.problemFor(
						c,
						400,
						'Activities and transmissions are immutable: only appending is allowed.',
						{
							[`[${i}].path`]: [
								`'${op.op}' on '${path}' is not allowed; the list of ${list} is immutable (use add with '/${list}/-').`,
							],
						},
					);
				}
			}
		}
		const base = this.updateModel(d);
		const existing = {
			activities: (base.activities as unknown[] | undefined)?.length ?? 0,
			transmissions: (base.transmissions as unknown[] | undefined)?.length ?? 0,
		};
		let patched: Record<string, unknown>;
		try {
			patched = applyPatch(base, ops);
		} catch (e) {
			if (e instanceof PatchError)
				return this.problemFor(c, e.testFailed ? 422 : 400, e.message, {
					patchDocument: [e.message],
				});
			throw e;
		}
		const problems = this.ctx.spec.validateRequestBody(
			'V1ServiceOwnerDialogsCommandsUpdate_Dialog',
			'application/json',
			patched as never,
		);
		if (problems.length)
			return this.problemFor(c, 400, 'The patched dialog is not a valid dialog.', {
				patchDocument: problems,
			});
		const body = patched as Schemas['V1ServiceOwnerDialogsCommandsUpdate_Dialog'];
		body.activities = (body.activities ?? []).slice(existing.activities);
		body.transmissions = (body.transmissions ?? []).slice(existing.transmissions);
		return this.replaceDialog(c, d, body);
	}

	private soDelete(c: OpContext): Response {
		const d = this.soDialog(c, { write: true });
		if (!(d instanceof StoredDialog)) return d;
		const mismatch = this.ifMatch(c, d.revision);
		if (mismatch) return mismatch;
		d.deletedAt = Date.now();
		this.changed(d);
		this.emit('dialogporten.dialog.deleted.v1', d);
		return empty(204, { Etag: d.revision });
	}

	private soPurge(c: OpContext): Response {
		const d = this.soDialog(c, { allowDeleted: true, write: true });
		if (!(d instanceof StoredDialog)) return d;
		const mismatch = this.ifMatch(c, d.revision);
		if (mismatch) return mismatch;
		this.store.remove(d);
		if (d.deletedAt === undefined) this.emit('dialogporten.dialog.deleted.v1', d);
		return empty(204);
	}

	private soRestore(c: OpContext): Response {
		const d = this.soDialog(c, { allowDeleted: true });
		if (!(d instanceof StoredDialog)) return d;
		const mismatch = this.ifMatch(c, d.revision);
		if (mismatch) return mismatch;
		if (d.deletedAt === undefined) return empty(204);
		d.deletedAt = undefined;
		this.changed(d);
		this.emit('dialogporten.dialog.restored.v1', d);
		return empty(204);
	}

	private soFreeze(c: OpContext): Response {
		const d = this.soDialog(c);
		if (!(d instanceof StoredDialog)) return d;
		const mismatch = this.ifMatch(c, d.revision);
		if (mismatch) return mismatch;
		if (!d.frozen) {
			d.frozen = true;
			this.changed(d);
			this.emit('dialogporten.dialog.updated.v1', d);
		}
		return empty(204, { Etag: d.revision });
	}

	private soCreateActivity(c: OpContext): Response {
		const d = this.soDialog(c, { write: true });
		if (!(d instanceof StoredDialog)) return d;
		const mismatch = this.ifMatch(c, d.revision);
		if (mismatch) return mismatch;
		const errors = new Errors();
		const now = Date.now();
		const a = buildActivity(
			c.body as never,
			'Activity',
			now,
			errors,
			new Set(d.details.transmissions.map((t) => t.id)),
		);
		if (errors.any) return this.problemFor(c, 400, 'Validation failed.', errors.fields);
		if (d.details.activities.some((x) => x.id === a.id)) return empty(409);
		d.details.activities.push(a);
		this.changed(d, { at: now });
		this.emit('dialogporten.dialog.updated.v1', d);
		this.emitActivity(d, a);
		return json(201, a.id, {
			Etag: d.revision,
			Location: `/dialogporten/api/v1/serviceowner/dialogs/${d.id}/activities/${a.id}`,
		});
	}

	private soCreateTransmission(c: OpContext): Response {
		const d = this.soDialog(c, { write: true });
		if (!(d instanceof StoredDialog)) return d;
		const mismatch = this.ifMatch(c, d.revision);
		if (mismatch) return mismatch;
		const errors = new Errors();
		const now = Date.now();
		const t = buildTransmission(c.body as never, 'Transmission', now, errors, d.isApiOnly);
		const existing = d.details.transmissions;
		if (
			existing.some((x) => x.id === t.id) ||
			(t.idempotentKey && existing.some((x) => x.idempotentKey === t.idempotentKey))
		)
			return empty(409);
		this.checkTransmissions([t], existing, new Set([...existing.map((x) => x.id), t.id]), errors);
		if (errors.any) return this.problemFor(c, 400, 'Validation failed.', errors.fields);
		existing.push(t);
		this.changed(d, { content: true, at: now });
		this.emit('dialogporten.dialog.updated.v1', d);
		this.emitTransmission(d, t);
		return json(201, t.id, {
			Etag: d.revision,
			Location: `/dialogporten/api/v1/serviceowner/dialogs/${d.id}/transmissions/${t.id}`,
		});
	}

	private soUpdateTransmission(c: OpContext): Response {
		const d = this.soDialog(c, { write: true });
		if (!(d instanceof StoredDialog)) return d;
		const mismatch = this.ifMatch(c, d.revision);
		if (mismatch) return mismatch;
		const list = d.details.transmissions;
		const index = list.findIndex((t) => t.id === c.req.params.transmissionId);
		if (index < 0)
			return this.problemFor(
				c,
				404,
				`Transmission with key '${c.req.params.transmissionId}' was not found.`,
			);
		const body =
			c.body as Schemas['V1ServiceOwnerDialogsCommandsUpdateTransmission_TransmissionRequest'];
		const errors = new Errors();
		const now = Date.now();
		const t = buildTransmission(
			{
				...body,
				id: list[index].id,
				createdAt: body.createdAt ?? iso(list[index].createdAt)!,
			} as never,
			'Transmission',
			now,
			errors,
			d.isApiOnly,
		);
		if (t.idempotentKey && list.some((x, i) => i !== index && x.idempotentKey === t.idempotentKey))
			return empty(409);
		this.checkTransmissions([t], [], new Set(list.map((x) => x.id)), errors);
		if (errors.any) return this.problemFor(c, 400, 'Validation failed.', errors.fields);
		list[index] = t;
		this.changed(d, { content: !body.isSilentUpdate, at: now });
		// A silent update sends no events to Altinn Events.
		if (!body.isSilentUpdate) this.emit('dialogporten.dialog.updated.v1', d);
		return empty(204, { Etag: d.revision });
	}

	private soCreateLabel(c: OpContext): Response {
		const d = this.soDialog(c);
		if (!(d instanceof StoredDialog)) return d;
		const mismatch = this.ifMatch(c, d.serviceOwnerContextRevision);
		if (mismatch) return mismatch;
		const value = ((c.body ?? {}) as { value?: string }).value;
		if (typeof value !== 'string' || value.length < 3 || value.length > 255)
			return this.problemFor(c, 400, 'Label value must be between 3 and 255 characters.', {
				value: ['Label value must be between 3 and 255 characters.'],
			});
		if (d.serviceOwnerLabels.some((l) => l.toLowerCase() === value.toLowerCase()))
			return empty(409);
		d.serviceOwnerLabels = [...d.serviceOwnerLabels, value];
		d.serviceOwnerContextRevision = uuidv4();
		return empty(204, { Etag: d.serviceOwnerContextRevision });
	}

	private soDeleteLabel(c: OpContext): Response {
		const d = this.soDialog(c);
		if (!(d instanceof StoredDialog)) return d;
		const mismatch = this.ifMatch(c, d.serviceOwnerContextRevision);
		if (mismatch) return mismatch;
		const index = d.serviceOwnerLabels.findIndex(
			(l) => l.toLowerCase() === c.req.params.label.toLowerCase(),
		);
		if (index < 0)
			return this.problemFor(c, 404, `Label '${c.req.params.label}' was not found on the dialog.`);
		d.serviceOwnerLabels = d.serviceOwnerLabels.filter((_, i) => i !== index);
		d.serviceOwnerContextRevision = uuidv4();
		return empty(204, { Etag: d.serviceOwnerContextRevision });
	}

	private soSetLabels(c: OpContext): Response {
		const d = this.soDialog(c);
		if (!(d instanceof StoredDialog)) return d;
		const mismatch = this.ifMatch(c, d.endUserContextRevision);
		if (mismatch) return mismatch;
		const body =
			c.body as Schemas['V1ServiceOwnerEndUserContextCommandsSetSystemLabel_SetDialogSystemLabelRequest'];
		const user = this.endUserFromQuery(c, 'enduserId');
		if (typeof user === 'string') return this.problemFor(c, 400, user, { enduserId: [user] });
		if (!user && !body.performedBy)
			return this.problemFor(c, 400, 'enduserId is required.', {
				enduserId: ['enduserId is required (performedBy is only for admin integrations).'],
			});
		if (user && !canAccess(user.grants, d.party, d.serviceResource)) return empty(403);
		const errors = new Errors();
		const performedBy = body.performedBy
			? actorFrom(body.performedBy, 'PerformedBy', errors)
			: {
					actorType: 'PartyRepresentative' as const,
					actorId: user!.actorId,
					actorName: user!.name,
				};
		if (errors.any) return this.problemFor(c, 400, 'Validation failed.', errors.fields);
		this.applyLabels(d, body, performedBy);
		return empty(204, { Etag: d.endUserContextRevision });
	}
}
