// One Dialogporten request as its handler sees it (parsed query, body, caller), with the lookups
// almost every operation starts with. A lookup that fails throws the response Dialogporten gives
// (problem details for 404/410/412, an empty 403), which the HTTP layer sends.
import { canAccess, endUserParties, type Principal } from '../auth';
import type { operations } from '../../nodes/Dialogporten/helpers/dialogportenApi.generated';
import { empty, header, HttpError, json, problem, type Request, type Response } from '../http';
import type { Schemas, StoredDialog } from './model';
import type { DialogState } from './state';
import { pruneLocalizations, type AcceptedLanguage } from './languages';
import { shape } from './shape';

export type OperationId = keyof operations;

/** Which API an operation belongs to: decides the scopes and identities it accepts. */
export type Api = 'enduser' | 'serviceowner' | 'metadata';

export type OperationHandler = (op: Operation) => Promise<Response> | Response;

export interface OperationEntry {
	api: Api;
	handle: OperationHandler;
}

/** A resource's operations; `satisfies OperationTable` rejects a misspelt operation id. */
export type OperationTable = { [K in OperationId]?: OperationEntry };

export const endUser = (handle: OperationHandler): OperationEntry => ({ api: 'enduser', handle });
export const serviceOwner = (handle: OperationHandler): OperationEntry => ({
	api: 'serviceowner',
	handle,
});
export const metadata = (handle: OperationHandler): OperationEntry => ({ api: 'metadata', handle });

/**
 * Statuses an operation answers with although the document does not declare them, because the
 * documentation says so. The delete operation's description: "If end users attempt to access the
 * dialog via the details endpoint, they will get a 410 Gone response", but the end-user GET declares
 * no 410. The stand-in follows the description (with no body, like every undeclared-body 410).
 */
export const DOCUMENTED_UNDECLARED: Partial<Record<OperationId, number[]>> = {
	V1EndUserDialogsQueriesGet_Dialog: [410],
};

export class Operation {
	constructor(
		readonly state: DialogState,
		readonly operationId: OperationId,
		readonly req: Request,
		private readonly caller: Principal | undefined,
		readonly query: Record<string, unknown>,
		readonly body: unknown,
		readonly languages: AcceptedLanguage[],
	) {}

	/** The authenticated caller (every operation outside the metadata API has one). */
	get principal(): Principal {
		if (!this.caller) throw new Error(`${this.operationId} has no authenticated caller`);
		return this.caller;
	}

	get store() {
		return this.state.store;
	}

	get params(): Record<string, string> {
		return this.req.params;
	}

	/** The response for `status`: problem details if the operation declares a body for it. */
	problem(status: number, detail: string, errors?: Record<string, string[]>): Response {
		const declared = this.state.ctx.spec.operation(this.operationId).responses[String(status)];
		if (!declared || declared.contentTypes.length === 0) return empty(status);
		return problem(this.req, status, detail, {
			errors,
			contentType: declared.contentTypes[0],
		});
	}

	/** Ends the operation with {@link problem}. */
	fail(status: number, detail: string, errors?: Record<string, string[]>): never {
		throw new HttpError(this.problem(status, detail, errors));
	}

	forbidden(): never {
		throw new HttpError(empty(403));
	}

	declares(status: number): boolean {
		return !!this.state.ctx.spec.operation(this.operationId).responses[String(status)];
	}

	ok<K extends keyof Schemas>(schema: K, superset: unknown): Response {
		return json(200, shape(schema, pruneLocalizations(superset, this.languages)));
	}

	okArray<K extends keyof Schemas>(schema: K, supersets: unknown[]): Response {
		return json(
			200,
			supersets.map((s) => shape(schema, pruneLocalizations(s, this.languages))),
		);
	}

	/** An end user's dialog: 404 if missing or not yet visible, 403 if not authorized, 410 if deleted/expired. */
	endUserDialog(): StoredDialog {
		const d = this.store.get(this.params.dialogId);
		if (!d || (d.visibleFrom !== undefined && d.visibleFrom > Date.now()))
			this.fail(404, `Dialog with key '${this.params.dialogId}' was not found.`);
		if (!canAccess(endUserParties(this.principal), d.party, d.serviceResource)) this.forbidden();
		const gone =
			d.deletedAt !== undefined || (d.expiresAt !== undefined && d.expiresAt < Date.now());
		if (gone) {
			if (this.declares(410) || DOCUMENTED_UNDECLARED[this.operationId]?.includes(410))
				throw new HttpError(empty(410));
			this.fail(404, `Dialog with key '${d.id}' was not found.`);
		}
		return d;
	}

	/**
	 * A service owner's dialog: 404 if missing, 403 if owned by another service owner, 410 (or 404)
	 * if deleted unless `allowDeleted`, 403 if frozen and `write`.
	 */
	serviceOwnerDialog(opts: { allowDeleted?: boolean; write?: boolean } = {}): StoredDialog {
		const d = this.store.get(this.params.dialogId);
		if (!d) this.fail(404, `Dialog with key '${this.params.dialogId}' was not found.`);
		if (d.org !== this.principal.serviceOwnerCode) this.forbidden();
		if (d.deletedAt !== undefined && !opts.allowDeleted) {
			if (this.declares(410))
				this.fail(410, `Entity 'Dialog' with key '${d.id}' is removed, and cannot be changed.`);
			this.fail(404, `Dialog with key '${d.id}' was not found.`);
		}
		if (opts.write && d.frozen) this.forbidden();
		return d;
	}

	/** 412 when an If-Match header is given and does not match `current`. */
	requireRevision(current: string): void {
		const value = header(this.req, 'if-match');
		if (value === undefined || value === '') return;
		if (value.toLowerCase() !== current.toLowerCase())
			this.fail(
				412,
				'The supplied If-Match header did not match the current Revision value for the dialog. The request was not applied.',
			);
	}
}
